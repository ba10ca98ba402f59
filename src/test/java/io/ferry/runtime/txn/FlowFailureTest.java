package io.ferry.runtime.txn;

import static io.ferry.runtime.txn.TransactionFixtures.invite;
import static io.ferry.runtime.txn.TransactionFixtures.options;
import static io.ferry.runtime.txn.TransactionFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.sip.SipRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 5626 §5.3 and RFC 3261 §17.1.4 / §17.2.4: a closing flow fails its pending transactions at
 * once, not after Timer B or F; a refused send is a transport error (503).
 */
class FlowFailureTest {

    private final TransactionFixtures fx = new TransactionFixtures();

    @Test
    void rfc5626_flowClosed_pendingClientTransaction_failsAtOnce() {
        FakeFlow tcp = fx.tcp();
        ClientTransaction txn = fx.layer.sendRequest(invite(), tcp.flow());
        fx.advanceMillis(10);
        tcp.peerClosed();
        assertEquals(List.of(TransactionFailure.FLOW_FAILED), fx.user.clientFailures(), "at once, without advancing the clock");
        assertEquals(430, TransactionFailure.FLOW_FAILED.status());
        assertEquals(430, TransactionFailure.FLOW_FAILED.responseTo(txn.request()).status());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.layer.clientTransactionCount());
        assertEquals(0, fx.clock.pending(), "Timer B cancelled");
        fx.advance(Duration.ofSeconds(64));
        assertEquals(1, fx.user.clientFailures().size(), "reported once");
    }

    @Test
    void rfc5626_flowClosed_proceedingInvite_andTryingNonInvite_failAtOnce() {
        FakeFlow ws = fx.tcp();
        ClientTransaction inv = fx.layer.sendRequest(invite(), ws.flow());
        fx.layer.onResponse(ws.flow(), ((SipRequest) ws.channel().message(0)).createResponse(180, null));
        ClientTransaction opt = fx.layer.sendRequest(options(), ws.flow());
        ws.flow().close(CloseReason.KICKED);
        List<FakeTransactionUser.ClientFailure> failures = fx.user.of(FakeTransactionUser.ClientFailure.class);
        assertEquals(2, failures.size());
        assertEquals(List.of(TransactionFailure.FLOW_FAILED, TransactionFailure.FLOW_FAILED), fx.user.clientFailures());
        assertEquals(TransactionState.TERMINATED, inv.state());
        assertEquals(TransactionState.TERMINATED, opt.state());
    }

    @Test
    void rfc5626_flowClosed_completedOrAcceptedClientTransaction_endsQuietly() {
        FakeFlow udp = fx.udp();
        ClientTransaction rejected = fx.layer.sendRequest(invite(), udp.flow());
        fx.layer.onResponse(udp.flow(), rejected.request().createResponse(486, null));
        ClientTransaction accepted = fx.layer.sendRequest(request("INVITE", "z9hG4bKsecond", null, 2), udp.flow());
        fx.layer.onResponse(udp.flow(), accepted.request().createResponse(200, null));
        udp.flow().close(CloseReason.KEEPALIVE_TIMEOUT);
        assertEquals(List.of(), fx.user.clientFailures(), "the TU already has a final response");
        assertEquals(TransactionState.TERMINATED, rejected.state());
        assertEquals(TransactionState.TERMINATED, accepted.state());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc5626_flowClosed_serverTransactions_areTerminated_andPendingOnesReported() {
        FakeFlow tcp = fx.tcp();
        fx.layer.onRequest(tcp.flow(), invite());
        fx.layer.onRequest(tcp.flow(), options());
        fx.layer.onRequest(tcp.flow(), request("INFO", "z9hG4bKinfo", "dlg", 9));
        List<FakeTransactionUser.Request> rs = fx.user.of(FakeTransactionUser.Request.class);
        ServerTransaction invite = rs.get(0).txn();
        ServerTransaction options = rs.get(1).txn();
        ServerTransaction info = rs.get(2).txn();
        invite.respond(invite().createResponse(486, null));
        tcp.peerClosed();
        assertEquals(TransactionState.TERMINATED, invite.state());
        assertEquals(TransactionState.TERMINATED, options.state());
        assertEquals(TransactionState.TERMINATED, info.state());
        assertEquals(List.of(TransactionFailure.FLOW_FAILED, TransactionFailure.FLOW_FAILED), fx.user.serverFailures(),
                "the two the TU had not answered");
        assertEquals(0, fx.layer.serverTransactionCount());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc5626_flowClosed_otherFlowsAreUnaffected() {
        FakeFlow a = fx.tcp();
        FakeFlow b = fx.tcp();
        ClientTransaction onA = fx.layer.sendRequest(invite(), a.flow());
        ClientTransaction onB = fx.layer.sendRequest(request("INVITE", "z9hG4bKother", null, 3), b.flow());
        a.peerClosed();
        assertEquals(TransactionState.TERMINATED, onA.state());
        assertEquals(TransactionState.CALLING, onB.state());
        assertEquals(1, fx.user.clientFailures().size());
        assertSame(onA, fx.user.of(FakeTransactionUser.ClientFailure.class).get(0).txn());
    }

    @Test
    void rfc3261_17_1_4_sendOnClosedFlow_isTransportError503() {
        FakeFlow tcp = fx.tcp();
        tcp.peerClosed();
        ClientTransaction txn = fx.layer.sendRequest(options(), tcp.flow());
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), fx.user.clientFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc3261_17_1_4_fullQueue_isTransportError503_notFlowFailed() {
        FakeFlow tcp = fx.tcp();
        ClientTransaction first = fx.layer.sendRequest(invite(), tcp.flow());
        tcp.channel().refuse();
        ClientTransaction second = fx.layer.sendRequest(options(), tcp.flow());
        // the refusal closes the flow (SLOW_CONSUMER): the send that failed reports 503, the other pending one 430
        assertEquals(CloseReason.SLOW_CONSUMER, tcp.flow().closeReason().orElseThrow());
        List<FakeTransactionUser.ClientFailure> failures = fx.user.of(FakeTransactionUser.ClientFailure.class);
        assertEquals(2, failures.size());
        assertSame(first, failures.get(0).txn());
        assertEquals(TransactionFailure.FLOW_FAILED, failures.get(0).failure());
        assertSame(second, failures.get(1).txn());
        assertEquals(TransactionFailure.TRANSPORT_ERROR, failures.get(1).failure());
    }

    @Test
    void rfc3261_17_1_4_tuCallbacks_runOutsideTheTransactionMonitor() {
        FakeFlow tcp = fx.tcp();
        fx.user.onRequest = (t, r) -> t.respond(r.createResponse(100, null));
        fx.layer.onRequest(tcp.flow(), invite());
        ClientTransaction txn = fx.layer.sendRequest(options(), tcp.flow());
        fx.layer.onResponse(tcp.flow(), txn.request().createResponse(100, null));
        tcp.channel().refuse();
        fx.layer.sendRequest(request("OPTIONS", "z9hG4bKrefused", null, 4), tcp.flow());
        assertEquals(2, fx.user.clientFailures().size());
        assertEquals(1, fx.user.serverFailures().size());
        assertEquals(false, fx.user.calledUnderMonitor, "no transaction monitor is held while the TU runs");
    }

    @Test
    void rfc3261_17_2_4_refusedTrying_closesTheFlow_tuHearsRequestThenFailure_outsideTheMonitor() {
        TransactionFixtures now = new TransactionFixtures(TransactionConfig.DEFAULT.withTryingDelay(Duration.ZERO));
        FakeFlow tcp = now.tcp();
        tcp.channel().refuse();
        now.layer.onRequest(tcp.flow(), invite());
        assertEquals(List.of(FakeTransactionUser.Request.class, FakeTransactionUser.ServerFailure.class,
                FakeTransactionUser.Terminated.class), now.user.events.stream().map(Object::getClass).toList());
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), now.user.serverFailures());
        assertEquals(false, now.user.calledUnderMonitor);
    }

    @Test
    void rfc7118_webSocketFlow_isReliable_andItsCloseFailsPendingTransactionsAtOnce() {
        FakeFlow ws = fx.ws();
        ClientTransaction txn = fx.layer.sendRequest(invite(), ws.flow());
        fx.advanceMillis(5_000);
        assertEquals(1, ws.channel().count(), "no Timer A on WebSocket");
        ws.flow().closed(CloseReason.PEER_CLOSED);
        assertEquals(List.of(TransactionFailure.FLOW_FAILED), fx.user.clientFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
    }
}
