package io.ferry.runtime.txn;

import static io.ferry.runtime.txn.TransactionFixtures.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.2: the non-INVITE client transaction, transition by transition. */
class NonInviteClientTransactionTest {

    private final TransactionFixtures fx = new TransactionFixtures();

    private SipResponse answer(FakeFlow flow, int status) {
        return ((SipRequest) flow.channel().message(0)).createResponse(status, null);
    }

    /** Asserts that the request is sent (again) exactly at each of the given instants. */
    private void assertSentAt(FakeFlow flow, long... atMillis) {
        long now = 0;
        int count = flow.channel().count();
        for (long at : atMillis) {
            fx.advanceMillis(at - 1 - now);
            assertEquals(count, flow.channel().count(), "before " + at + " ms");
            fx.advanceMillis(1);
            assertEquals(++count, flow.channel().count(), "at " + at + " ms");
            now = at;
        }
    }

    @Test
    void rfc3261_17_1_2_2_request_isSent_inTrying() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(options(), udp.flow());
        assertEquals(TransactionState.TRYING, txn.state());
        assertEquals(List.of("OPTIONS"), udp.channel().summary());
    }

    @Test
    void rfc3261_17_1_2_2_timerE_doublesUpToT2_onUdpOnly() {
        FakeFlow udp = fx.udp();
        fx.layer.sendRequest(options(), udp.flow());
        // intervals 0.5, 1, 2, 4, 4, 4 s: capped at T2
        assertSentAt(udp, 500, 1500, 3500, 7500, 11500, 15500);

        FakeFlow tcp = fx.tcp();
        fx.layer.sendRequest(TransactionFixtures.request("OPTIONS", "z9hG4bKtcp", null, 1), tcp.flow());
        fx.advanceMillis(31_999);
        assertEquals(1, tcp.channel().count(), "no retransmission on a reliable transport");
    }

    @Test
    void rfc3261_17_1_2_2_timerE_isT2_inProceeding() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(options(), udp.flow());
        fx.advanceMillis(100);
        fx.layer.onResponse(udp.flow(), answer(udp, 100));
        assertEquals(TransactionState.PROCEEDING, txn.state());
        assertEquals(List.of(100), fx.user.responseStatuses());
        // Timer E still fires at 0.5 s, then every T2
        fx.advanceMillis(399);
        assertEquals(1, udp.channel().count());
        fx.advanceMillis(1);
        assertEquals(2, udp.channel().count());
        fx.advanceMillis(3999);
        assertEquals(2, udp.channel().count());
        fx.advanceMillis(1);
        assertEquals(3, udp.channel().count());
        fx.advanceMillis(4000);
        assertEquals(4, udp.channel().count());
    }

    @Test
    void rfc3261_17_1_2_2_timerF_fires_408_inTrying() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(options(), udp.flow());
        fx.advanceMillis(31_999);
        assertEquals(List.of(), fx.user.clientFailures());
        fx.advanceMillis(1);
        assertEquals(List.of(TransactionFailure.TIMEOUT), fx.user.clientFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
        assertEquals(0, fx.layer.clientTransactionCount());
    }

    @Test
    void rfc3261_17_1_2_2_timerF_fires_408_inProceeding() {
        FakeFlow tcp = fx.tcp();
        ClientTransaction txn = fx.layer.sendRequest(options(), tcp.flow());
        fx.layer.onResponse(tcp.flow(), answer(tcp, 180));
        fx.advance(Duration.ofSeconds(32));
        assertEquals(List.of(TransactionFailure.TIMEOUT), fx.user.clientFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
    }

    @Test
    void rfc3261_17_1_2_2_final_movesToCompleted_andRetransmissionsAreAbsorbed() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(options(), udp.flow());
        SipResponse ok = answer(udp, 200);
        fx.layer.onResponse(udp.flow(), ok);
        assertEquals(TransactionState.COMPLETED, txn.state());
        fx.layer.onResponse(udp.flow(), ok);
        fx.layer.onResponse(udp.flow(), answer(udp, 180));
        assertEquals(List.of(200), fx.user.responseStatuses());
        fx.advance(Duration.ofSeconds(4));
        assertEquals(1, udp.channel().count(), "Timer E stopped");
        assertEquals(List.of(), fx.user.clientFailures(), "Timer F stopped");
    }

    @Test
    void rfc3261_17_1_2_2_finalFromProceeding_movesToCompleted() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(options(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 100));
        fx.layer.onResponse(udp.flow(), answer(udp, 404));
        assertEquals(TransactionState.COMPLETED, txn.state());
        assertEquals(List.of(100, 404), fx.user.responseStatuses());
    }

    @Test
    void rfc3261_17_1_2_2_timerK_isT4_onUdp() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(options(), udp.flow());
        fx.layer.onResponse(udp.flow(), answer(udp, 200));
        fx.advanceMillis(4_999);
        assertEquals(TransactionState.COMPLETED, txn.state());
        fx.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.layer.clientTransactionCount());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc3261_17_1_2_2_timerK_isZero_onTcp() {
        FakeFlow tcp = fx.tcp();
        ClientTransaction txn = fx.layer.sendRequest(options(), tcp.flow());
        fx.layer.onResponse(tcp.flow(), answer(tcp, 200));
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc3261_17_1_2_2_transportError_onFirstSend_reports503() {
        FakeFlow tcp = fx.tcp();
        tcp.channel().refuse();
        ClientTransaction txn = fx.layer.sendRequest(options(), tcp.flow());
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), fx.user.clientFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
        assertEquals(0, fx.clock.pending());
    }

    @Test
    void rfc3261_17_1_2_2_transportError_reports503() {
        FakeFlow udp = fx.udp();
        ClientTransaction txn = fx.layer.sendRequest(options(), udp.flow());
        udp.channel().refuse();
        fx.advanceMillis(500);
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), fx.user.clientFailures());
        assertEquals(TransactionState.TERMINATED, txn.state());
    }

    @Test
    void rfc3261_17_1_2_2_configuredTimers_areUsed() {
        TransactionFixtures fast = new TransactionFixtures(TransactionConfig.DEFAULT
                .withTimers(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(1000)));
        FakeFlow udp = fast.udp();
        fast.layer.sendRequest(options(), udp.flow());
        fast.advanceMillis(100);
        fast.advanceMillis(200);
        fast.advanceMillis(300);
        fast.advanceMillis(300);
        assertEquals(5, udp.channel().count(), "0, 0.1, 0.3, 0.6, 0.9 s with T1 100 ms and T2 300 ms");
        fast.advanceMillis(6_400 - 900 - 1);
        assertEquals(List.of(), fast.user.clientFailures());
        fast.advanceMillis(1);
        assertEquals(List.of(TransactionFailure.TIMEOUT), fast.user.clientFailures(), "Timer F = 64*T1");
    }
}
