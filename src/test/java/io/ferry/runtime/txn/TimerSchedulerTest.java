package io.ferry.runtime.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The timer contract both schedulers keep: order, cancellation, stopping. */
class TimerSchedulerTest {

    @Test
    void fakeScheduler_firesDueTimersInOrder_includingOnesScheduledByFiredTimers() {
        FakeTimerScheduler clock = new FakeTimerScheduler();
        List<String> fired = new ArrayList<>();
        clock.schedule(() -> fired.add("b@300"), Duration.ofMillis(300));
        clock.schedule(() -> {
            fired.add("a@100");
            clock.schedule(() -> fired.add("c@250"), Duration.ofMillis(150));
        }, Duration.ofMillis(100));
        clock.schedule(() -> fired.add("d@300"), Duration.ofMillis(300));
        TimerScheduler.TimerHandle e = clock.schedule(() -> fired.add("e@200"), Duration.ofMillis(200));
        assertTrue(e.cancel());
        assertFalse(e.cancel(), "cancelling twice reports nothing to cancel");
        clock.advanceMillis(299);
        assertEquals(List.of("a@100", "c@250"), fired);
        assertEquals(Duration.ofMillis(299).toNanos(), clock.now());
        clock.advanceMillis(1);
        assertEquals(List.of("a@100", "c@250", "b@300", "d@300"), fired);
        assertEquals(0, clock.pending());
    }

    @Test
    void wheelScheduler_runsTimers_cancelsThem_andStopsItsThread() throws InterruptedException {
        try (WheelTimerScheduler wheel = new WheelTimerScheduler(Duration.ofMillis(1), 64)) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean cancelledRan = new AtomicBoolean();
            long start = wheel.now();
            TimerScheduler.TimerHandle cancelled = wheel.schedule(() -> cancelledRan.set(true), Duration.ofMillis(5));
            assertTrue(cancelled.cancel());
            wheel.schedule(ran::countDown, Duration.ofMillis(20));
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertTrue(wheel.now() - start >= Duration.ofMillis(20).toNanos(), "not before its delay");
            assertFalse(cancelledRan.get());
            wheel.close();
            CountDownLatch never = new CountDownLatch(1);
            TimerScheduler.TimerHandle late = wheel.schedule(never::countDown, Duration.ZERO);
            assertFalse(late.cancel(), "a timer scheduled after close is ignored");
            assertEquals(1, never.getCount());
        }
    }

    @Test
    void wheelScheduler_drivesATransactionLayer() throws InterruptedException {
        try (WheelTimerScheduler wheel = new WheelTimerScheduler(Duration.ofMillis(1), 64)) {
            CountDownLatch timedOut = new CountDownLatch(1);
            FakeTransactionUser user = new FakeTransactionUser();
            TransactionConfig fast = TransactionConfig.DEFAULT.withTimers(Duration.ofMillis(1), Duration.ofMillis(4),
                    Duration.ofMillis(5));
            io.ferry.runtime.transport.FlowTable table = new io.ferry.runtime.transport.FlowTable();
            TransactionLayer layer = new TransactionLayer(fast, wheel, new TransactionUser() {
                @Override public void onRequest(ServerTransaction t, io.ferry.sip.SipRequest r) { }
                @Override public void onAck(io.ferry.runtime.transport.Flow f, io.ferry.sip.SipRequest a,
                                            java.util.Optional<ServerTransaction> i) { }
                @Override public void onCancel(ServerTransaction i, io.ferry.sip.SipRequest c) { }
                @Override public void onResponse(ClientTransaction t, io.ferry.sip.SipResponse r) { }
                @Override public void onStrayResponse(io.ferry.runtime.transport.Flow f, io.ferry.sip.SipResponse r) { }
                @Override public void onClientFailure(ClientTransaction t, TransactionFailure f) {
                    user.onClientFailure(t, f);
                    timedOut.countDown();
                }
                @Override public void onServerFailure(ServerTransaction t, TransactionFailure f) { }
            });
            FakeFlow udp = FakeFlow.udp(table, new io.ferry.runtime.transport.FlowIds(), 5070);
            layer.sendRequest(TransactionFixtures.options(), udp.flow());
            assertTrue(timedOut.await(10, TimeUnit.SECONDS), "Timer F = 64 ms");
            assertEquals(List.of(TransactionFailure.TIMEOUT), user.clientFailures());
            assertTrue(udp.channel().count() >= 2, "Timer E retransmitted on the wheel thread");
        }
    }
}
