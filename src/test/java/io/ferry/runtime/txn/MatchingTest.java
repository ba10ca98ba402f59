package io.ferry.runtime.txn;

import static io.ferry.runtime.txn.TransactionFixtures.BRANCH;
import static io.ferry.runtime.txn.TransactionFixtures.FROM_TAG;
import static io.ferry.runtime.txn.TransactionFixtures.branchOf;
import static io.ferry.runtime.txn.TransactionFixtures.invite;
import static io.ferry.runtime.txn.TransactionFixtures.options;
import static io.ferry.runtime.txn.TransactionFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.Via;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Matching: client transactions (RFC 3261 §17.1.3), server transactions (§17.2.3, with the RFC
 * 2543 fallback), CANCEL (§9.2), merged requests (§8.2.2.2), branches (§8.1.1.7).
 */
class MatchingTest {

    private static final String URI = "sip:bob@biloxi.example.com";
    private static final String HOST = "pc33.atlanta.example.com";

    private final TransactionFixtures fx = new TransactionFixtures();

    private List<FakeTransactionUser.Request> requests() {
        return fx.user.of(FakeTransactionUser.Request.class);
    }

    // ------------------------------------------------------------------ client side, §17.1.3

    @Test
    void rfc3261_17_1_3_response_matchesByBranchAndCSeqMethod() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        SipRequest sent = udp.channel().lastRequest();
        // same branch, CSeq method CANCEL: the response of another transaction
        SipResponse forCancel = request("CANCEL", BRANCH, null, 314159).createResponse(200, null);
        fx.layer.onResponse(udp.flow(), forCancel);
        assertEquals(TransactionState.CALLING, txn.state());
        assertEquals(1, fx.user.of(FakeTransactionUser.Stray.class).size());
        fx.layer.onResponse(udp.flow(), sent.createResponse(180, null));
        assertEquals(TransactionState.PROCEEDING, txn.state());
    }

    @Test
    void rfc3261_17_1_3_unmatchedResponse_isStray_toTu() {
        FakeFlow udp = fx.udp();
        SipResponse ok = request("INVITE", "z9hG4bKnobody", null, 1).createResponse(200, null);
        fx.layer.onResponse(udp.flow(), ok);
        List<FakeTransactionUser.Stray> strays = fx.user.of(FakeTransactionUser.Stray.class);
        assertEquals(1, strays.size());
        assertSame(udp.flow(), strays.get(0).flow());
        assertSame(ok, strays.get(0).response());
    }

    @Test
    void rfc3261_8_1_1_7_missingBranch_isAdded_withMagicCookie() throws SipParseException {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(request("OPTIONS", null, null, 1), udp.flow());
        String branch = branchOf(udp.channel().last());
        assertTrue(branch.startsWith("z9hG4bK") && branch.length() > 7 + 16, branch);
        assertEquals(branch, txn.branch());
        assertEquals(HOST, txn.request().topVia().orElseThrow().host(), "the rest of the Via is kept");
        ClientTransaction other = fx.layer.sendRequest(request("OPTIONS", null, null, 2), udp.flow());
        assertTrue(!other.branch().equals(branch), "each request gets its own branch");
    }

    @Test
    void rfc3261_8_1_1_7_missingVia_isAdded_fromTheFlow() throws SipParseException {
        FakeFlow tcp = fx.tcp();
        SipRequest noVia = options().withoutHeader("Via");
        fx.layer.sendRequest(noVia, tcp.flow());
        Via via = tcp.channel().last().topVia().orElseThrow();
        assertEquals("TCP", via.transport());
        assertEquals("192.0.2.1", via.host());
        assertEquals(5060, via.port());
        assertTrue(via.branch().startsWith("z9hG4bK"));
    }

    @Test
    void rfc3261_17_1_1_3_ack_isNotATransaction() {
        FakeFlow udp = fx.udp();
        assertThrows(IllegalArgumentException.class, () -> fx.layer.sendRequest(request("ACK", BRANCH, "x", 1), udp.flow()));
    }

    @Test
    void rfc3261_17_1_3_sameBranchAndMethodTwice_isRefused() {
        FakeFlow udp = fx.udp();
        fx.layer.sendRequest(options(), udp.flow());
        assertThrows(IllegalStateException.class, () -> fx.layer.sendRequest(options(), udp.flow()));
    }

    // ------------------------------------------------------------------ server side, §17.2.3

    @Test
    void rfc3261_17_2_3_sameBranch_otherSentBy_isANewTransaction() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), invite());
        fx.layer.onRequest(udp.flow(), request("INVITE", URI, "other.example.com", BRANCH, null, "other", 1));
        assertEquals(2, requests().size());
        assertEquals(2, fx.layer.serverTransactionCount());
    }

    @Test
    void rfc3261_17_2_3_sentByHost_isCaseInsensitive() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), invite());
        fx.layer.onRequest(udp.flow(), request("INVITE", URI, HOST.toUpperCase(), BRANCH, null, FROM_TAG, 314159));
        assertEquals(1, requests().size(), "a retransmission");
    }

    @Test
    void rfc3261_17_2_3_sameBranch_otherMethod_isANewTransaction() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), options());
        fx.layer.onRequest(udp.flow(), request("INFO", BRANCH, "to1", 2));
        assertEquals(2, requests().size());
    }

    @Test
    void rfc3261_17_2_3_ackForTwoHundred_withNewBranch_goesToTu() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), invite());
        ServerTransaction txn = requests().get(0).txn();
        txn.respond(invite().createResponse(200, null, () -> "bobtag"));
        SipRequest ack = request("ACK", "z9hG4bKnewbranch", "bobtag", 314159);
        fx.layer.onRequest(udp.flow(), ack);
        List<FakeTransactionUser.Ack> acks = fx.user.of(FakeTransactionUser.Ack.class);
        assertEquals(1, acks.size());
        assertEquals(Optional.empty(), acks.get(0).invite(), "the ACK for a 2xx is its own transaction");
        assertSame(ack, acks.get(0).ack());
    }

    @Test
    void rfc3261_17_2_3_strayAck_goesToTu() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), request("ACK", "z9hG4bKstray", "t", 5));
        assertEquals(1, fx.user.of(FakeTransactionUser.Ack.class).size());
        assertEquals(0, fx.layer.serverTransactionCount());
    }

    @Test
    void rfc3261_17_2_3_rfc2543_retransmission_matchesWithoutMagicCookie() {
        FakeFlow udp = fx.udp();
        SipRequest legacy = request("INVITE", null, null, 7);
        fx.layer.onRequest(udp.flow(), legacy);
        fx.layer.onRequest(udp.flow(), request("INVITE", null, null, 7));
        assertEquals(1, requests().size());
        fx.layer.onRequest(udp.flow(), request("INVITE", null, null, 8));
        assertEquals(2, requests().size(), "another CSeq is another transaction");
        fx.layer.onRequest(udp.flow(), request("INVITE", "1234", null, 9));
        fx.layer.onRequest(udp.flow(), request("INVITE", "1234", null, 9));
        assertEquals(3, requests().size(), "a branch without the cookie is RFC 2543 matched too");
    }

    @Test
    void rfc3261_17_2_3_rfc2543_ack_matchesByTheToTagOfTheResponse() {
        FakeFlow udp = fx.udp();
        SipRequest legacy = request("INVITE", null, null, 7);
        fx.layer.onRequest(udp.flow(), legacy);
        ServerTransaction txn = requests().get(0).txn();
        txn.respond(legacy.createResponse(486, null, () -> "busytag"));
        fx.layer.onRequest(udp.flow(), request("ACK", null, "wrongtag", 7));
        assertEquals(TransactionState.COMPLETED, txn.state(), "another To tag: not this transaction's ACK");
        assertEquals(1, fx.user.of(FakeTransactionUser.Ack.class).size());
        fx.layer.onRequest(udp.flow(), request("ACK", null, "busytag", 7));
        assertEquals(TransactionState.CONFIRMED, txn.state());
        assertEquals(1, fx.user.of(FakeTransactionUser.Ack.class).size());
    }

    @Test
    void rfc3261_17_2_3_rfc2543_otherRequestUri_doesNotMatch() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), request("INVITE", null, null, 7));
        ServerTransaction txn = requests().get(0).txn();
        txn.respond(request("INVITE", null, null, 7).createResponse(486, null, () -> "t9"));
        udp.channel().clear();
        fx.layer.onRequest(udp.flow(), request("INVITE", "sip:carol@biloxi.example.com", HOST, null, null, FROM_TAG, 7));
        assertEquals(0, udp.channel().count(), "not treated as a retransmission");
        assertEquals(1, requests().size());
    }

    // ------------------------------------------------------------------ CANCEL, §9.2

    @Test
    void rfc3261_9_2_cancelMatchesInvite_orGets481() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), invite());
        ServerTransaction invite = requests().get(0).txn();
        invite.respond(invite().createResponse(180, null, () -> "ringtag"));
        udp.channel().clear();

        SipRequest cancel = request("CANCEL", BRANCH, null, 314159);
        fx.layer.onRequest(udp.flow(), cancel);
        assertEquals(List.of("200"), udp.channel().summary());
        assertEquals("ringtag", TransactionFixtures.toTag(udp.channel().lastResponse()), "§9.2: the INVITE's To tag");
        List<FakeTransactionUser.Cancel> cancels = fx.user.of(FakeTransactionUser.Cancel.class);
        assertEquals(1, cancels.size());
        assertSame(invite, cancels.get(0).invite());
        assertEquals(1, requests().size(), "the CANCEL is not a new request for the TU");
        assertEquals(TransactionState.PROCEEDING, invite.state(), "the TU decides what happens to the INVITE");

        udp.channel().clear();
        fx.layer.onRequest(udp.flow(), request("CANCEL", "z9hG4bKunknown", null, 314159));
        assertEquals(List.of("481"), udp.channel().summary());
        assertEquals(1, fx.user.of(FakeTransactionUser.Cancel.class).size());
    }

    @Test
    void rfc3261_9_2_cancelRetransmission_getsTheSameResponse_andTuHearsOnce() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), invite());
        udp.channel().clear();
        fx.layer.onRequest(udp.flow(), request("CANCEL", BRANCH, null, 314159));
        fx.layer.onRequest(udp.flow(), request("CANCEL", BRANCH, null, 314159));
        assertEquals(List.of("200", "200"), udp.channel().summary());
        assertEquals(1, fx.user.of(FakeTransactionUser.Cancel.class).size());
    }

    @Test
    void rfc3261_9_2_cancelAfterFinalResponse_gets200_tuNotTold() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), invite());
        requests().get(0).txn().respond(invite().createResponse(200, null));
        udp.channel().clear();
        fx.layer.onRequest(udp.flow(), request("CANCEL", BRANCH, null, 314159));
        assertEquals(List.of("200"), udp.channel().summary());
        assertEquals(List.of(), fx.user.of(FakeTransactionUser.Cancel.class));
    }

    @Test
    void rfc3261_9_2_rfc2543_cancel_matchesTheInvite() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), request("INVITE", null, null, 7));
        udp.channel().clear();
        fx.layer.onRequest(udp.flow(), request("CANCEL", null, null, 7));
        assertEquals(List.of("200"), udp.channel().summary());
        assertEquals(1, fx.user.of(FakeTransactionUser.Cancel.class).size());
    }

    // ------------------------------------------------------------------ merged requests, §8.2.2.2

    @Test
    void rfc3261_8_2_2_2_mergedRequest_answers482() {
        FakeFlow a = fx.udp();
        FakeFlow b = fx.udp();
        fx.layer.onRequest(a.flow(), invite());
        SipRequest forked = request("INVITE", URI, "proxy2.example.com", "z9hG4bKfork2", null, FROM_TAG, 314159);
        fx.layer.onRequest(b.flow(), forked);
        assertEquals(1, requests().size(), "the TU sees only the first copy");
        assertEquals(List.of("482"), b.channel().summary());
        fx.layer.onRequest(b.flow(), forked);
        assertEquals(List.of("482", "482"), b.channel().summary(), "its retransmission gets the 482 again");
        assertEquals(1, requests().size());
    }

    @Test
    void rfc3261_8_2_2_2_requestWithToTag_isNotMerged() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), request("INFO", BRANCH, "dlg", 5));
        fx.layer.onRequest(udp.flow(), request("INFO", URI, "proxy2.example.com", "z9hG4bKfork2", "dlg", FROM_TAG, 5));
        assertEquals(2, requests().size());
    }

    @Test
    void rfc3261_8_2_2_2_requestAfterTheTransactionEnded_isNotMerged() {
        FakeFlow tcp = fx.tcp();
        fx.layer.onRequest(tcp.flow(), options());
        requests().get(0).txn().respond(options().createResponse(200, null));
        fx.layer.onRequest(tcp.flow(), request("OPTIONS", URI, "proxy2.example.com", "z9hG4bKfork2", null, FROM_TAG, 63104));
        assertEquals(2, requests().size());
    }

    @Test
    void rfc3261_8_2_2_2_spiralThroughThisLayer_isNotMerged() {
        FakeFlow in = fx.udp();
        FakeFlow out = fx.udp();
        fx.layer.onRequest(in.flow(), invite());
        // the TU proxies it with its own Via on top; it comes back to us (a spiral)
        SipRequest proxied = invite().withPrependedHeader("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy1");
        fx.layer.sendRequest(proxied, out.flow());
        SipRequest spiral = proxied.withPrependedHeader("Via", "SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bKproxy1x")
                .withRequestUri("sip:bob@192.0.2.99");
        fx.layer.onRequest(out.flow(), spiral);
        assertEquals(2, requests().size());
    }

    @Test
    void rfc3261_8_2_2_2_mergeDetectionOff_passesBothToTu() {
        TransactionFixtures off = new TransactionFixtures(TransactionConfig.DEFAULT.withRejectMergedRequests(false));
        FakeFlow udp = off.udp();
        off.layer.onRequest(udp.flow(), invite());
        off.layer.onRequest(udp.flow(), request("INVITE", URI, "proxy2.example.com", "z9hG4bKfork2", null, FROM_TAG, 314159));
        assertEquals(2, off.user.of(FakeTransactionUser.Request.class).size());
    }
}
