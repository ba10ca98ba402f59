package io.ferry.runtime.txn;

import static io.ferry.runtime.txn.TransactionFixtures.ackFor;
import static io.ferry.runtime.txn.TransactionFixtures.invite;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.1 and RFC 6026 §7.1: the INVITE server transaction, transition by transition. */
class InviteServerTransactionTest {

    private final TransactionFixtures fx = new TransactionFixtures();

    private ServerTransaction receive(FakeFlow flow, SipRequest request) {
        fx.layer.onRequest(flow.flow(), request);
        List<FakeTransactionUser.Request> rs = fx.user.of(FakeTransactionUser.Request.class);
        return rs.get(rs.size() - 1).txn();
    }

    private ServerTransaction rejected(FakeFlow flow, int status) {
        ServerTransaction txn = receive(flow, invite());
        assertTrue(txn.respond(invite().createResponse(status, null)));
        flow.channel().clear();
        return txn;
    }

    @Test
    void rfc3261_17_2_1_invite_createsTransaction_inProceeding_andGoesToTu() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, invite());
        assertEquals(TransactionState.PROCEEDING, txn.state());
        assertTrue(txn instanceof InviteServerTransaction);
        assertSame(udp.flow(), txn.flow());
        assertEquals(1, fx.layer.serverTransactionCount());
    }

    @Test
    void rfc3261_17_2_1_trying_isSentAfter200ms_whenTuIsSilent() {
        FakeFlow udp = fx.udp();
        receive(udp, invite());
        fx.advanceMillis(199);
        assertEquals(0, udp.channel().count());
        fx.advanceMillis(1);
        assertEquals(List.of("100"), udp.channel().summary());
        SipResponse trying = udp.channel().lastResponse();
        assertEquals(null, TransactionFixtures.toTag(trying), "100 Trying carries no To tag");
    }

    @Test
    void rfc3261_17_2_1_trying_isNotSent_whenTuAnswersWithin200ms() {
        FakeFlow udp = fx.udp();
        fx.user.onRequest = (t, r) -> t.respond(r.createResponse(180, null));
        receive(udp, invite());
        fx.advance(Duration.ofSeconds(1));
        assertEquals(List.of("180"), udp.channel().summary());
    }

    @Test
    void rfc3261_17_2_1_tryingDelayZero_sendsTryingAtOnce() {
        TransactionFixtures now = new TransactionFixtures(TransactionConfig.DEFAULT.withTryingDelay(Duration.ZERO));
        FakeFlow tcp = now.tcp();
        now.layer.onRequest(tcp.flow(), invite());
        assertEquals(List.of("100"), tcp.channel().summary());
    }

    @Test
    void rfc3261_17_2_1_retransmittedInvite_inProceeding_resendsLastProvisional() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, invite());
        txn.respond(invite().createResponse(180, null, () -> "t1"));
        fx.layer.onRequest(udp.flow(), invite());
        assertEquals(List.of("180", "180"), udp.channel().summary());
        assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size(), "the TU sees the INVITE once");
    }

    @Test
    void rfc3261_17_2_1_retransmittedInvite_beforeAnyProvisional_sends100AtOnce() {
        FakeFlow udp = fx.udp();
        receive(udp, invite());
        fx.layer.onRequest(udp.flow(), invite());
        assertEquals(List.of("100"), udp.channel().summary());
        fx.advance(Duration.ofSeconds(1));
        assertEquals(List.of("100"), udp.channel().summary(), "the 200 ms timer does not send a second 100");
        assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size());
    }

    @Test
    void rfc3261_17_2_1_nonTwoHundredFinal_movesToCompleted_timerG_doublesUpToT2_onUdp() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = rejected(udp, 486);
        assertEquals(TransactionState.COMPLETED, txn.state());
        long[] at = {500, 1500, 3500, 7500, 11500, 15500};
        long now = 0;
        for (int i = 0; i < at.length; i++) {
            fx.advanceMillis(at[i] - 1 - now);
            assertEquals(i, udp.channel().count(), "before " + at[i] + " ms");
            fx.advanceMillis(1);
            assertEquals(i + 1, udp.channel().count(), "at " + at[i] + " ms");
            now = at[i];
        }
        assertTrue(udp.channel().summary().stream().allMatch("486"::equals));
    }

    @Test
    void rfc3261_17_2_1_timerG_isNotUsed_onTcp() {
        FakeFlow tcp = fx.tcp();
        ServerTransaction txn = rejected(tcp, 486);
        fx.advanceMillis(31_999);
        assertEquals(0, tcp.channel().count());
        assertEquals(TransactionState.COMPLETED, txn.state(), "Timer H still waits for the ACK");
    }

    @Test
    void rfc3261_17_2_1_retransmittedInvite_inCompleted_resendsFinal() {
        FakeFlow tcp = fx.tcp();
        rejected(tcp, 603);
        fx.layer.onRequest(tcp.flow(), invite());
        assertEquals(List.of("603"), tcp.channel().summary());
        assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size());
    }

    @Test
    void rfc3261_17_2_1_timerH_fires_andTuHearsOfTheFailure() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = rejected(udp, 486);
        fx.advanceMillis(31_999);
        assertEquals(List.of(), fx.user.serverFailures());
        fx.advanceMillis(1);
        assertEquals(List.of(TransactionFailure.TIMEOUT), fx.user.serverFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.layer.serverTransactionCount());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc3261_17_2_1_ackForNonTwoHundred_isAbsorbed() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = rejected(udp, 486);
        SipResponse busy = txn.lastResponse().orElseThrow();
        fx.layer.onRequest(udp.flow(), ackFor(invite(), busy));
        assertEquals(TransactionState.CONFIRMED, txn.state());
        assertEquals(List.of(), fx.user.of(FakeTransactionUser.Ack.class), "the TU never sees it");
        fx.advance(Duration.ofSeconds(4));
        assertEquals(0, udp.channel().count(), "Timer G stopped");
        assertEquals(List.of(), fx.user.serverFailures(), "Timer H stopped");
    }

    @Test
    void rfc3261_17_2_1_ackRetransmission_inConfirmed_isAbsorbed_untilTimerI() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = rejected(udp, 486);
        SipRequest ack = ackFor(invite(), txn.lastResponse().orElseThrow());
        fx.layer.onRequest(udp.flow(), ack);
        fx.advanceMillis(4_999);
        fx.layer.onRequest(udp.flow(), ack);
        assertEquals(TransactionState.CONFIRMED, txn.state());
        assertEquals(List.of(), fx.user.of(FakeTransactionUser.Ack.class));
        fx.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, txn.state(), "Timer I = T4");
        assertEquals(0, fx.layer.serverTransactionCount());
    }

    @Test
    void rfc3261_17_2_1_timerI_isZero_onTcp() {
        FakeFlow tcp = fx.tcp();
        ServerTransaction txn = rejected(tcp, 486);
        fx.layer.onRequest(tcp.flow(), ackFor(invite(), txn.lastResponse().orElseThrow()));
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc6026_7_1_twoHundred_movesToAccepted_untilTimerL() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, invite());
        assertTrue(txn.respond(invite().createResponse(200, null)));
        assertEquals(TransactionState.ACCEPTED, txn.state());
        fx.advanceMillis(31_999);
        assertEquals(List.of("200"), udp.channel().summary(), "the transaction never retransmits a 2xx");
        assertEquals(TransactionState.ACCEPTED, txn.state());
        fx.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(List.of(), fx.user.serverFailures());
    }

    @Test
    void rfc6026_7_1_retransmittedInvite_isAbsorbedInAccepted() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, invite());
        txn.respond(invite().createResponse(200, null));
        fx.layer.onRequest(udp.flow(), invite());
        fx.layer.onRequest(udp.flow(), invite());
        assertEquals(List.of("200"), udp.channel().summary());
        assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size(), "not a new request for the TU");
    }

    @Test
    void rfc6026_7_1_retransmittedTwoHundredFromTu_isSentInAccepted_otherResponsesAreNot() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, invite());
        SipResponse ok = invite().createResponse(200, null);
        txn.respond(ok);
        assertTrue(txn.respond(ok), "the TU (core) retransmits the 2xx through the transaction");
        assertFalse(txn.respond(invite().createResponse(180, null)));
        assertFalse(txn.respond(invite().createResponse(486, null)));
        assertEquals(List.of("200", "200"), udp.channel().summary());
    }

    @Test
    void rfc6026_7_1_ackInAccepted_isPassedToTu() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, invite());
        SipResponse ok = invite().createResponse(200, null);
        txn.respond(ok);
        SipRequest ack = ackFor(invite(), ok);
        fx.layer.onRequest(udp.flow(), ack);
        List<FakeTransactionUser.Ack> acks = fx.user.of(FakeTransactionUser.Ack.class);
        assertEquals(1, acks.size());
        assertEquals(Optional.of(txn), acks.get(0).invite());
        assertEquals(TransactionState.ACCEPTED, txn.state());
    }

    @Test
    void rfc3261_17_2_1_transportError_onResponse_terminates_andTuHearsOfIt() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, invite());
        udp.channel().refuse();
        assertFalse(txn.respond(invite().createResponse(180, null)));
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), fx.user.serverFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending(), "the 100 Trying timer is gone too");
    }

    @Test
    void rfc3261_17_2_1_transportError_onTimerG_terminates() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = rejected(udp, 486);
        udp.channel().refuse();
        fx.advanceMillis(500);
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), fx.user.serverFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc3261_17_2_1_secondFinal_inCompleted_isRefused() {
        FakeFlow tcp = fx.tcp();
        ServerTransaction txn = rejected(tcp, 486);
        assertFalse(txn.respond(invite().createResponse(200, null)));
        assertEquals(0, tcp.channel().count());
        assertEquals(TransactionState.COMPLETED, txn.state());
    }

    @Test
    void rfc3261_17_2_1_responses_goBackOnTheRequestFlow() {
        FakeFlow a = fx.tcp();
        FakeFlow b = fx.tcp();
        ServerTransaction txn = receive(a, invite());
        txn.respond(invite().createResponse(180, null));
        assertEquals(1, a.channel().count());
        assertEquals(0, b.channel().count());
    }
}
