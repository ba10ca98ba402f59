package io.ferry.runtime.timer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.TimerListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link FerryServletTimer}: expiration, repetition (java.util.Timer semantics, which the javadoc
 * of {@code TimerService.createTimer} adopts), cancellation and the host's bookkeeping.
 */
class FerryServletTimerTest {

    /** Wall clock at timer creation; scheduledExecutionTime is reported relative to it. */
    private static final long WALL_MS = 1_764_000_000_000L;

    /** Just before the nanosecond counter wraps: timers must only compare differences. */
    private final FakeTimerScheduler clock = new FakeTimerScheduler(Long.MAX_VALUE - 250_000_000L);
    private final FerryTimerService service =
            new FerryTimerService(clock, Clock.fixed(Instant.ofEpochMilli(WALL_MS), ZoneOffset.UTC));
    private final RecordingTimerListener listener = new RecordingTimerListener(clock);
    private ExecutorService racers;

    @AfterEach
    void stopRacers() {
        if (racers != null) racers.shutdownNow();
    }

    // ---- one-time timers -------------------------------------------------------------------

    @Test
    void jsr289_oneTimeTimer_expiresOnceAfterItsDelay() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 300, false, null);
        clock.advanceMillis(299);
        assertEquals(0, listener.count());
        clock.advanceMillis(1);
        assertEquals(1, listener.count());
        clock.advanceMillis(10_000);

        assertEquals(1, listener.count());
        assertEquals(List.of(WALL_MS + 300), listener.scheduledTimes());
        assertEquals(1, host.eventCount("ended " + timer.getId()));
        assertEquals(0, clock.pending());
    }

    @Test
    void jsr289_timeout_isDeliveredThroughRunSerialized() {
        FakeTimerHost host = FakeTimerHost.queued().withListener(listener);

        service.createTimer(host.session(), 100, false, null);
        clock.advanceMillis(100);

        assertEquals(0, listener.count());
        assertEquals(1, host.queuedTasks());
        assertEquals(1, host.runQueued());
        assertEquals(1, listener.count());
    }

    @Test
    void jsr289_timeout_callsEveryTimerListenerWithTheTimer() {
        RecordingTimerListener second = new RecordingTimerListener(clock);
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener).withListener(second);

        ServletTimer timer = service.createTimer(host.session(), 10, false, null);
        clock.advanceMillis(10);

        assertEquals(List.of(timer), listener.expirations().stream().map(e -> e.timer()).toList());
        assertEquals(List.of(timer), second.expirations().stream().map(e -> e.timer()).toList());
    }

    @Test
    void jsr289_getTimeRemaining_countsDownAndIsNegativeOnceAOneTimeTimerExpired() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 500, false, null);
        assertEquals(500, timer.getTimeRemaining());
        clock.advanceMillis(200);
        assertEquals(300, timer.getTimeRemaining());
        clock.advanceMillis(300);
        assertEquals(0, timer.getTimeRemaining());
        clock.advanceMillis(70);

        assertEquals(-70, timer.getTimeRemaining());
    }

    @Test
    void jsr289_scheduledExecutionTime_isTheDueTimeOfTheExpirationNotWhenItRan() {
        FakeTimerHost host = FakeTimerHost.queued().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, false, null);
        clock.advanceMillis(100);
        clock.advanceMillis(45); // the application session was busy: delivered 45 ms late
        host.runQueued();

        assertEquals(List.of(WALL_MS + 100), listener.scheduledTimes());
        assertEquals(WALL_MS + 100, timer.scheduledExecutionTime());
        assertEquals(-45, timer.getTimeRemaining());
    }

    @Test
    void scheduledExecutionTime_beforeFirstExpiration_isWhenTheFirstIsDue() {
        // java.util.TimerTask leaves this undefined; Ferry reports the first due time
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 250, 100, false, false, null);
        clock.advanceMillis(100);

        assertEquals(WALL_MS + 250, timer.scheduledExecutionTime());
    }

    // ---- repeating timers ------------------------------------------------------------------

    @Test
    void javaUtilTimer_fixedDelay_nextExpirationIsRelativeToTheActualExecution() {
        FakeTimerHost host = FakeTimerHost.queued().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, 100, true, false, null);
        clock.advanceMillis(100);
        clock.advanceMillis(30); // delivered at 130
        host.runQueued();
        assertEquals(100, timer.getTimeRemaining()); // next due at 230
        clock.advanceMillis(100);
        host.runQueued(); // delivered on time at 230
        clock.advanceMillis(100);
        host.runQueued(); // 330

        assertEquals(List.of(WALL_MS + 100, WALL_MS + 230, WALL_MS + 330), listener.scheduledTimes());
    }

    @Test
    void javaUtilTimer_fixedRate_nextExpirationIsRelativeToTheInitialSchedule() {
        FakeTimerHost host = FakeTimerHost.queued().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, 100, false, false, null);
        clock.advanceMillis(100);
        clock.advanceMillis(30); // delivered at 130
        host.runQueued();
        assertEquals(70, timer.getTimeRemaining()); // next due at 200
        clock.advanceMillis(70);
        host.runQueued();
        clock.advanceMillis(100);
        host.runQueued();

        assertEquals(List.of(WALL_MS + 100, WALL_MS + 200, WALL_MS + 300), listener.scheduledTimes());
    }

    @Test
    void javaUtilTimer_fixedRate_lateExpirationsCatchUpInRapidSuccession() {
        FakeTimerHost host = FakeTimerHost.queued().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, 100, false, false, null);
        clock.advanceMillis(100);
        clock.advanceMillis(350); // the session was busy until 450
        drain(host);

        // due at 100, 200, 300 and 400: all delivered at 450, none skipped
        assertEquals(List.of(WALL_MS + 100, WALL_MS + 200, WALL_MS + 300, WALL_MS + 400), listener.scheduledTimes());
        assertTrue(listener.expirations().stream().allMatch(e -> e.schedulerNanos() == clock.now()));
        assertEquals(50, timer.getTimeRemaining());
        clock.advanceMillis(50);
        drain(host);
        assertEquals(WALL_MS + 500, timer.scheduledExecutionTime());
        assertEquals(5, listener.count());
    }

    @Test
    void javaUtilTimer_fixedDelay_lateExpirationDelaysTheFollowingOnes() {
        FakeTimerHost host = FakeTimerHost.queued().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, 100, true, false, null);
        clock.advanceMillis(100);
        clock.advanceMillis(350);
        drain(host);

        assertEquals(List.of(WALL_MS + 100), listener.scheduledTimes());
        assertEquals(100, timer.getTimeRemaining()); // next due at 550
    }

    @Test
    void jsr289_repeatingTimer_staysListedWhileItRepeats() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 10, 10, false, false, null);
        clock.advanceMillis(100);

        assertEquals(10, listener.count());
        assertEquals(List.of("scheduled " + timer.getId()), host.events());
        assertEquals(List.of(timer), List.copyOf(host.activeTimers()));
        assertEquals(1, clock.pending());
    }

    // ---- cancel ----------------------------------------------------------------------------

    @Test
    void jsr289_cancel_beforeExpiration_timerNeverExpires() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, false, null);
        clock.advanceMillis(50);
        timer.cancel();
        assertEquals(0, clock.pending()); // the scheduler's task is released, not left to run idle
        clock.advanceMillis(1_000);

        assertEquals(0, listener.count());
        assertEquals(List.of("scheduled " + timer.getId(), "ended " + timer.getId()), host.events());
        assertEquals(0, clock.pending());
    }

    @Test
    void jsr289_cancel_calledRepeatedly_laterCallsHaveNoEffect() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, 100, true, false, null);
        timer.cancel();
        timer.cancel();
        timer.cancel();

        assertEquals(1, host.eventCount("ended " + timer.getId()));
    }

    @Test
    void jsr289_cancel_afterExpirationWasHandedToTheSession_isNotDelivered() {
        FakeTimerHost host = FakeTimerHost.queued().withListener(listener);

        ServletTimer oneTime = service.createTimer(host.session(), 100, false, null);
        ServletTimer repeating = service.createTimer(host.session(), 100, 100, false, false, null);
        clock.advanceMillis(100);
        assertEquals(2, host.queuedTasks());
        oneTime.cancel();
        repeating.cancel();
        host.runQueued();
        clock.advanceMillis(1_000);
        host.runQueued();

        assertEquals(0, listener.count());
        assertEquals(1, host.eventCount("ended " + oneTime.getId()));
        assertEquals(1, host.eventCount("ended " + repeating.getId()));
    }

    @Test
    void jsr289_cancel_fromTimeoutOfRepeatingTimer_guaranteesItNeverExpiresAgain() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener.then(ServletTimer::cancel));

        ServletTimer timer = service.createTimer(host.session(), 10, 10, false, false, null);
        clock.advanceMillis(1_000);

        assertEquals(1, listener.count());
        assertEquals(List.of("scheduled " + timer.getId(), "ended " + timer.getId()), host.events());
        assertEquals(0, clock.pending());
    }

    @Test
    void jsr289_cancel_fromTimeoutOfOneTimeTimer_endsItOnce() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener.then(ServletTimer::cancel));

        ServletTimer timer = service.createTimer(host.session(), 10, false, null);
        clock.advanceMillis(10);

        assertEquals(1, listener.count());
        assertEquals(List.of("scheduled " + timer.getId(), "ended " + timer.getId()), host.events());
    }

    @Test
    void jsr289_cancel_racingWithExpiration_endsOnceAndNothingExpiresAfterCancelReturns() throws Exception {
        racers = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 200; round++) {
            FakeTimerScheduler raceClock = new FakeTimerScheduler(0);
            FerryTimerService raceService = new FerryTimerService(raceClock);
            AtomicInteger expirations = new AtomicInteger();
            FakeTimerHost host = FakeTimerHost.inline().withListener(t -> expirations.incrementAndGet());
            ServletTimer timer = raceService.createTimer(host.session(), 1, 1, round % 2 == 0, false, null);
            CountDownLatch go = new CountDownLatch(1);

            Future<?> firing = racers.submit(() -> {
                go.await();
                for (int i = 0; i < 20; i++) raceClock.advance(Duration.ofMillis(1));
                return null;
            });
            Future<Integer> cancelling = racers.submit(() -> {
                go.await();
                timer.cancel();
                return expirations.get();
            });
            go.countDown();
            int seenAtCancel = cancelling.get(10, TimeUnit.SECONDS);
            firing.get(10, TimeUnit.SECONDS);
            raceClock.advance(Duration.ofMillis(100));

            assertEquals(1, host.eventCount("ended " + timer.getId()), "round " + round);
            // one expiration may have been between its check and its listener when cancel ran
            assertTrue(expirations.get() - seenAtCancel <= 1, "round " + round + ": expired after cancel");
            assertEquals(0, raceClock.pending(), "round " + round);
        }
    }

    // ---- invalid application session -------------------------------------------------------

    @Test
    void jsr289_invalidatedSession_timerDoesNotExpireAndEnds() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer oneTime = service.createTimer(host.session(), 100, false, null);
        ServletTimer repeating = service.createTimer(host.session(), 50, 50, true, false, null);
        clock.advanceMillis(50);
        assertEquals(1, listener.count());
        host.invalidate();
        clock.advanceMillis(1_000);

        assertEquals(1, listener.count());
        assertEquals(1, host.eventCount("ended " + oneTime.getId()));
        assertEquals(1, host.eventCount("ended " + repeating.getId()));
        assertEquals(0, clock.pending());
    }

    @Test
    void jsr289_sessionInvalidatedWhileExpirationWaitsForIt_isNotDelivered() {
        FakeTimerHost host = FakeTimerHost.queued().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, 100, false, false, null);
        clock.advanceMillis(100);
        host.invalidate();
        host.runQueued();
        clock.advanceMillis(1_000);

        assertEquals(0, listener.count());
        assertEquals(1, host.eventCount("ended " + timer.getId()));
        assertFalse(((FerryServletTimer) timer).isActive());
        assertEquals(0, clock.pending());
    }

    @Test
    void sessionRefusingTasks_timerIsCancelledNotLost() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, 100, false, false, null);
        host.refuseTasks(new IllegalStateException("executor shut down"));
        assertDoesNotThrow(() -> clock.advanceMillis(100));

        assertEquals(0, listener.count());
        assertEquals(1, host.eventCount("ended " + timer.getId()));
        assertEquals(0, clock.pending());
    }

    // ---- failing listener ------------------------------------------------------------------

    @Test
    void timerListenerThrowing_doesNotPropagateNorStopTheRepeatingTimer() {
        TimerListener failing = t -> {
            throw new IllegalStateException("application bug");
        };
        TimerListener failingHard = t -> {
            throw new AssertionError("application assertion");
        };
        FakeTimerHost host = FakeTimerHost.inline().withListener(failing).withListener(failingHard).withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 10, 10, false, false, null);
        assertDoesNotThrow(() -> clock.advanceMillis(30));

        assertEquals(3, listener.count());
        assertTrue(((FerryServletTimer) timer).isActive());
        assertEquals(List.of("scheduled " + timer.getId()), host.events());
    }

    @Test
    void timerListenerThrowing_oneTimeTimerStillEnds() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(t -> {
            throw new IllegalArgumentException("application bug");
        });

        ServletTimer timer = service.createTimer(host.session(), 10, false, null);
        assertDoesNotThrow(() -> clock.advanceMillis(10));

        assertEquals(1, host.eventCount("ended " + timer.getId()));
        assertTrue(host.activeTimers().isEmpty());
    }

    /** Lets the session and the clock run until neither has work left at the current instant. */
    private void drain(FakeTimerHost host) {
        while (host.runQueued() > 0) {
            clock.advance(Duration.ZERO);
        }
    }
}
