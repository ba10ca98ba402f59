package io.ferry.runtime.txn;

import static io.ferry.runtime.txn.TransactionFixtures.branchOf;
import static io.ferry.runtime.txn.TransactionFixtures.invite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.1 and RFC 6026 §8.4: the INVITE client transaction, transition by transition. */
class InviteClientTransactionTest {

    private final TransactionFixtures fx = new TransactionFixtures();

    private SipResponse answer(FakeFlow flow, int status) {
        return ((SipRequest) flow.channel().message(0)).createResponse(status, null);
    }

    @Test
    void rfc3261_17_1_1_2_invite_isSent_inCalling() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        assertEquals(TransactionState.CALLING, txn.state());
        assertEquals(List.of("INVITE"), udp.channel().summary());
        assertEquals(TransactionFixtures.BRANCH, branchOf(udp.channel().last()));
        assertEquals(1, fx.layer.clientTransactionCount());
    }

    @Test
    void rfc3261_17_1_1_2_timerA_doublesEachTime_onUdpOnly() {
        FakeFlow udp = fx.udp();
        fx.layer.sendRequest(invite(), udp.flow());
        // retransmissions at 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s: intervals 1, 2, 4, 8, 16 T1 (no T2 cap for INVITE)
        long[] at = {500, 1500, 3500, 7500, 15500, 31500};
        long now = 0;
        for (int i = 0; i < at.length; i++) {
            fx.advanceMillis(at[i] - 1 - now);
            assertEquals(i + 1, udp.channel().count(), "before " + at[i] + " ms");
            fx.advanceMillis(1);
            assertEquals(i + 2, udp.channel().count(), "at " + at[i] + " ms");
            now = at[i];
        }
        assertTrue(udp.channel().summary().stream().allMatch("INVITE"::equals));

        FakeFlow tcp = fx.tcp();
        fx.layer.sendRequest(TransactionFixtures.request("INVITE", "z9hG4bKtcp1", null, 1), tcp.flow());
        fx.advanceMillis(31_999);
        assertEquals(1, tcp.channel().count(), "no retransmission on a reliable transport");
    }

    @Test
    void rfc3261_17_1_1_2_timerB_fires_408() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        fx.advanceMillis(31_999);
        assertEquals(List.of(), fx.user.clientFailures());
        fx.advanceMillis(1);
        assertEquals(List.of(TransactionFailure.TIMEOUT), fx.user.clientFailures());
        assertEquals(408, TransactionFailure.TIMEOUT.responseTo(txn.request()).status());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.layer.clientTransactionCount());
        assertEquals(0, fx.clock.pending(), "no timer left behind");
    }

    @Test
    void rfc3261_17_1_1_2_timerB_fires_408_onTcp() {
        FakeFlow tcp = fx.tcp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), tcp.flow());
        fx.advance(Duration.ofSeconds(32));
        assertEquals(List.of(TransactionFailure.TIMEOUT), fx.user.clientFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
    }

    @Test
    void rfc3261_17_1_1_2_provisional_movesToProceeding_andStopsTimersAandB() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 100));
        assertEquals(TransactionState.PROCEEDING, txn.state());
        fx.layer.onResponse(udp.flow(), answer(udp, 180));
        assertEquals(List.of(100, 180), fx.user.responseStatuses());
        fx.advance(Duration.ofSeconds(120));
        assertEquals(1, udp.channel().count(), "no retransmission in Proceeding");
        assertEquals(List.of(), fx.user.clientFailures(), "Timer B does not run in Proceeding");
        assertEquals(TransactionState.PROCEEDING, txn.state());
    }

    @Test
    void rfc3261_17_1_1_2_nonTwoHundredFinal_sendsAck_andMovesToCompleted() throws SipParseException {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 180));
        SipResponse busy = answer(udp, 486);
        fx.layer.onResponse(udp.flow(), busy);
        assertEquals(TransactionState.COMPLETED, txn.state());
        assertEquals(List.of(180, 486), fx.user.responseStatuses());
        assertEquals(List.of("INVITE", "ACK"), udp.channel().summary());

        // RFC 3261 §17.1.1.3: Request-URI, Call-ID, From, CSeq number as the INVITE; To of the response; one Via
        SipRequest ack = udp.channel().lastRequest();
        SipRequest inv = txn.request();
        assertEquals(inv.requestUriText(), ack.requestUriText());
        assertEquals(inv.callId(), ack.callId());
        assertEquals(inv.from(), ack.from());
        assertEquals(busy.to(), ack.to());
        assertEquals(314159, ack.cseq().orElseThrow().number());
        assertEquals("ACK", ack.cseq().orElseThrow().method());
        assertEquals(1, ack.vias().size());
        assertEquals(inv.topVia(), ack.topVia());
    }

    @Test
    void rfc3261_17_1_1_2_retransmittedFinal_inCompleted_resendsAck_notToTu() {
        FakeFlow udp = fx.udp();
        fx.layer.sendRequest(invite(), udp.flow());
        SipResponse busy = answer(udp, 486);
        fx.layer.onResponse(udp.flow(), busy);
        fx.layer.onResponse(udp.flow(), busy);
        fx.layer.onResponse(udp.flow(), busy);
        assertEquals(List.of(486), fx.user.responseStatuses());
        assertEquals(List.of("INVITE", "ACK", "ACK", "ACK"), udp.channel().summary());
    }

    @Test
    void rfc3261_17_1_1_2_timerD_terminatesCompleted_after32s_onUdp() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 503));
        fx.advanceMillis(31_999);
        assertEquals(TransactionState.COMPLETED, txn.state());
        fx.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.layer.clientTransactionCount());
        assertEquals(List.of(), fx.user.clientFailures());
    }

    @Test
    void rfc3261_17_1_1_2_timerD_isZero_onTcp() {
        FakeFlow tcp = fx.tcp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), tcp.flow());
        fx.layer.onResponse(tcp.flow(), answer(tcp, 404));
        assertEquals(List.of("INVITE", "ACK"), tcp.channel().summary());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc6026_8_4_twoHundred_movesToAccepted_withoutAck() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 200));
        assertEquals(TransactionState.ACCEPTED, txn.state());
        assertEquals(List.of(200), fx.user.responseStatuses());
        fx.advance(Duration.ofSeconds(10));
        assertEquals(List.of("INVITE"), udp.channel().summary(), "the ACK for a 2xx is the TU's; no retransmission");
    }

    @Test
    void rfc6026_8_4_retransmittedTwoHundred_isPassedToTu_inAccepted() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 180));
        SipResponse ok = answer(udp, 200);
        fx.layer.onResponse(udp.flow(), ok);
        fx.layer.onResponse(udp.flow(), ok);
        List<FakeTransactionUser.Response> rs = fx.user.of(FakeTransactionUser.Response.class);
        assertEquals(List.of(180, 200, 200), fx.user.responseStatuses());
        assertSame(txn, rs.get(2).txn());
        assertEquals(List.of(), fx.user.of(FakeTransactionUser.Stray.class));
    }

    @Test
    void rfc6026_8_4_nonTwoHundred_isAbsorbedInAccepted() {
        FakeFlow udp = fx.udp();
        fx.layer.sendRequest(invite(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 200));
        fx.layer.onResponse(udp.flow(), answer(udp, 180));
        fx.layer.onResponse(udp.flow(), answer(udp, 486));
        assertEquals(List.of(200), fx.user.responseStatuses());
        assertEquals(List.of("INVITE"), udp.channel().summary());
    }

    @Test
    void rfc6026_8_4_timerM_terminatesAccepted() {
        FakeFlow tcp = fx.tcp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), tcp.flow());
        fx.layer.onResponse(tcp.flow(), answer(tcp, 200));
        fx.advanceMillis(31_999);
        assertEquals(TransactionState.ACCEPTED, txn.state());
        fx.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, txn.state());
        SipResponse late = answer(tcp, 200);
        fx.layer.onResponse(tcp.flow(), late);
        assertEquals(1, fx.user.of(FakeTransactionUser.Stray.class).size(), "after Timer M a 2xx matches nothing");
    }

    @Test
    void rfc3261_17_1_1_2_transportError_inCalling_reports503() {
        FakeFlow udp = fx.udp();
        udp.channel().refuse();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), fx.user.clientFailures());
        assertEquals(503, TransactionFailure.TRANSPORT_ERROR.status());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc3261_17_1_1_2_transportError_onRetransmission_reports503() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        udp.channel().refuse();
        fx.advanceMillis(500);
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), fx.user.clientFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc3261_9_1_createCancel_copiesTheInvite_withTheSameBranch() throws SipParseException {
        FakeFlow udp = fx.udp();
        InviteClientTransaction txn = (InviteClientTransaction) fx.layer.sendRequest(invite(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 180));
        SipRequest cancel = txn.createCancel();
        assertEquals("CANCEL", cancel.method());
        assertEquals(txn.request().requestUriText(), cancel.requestUriText());
        assertEquals(txn.request().to(), cancel.to());
        assertEquals(txn.request().from(), cancel.from());
        assertEquals(txn.request().callId(), cancel.callId());
        assertEquals("314159 CANCEL", cancel.cseq().orElseThrow().toString());
        assertEquals(List.of(txn.request().topVia().orElseThrow()), cancel.vias());

        ClientTransaction c = fx.layer.sendRequest(cancel, udp.flow());
        assertEquals(TransactionState.TRYING, c.state());
        assertEquals(2, fx.layer.clientTransactionCount(), "CANCEL has its own transaction (branch + method)");
        fx.layer.onResponse(udp.flow(), cancel.createResponse(200, null));
        fx.layer.onResponse(udp.flow(), answer(udp, 487));
        assertEquals(TransactionState.COMPLETED, c.state());
        assertEquals(TransactionState.COMPLETED, txn.state());
        assertEquals(List.of(180, 200, 487), fx.user.responseStatuses());
    }

    @Test
    void rfc3261_17_1_1_2_lateTwoHundred_inCompleted_goesToTu_provisionalIsAbsorbed() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 486));
        fx.layer.onResponse(udp.flow(), answer(udp, 180));
        fx.layer.onResponse(udp.flow(), answer(udp, 200));
        assertEquals(List.of(486, 200), fx.user.responseStatuses());
        assertEquals(TransactionState.COMPLETED, txn.state());
        assertEquals(List.of("INVITE", "ACK"), udp.channel().summary(), "the 2xx is acknowledged by the TU, not here");
    }

    @Test
    void rfc3261_17_1_1_2_transportError_onAck_inCompleted_terminatesWithoutASecondOutcome() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), udp.flow());
        SipResponse busy = answer(udp, 486);
        udp.channel().refuse();
        fx.layer.onResponse(udp.flow(), busy);
        assertEquals(List.of(486), fx.user.responseStatuses());
        assertEquals(List.of(), fx.user.clientFailures(), "the TU has its final response already");
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
    }
}
