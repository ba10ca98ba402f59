package io.ferry.runtime.txn;

import java.time.Duration;

/**
 * The clock and timers the transaction layer runs on, injected so that tests can drive time
 * (a fake clock) while production uses a hashed timing wheel ({@link WheelTimerScheduler}).
 *
 * <p>Tasks run on the scheduler's thread and must return quickly; the transaction layer's own
 * tasks only change a transaction's state and queue bytes on a flow.
 */
public interface TimerScheduler {

    /** A scheduled task that can be cancelled. */
    interface TimerHandle {

        /** Cancels the task if it has not run yet; returns false when it ran or was cancelled. */
        boolean cancel();
    }

    /** Runs {@code task} once after {@code delay} (at the scheduler's tick granularity). */
    TimerHandle schedule(Runnable task, Duration delay);

    /** Monotonic time in nanoseconds, comparable only with other values of this scheduler. */
    long now();
}
