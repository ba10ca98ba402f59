package io.ferry.runtime.txn;

import static io.ferry.runtime.txn.TransactionFixtures.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.SipRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.2.2: the non-INVITE server transaction, transition by transition. */
class NonInviteServerTransactionTest {

    private final TransactionFixtures fx = new TransactionFixtures();

    private ServerTransaction receive(FakeFlow flow, SipRequest request) {
        fx.layer.onRequest(flow.flow(), request);
        List<FakeTransactionUser.Request> rs = fx.user.of(FakeTransactionUser.Request.class);
        return rs.get(rs.size() - 1).txn();
    }

    @Test
    void rfc3261_17_2_2_request_createsTransaction_inTrying_andGoesToTu() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, options());
        assertEquals(TransactionState.TRYING, txn.state());
        assertTrue(txn instanceof NonInviteServerTransaction);
        fx.advanceMillis(1000);
        assertEquals(0, udp.channel().count(), "no automatic 100 for non-INVITE");
    }

    @Test
    void rfc3261_17_2_2_retransmission_inTrying_isAbsorbed() {
        FakeFlow udp = fx.udp();
        receive(udp, options());
        fx.layer.onRequest(udp.flow(), options());
        assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size());
        assertEquals(0, udp.channel().count());
    }

    @Test
    void rfc3261_17_2_2_provisional_movesToProceeding_andRetransmissionGetsIt() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, options());
        assertTrue(txn.respond(options().createResponse(100, null)));
        assertEquals(TransactionState.PROCEEDING, txn.state());
        fx.layer.onRequest(udp.flow(), options());
        assertEquals(List.of("100", "100"), udp.channel().summary());
    }

    @Test
    void rfc3261_17_2_2_final_movesToCompleted_andRetransmissionGetsLastResponseAgain() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, options());
        txn.respond(options().createResponse(100, null));
        txn.respond(options().createResponse(200, null, () -> "x1"));
        assertEquals(TransactionState.COMPLETED, txn.state());
        fx.layer.onRequest(udp.flow(), options());
        assertEquals(List.of("100", "200", "200"), udp.channel().summary());
        assertEquals(udp.channel().message(1), udp.channel().message(2), "the same response, byte for byte");
        assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size());
    }

    @Test
    void rfc3261_17_2_2_timerJ_is64T1_onUdp() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, options());
        txn.respond(options().createResponse(200, null));
        fx.advanceMillis(31_999);
        assertEquals(TransactionState.COMPLETED, txn.state());
        fx.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.layer.serverTransactionCount());
    }

    @Test
    void rfc3261_17_2_2_timerJ_isZero_onTcp_soALateCopyIsANewRequest() {
        FakeFlow tcp = fx.tcp();
        ServerTransaction txn = receive(tcp, options());
        txn.respond(options().createResponse(200, null));
        assertEquals(TransactionState.TERMINATED, txn.state());
        fx.layer.onRequest(tcp.flow(), options());
        assertEquals(2, fx.user.of(FakeTransactionUser.Request.class).size());
    }

    @Test
    void rfc3261_17_2_2_furtherFinal_inCompleted_isDiscarded() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, options());
        assertTrue(txn.respond(options().createResponse(200, null)));
        assertFalse(txn.respond(options().createResponse(500, null)));
        assertFalse(txn.respond(options().createResponse(180, null)));
        assertEquals(List.of("200"), udp.channel().summary());
    }

    @Test
    void rfc3261_17_2_2_transportError_terminates_andTuHearsOfIt() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, options());
        udp.channel().refuse();
        assertFalse(txn.respond(options().createResponse(200, null)));
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), fx.user.serverFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
    }

    @Test
    void rfc3261_17_2_2_transportError_onRetransmittedResponse_terminates() {
        FakeFlow udp = fx.udp();
        ServerTransaction txn = receive(udp, options());
        txn.respond(options().createResponse(200, null));
        udp.channel().refuse();
        fx.layer.onRequest(udp.flow(), options());
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), fx.user.serverFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending(), "Timer J cancelled");
    }

    @Test
    void rfc3261_17_2_2_tuAnsweringInsideTheCallback_isSent() {
        FakeFlow udp = fx.udp();
        fx.user.onRequest = (t, r) -> t.respond(r.createResponse(200, null));
        receive(udp, options());
        assertEquals(List.of("200"), udp.channel().summary());
    }
}
