package io.ferry.runtime.txn;

import static io.ferry.runtime.txn.TransactionFixtures.invite;
import static io.ferry.runtime.txn.TransactionFixtures.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.sip.SipRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layer as a whole: configuration checks, malformed input, shutdown. */
class TransactionLayerTest {

    private final TransactionFixtures fx = new TransactionFixtures();

    @Test
    void rfc3261_17_1_1_1_config_defaultsAreTheRfcValues_andBadValuesAreRefused() {
        TransactionConfig c = TransactionConfig.DEFAULT;
        assertEquals(Duration.ofMillis(500), c.t1());
        assertEquals(Duration.ofSeconds(4), c.t2());
        assertEquals(Duration.ofSeconds(5), c.t4());
        assertEquals(Duration.ofSeconds(32), c.sixtyFourT1());
        assertEquals(Duration.ofMillis(200), c.tryingDelay());
        assertThrows(IllegalArgumentException.class, () -> c.withTimers(Duration.ZERO, Duration.ofSeconds(4), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> c.withTimers(Duration.ofSeconds(5), Duration.ofSeconds(4), Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> c.withTryingDelay(Duration.ofMillis(-1)));
    }

    @Test
    void rfc3261_8_1_1_5_requestWithoutCSeq_orWithAnotherCSeqMethod_isRefused() {
        FakeFlow udp = fx.udp();
        assertThrows(IllegalArgumentException.class, () -> fx.layer.sendRequest(options().withoutHeader("CSeq"), udp.flow()));
        assertThrows(IllegalArgumentException.class,
                () -> fx.layer.sendRequest(options().withHeader("CSeq", "1 INFO"), udp.flow()));
        assertEquals(0, udp.channel().count());
    }

    @Test
    void rfc3261_17_2_3_inboundWithoutViaOrCSeq_isDropped() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), options().withoutHeader("Via"));
        fx.layer.onRequest(udp.flow(), options().withoutHeader("CSeq"));
        fx.layer.onRequest(udp.flow(), options().withHeader("Via", "SIP/2.0/UDP"));
        fx.layer.onResponse(udp.flow(), options().createResponse(200, null).withoutHeader("Via"));
        assertEquals(List.of(), fx.user.events);
        assertEquals(0, fx.layer.serverTransactionCount());
    }

    @Test
    void rfc5626_requestOnAFlowThatIsAlreadyClosed_failsAtOnce() {
        FakeFlow tcp = fx.tcp();
        tcp.flow().close(CloseReason.SHUTDOWN);
        fx.layer.onRequest(tcp.flow(), options());
        assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size());
        assertEquals(List.of(TransactionFailure.FLOW_FAILED), fx.user.serverFailures());
        assertEquals(0, fx.layer.serverTransactionCount());
    }

    @Test
    void rfc3261_9_2_cancelOnAClosedFlow_isNotReportedToTheTu() {
        FakeFlow tcp = fx.tcp();
        tcp.flow().close(CloseReason.SHUTDOWN);
        fx.layer.onRequest(tcp.flow(), TransactionFixtures.request("CANCEL", "z9hG4bKnone", null, 1));
        assertEquals(List.of(), fx.user.serverFailures(), "the layer answers CANCEL itself");
        assertEquals(0, fx.layer.serverTransactionCount());
    }

    @Test
    void close_terminatesEverything_andIgnoresLaterMessages() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), invite());
        SipRequest out = TransactionFixtures.request("OPTIONS", "z9hG4bKout", null, 2);
        fx.layer.sendRequest(out, udp.flow());
        fx.layer.close();
        assertEquals(0, fx.layer.serverTransactionCount());
        assertEquals(0, fx.layer.clientTransactionCount());
        assertEquals(0, fx.clock.pending());
        assertEquals(2, fx.user.of(FakeTransactionUser.Terminated.class).size());
        fx.layer.onRequest(udp.flow(), options());
        assertEquals(1, fx.user.of(FakeTransactionUser.Request.class).size());
        assertThrows(IllegalStateException.class, () -> fx.layer.sendRequest(options(), udp.flow()));
    }

    @Test
    void rfc3261_9_2_layerAnsweredTransactions_areInvisibleToTheTu() {
        FakeFlow tcp = fx.tcp();
        fx.layer.onRequest(tcp.flow(), TransactionFixtures.request("CANCEL", "z9hG4bKnone", null, 1));
        assertEquals(List.of("481"), tcp.channel().summary());
        assertEquals(List.of(), fx.user.events, "no request, no failure, no termination for the TU");
    }

    @Test
    void tuThrowing_isLogged_andLaterEventsStillArrive() {
        FakeFlow udp = fx.udp();
        fx.user.onRequest = (t, r) -> {
            throw new IllegalStateException("TU bug");
        };
        fx.layer.onRequest(udp.flow(), invite());
        ServerTransaction txn = fx.user.of(FakeTransactionUser.Request.class).get(0).txn();
        fx.layer.onRequest(udp.flow(), TransactionFixtures.request("CANCEL", TransactionFixtures.BRANCH, null, 314159));
        assertEquals(1, fx.user.of(FakeTransactionUser.Cancel.class).size());
        assertEquals(TransactionState.PROCEEDING, txn.state());
    }

    @Test
    void counters_countWhatHappened() {
        FakeFlow udp = fx.udp();
        fx.layer.onRequest(udp.flow(), options());
        fx.layer.onRequest(udp.flow(), options());
        fx.layer.onRequest(udp.flow(), TransactionFixtures.request("OPTIONS", "z9hG4bKfork", null, 63104).withHeader("Via", "SIP/2.0/UDP proxy2.example.com;branch=z9hG4bKfork"));
        fx.layer.onRequest(udp.flow(), TransactionFixtures.request("CANCEL", "z9hG4bKnone", null, 1));
        fx.layer.onRequest(udp.flow(), TransactionFixtures.request("ACK", "z9hG4bKnone", "t", 1));
        fx.layer.onResponse(udp.flow(), options().createResponse(200, null));
        fx.layer.sendRequest(TransactionFixtures.request("INFO", "z9hG4bKinfo", "t", 2), udp.flow());
        fx.advance(Duration.ofSeconds(32));
        TransactionCounters.Snapshot c = fx.layer.counters().snapshot();
        assertEquals(1, c.clientTransactions());
        assertEquals(3, c.serverTransactions(), "OPTIONS, the merged copy, the CANCEL");
        assertEquals(1, c.retransmissionsReceived());
        assertEquals(1, c.merged());
        assertEquals(1, c.unmatchedCancels());
        assertEquals(1, c.strayAcks());
        assertEquals(1, c.strayResponses());
        assertEquals(1, c.timeouts(), "Timer F on the INFO");
        assertEquals(10, c.retransmissionsSent(), "Timer E: 0.5 1.5 3.5 7.5 11.5 15.5 19.5 23.5 27.5 31.5 s");
        assertEquals(0, c.flowFailures());
        assertEquals(0, c.transportErrors());
    }
}
