package io.ferry.runtime.txn;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The production {@link TimerScheduler}: one Netty {@link HashedWheelTimer} (netty-common, already
 * on the class path for the listeners) with one daemon thread. A hashed wheel gives O(1) schedule
 * and cancel for the many short-lived SIP timers, at the price of a tick's granularity (10 ms by
 * default, far below T1). {@link #close()} stops the thread; timers scheduled afterwards are
 * ignored (their handles report nothing to cancel).
 */
public final class WheelTimerScheduler implements TimerScheduler, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WheelTimerScheduler.class.getName());
    private static final TimerHandle NOTHING = () -> false;

    private final HashedWheelTimer wheel;

    /** A wheel with 10 ms ticks and 512 buckets. */
    public WheelTimerScheduler() {
        this(Duration.ofMillis(10), 512);
    }

    public WheelTimerScheduler(Duration tick, int ticksPerWheel) {
        if (tick.isNegative() || tick.isZero()) throw new IllegalArgumentException("tick must be positive: " + tick);
        this.wheel = new HashedWheelTimer(task -> {
            Thread t = new Thread(task, "ferry-txn-timer");
            t.setDaemon(true);
            return t;
        }, tick.toNanos(), TimeUnit.NANOSECONDS, ticksPerWheel, false);
    }

    @Override
    public TimerHandle schedule(Runnable task, Duration delay) {
        Timeout timeout;
        try {
            timeout = wheel.newTimeout(t -> run(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (IllegalStateException stopped) {
            LOG.log(Level.DEBUG, "timer scheduled after close, ignored");
            return NOTHING;
        }
        return timeout::cancel;
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "timer task failed", e);
        }
    }

    @Override
    public long now() {
        return System.nanoTime();
    }

    /** Stops the wheel's thread; pending timers never run. */
    @Override
    public void close() {
        wheel.stop();
    }
}
