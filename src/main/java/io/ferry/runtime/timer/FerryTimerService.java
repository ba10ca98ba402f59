package io.ferry.runtime.timer;

import io.ferry.runtime.txn.TimerScheduler;
import java.io.Serializable;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.TimerService;

/**
 * The container's {@link TimerService} (JSR 289 timer service): creates {@link FerryServletTimer}s that run
 * on the runtime's {@link TimerScheduler} and fire serialised with the messages of their
 * application session. One instance serves any number of applications; it holds no per-session
 * state (the sessions keep their timers through {@link TimerHost}).
 *
 * <p>Argument rules, beyond the API's javadoc, follow {@link java.util.Timer} (whose semantics the
 * javadoc of {@code createTimer} adopts): a negative delay, a period that is not positive, or a
 * delay/period too large for the scheduler's nanosecond clock is an {@link IllegalArgumentException}.
 *
 * <p>{@code isPersistent} is accepted and reported by {@link FerryServletTimer#isPersistent()}, but
 * Ferry does not persist timers: a restart loses them.
 */
public final class FerryTimerService implements TimerService {

    /** Longest delay or period accepted: half the nanosecond range, so due-time arithmetic cannot overflow. */
    static final long MAX_MILLIS = Long.MAX_VALUE / 2 / 1_000_000L;

    private final TimerScheduler scheduler;
    private final Clock wallClock;
    private final String idPrefix = UUID.randomUUID().toString();
    private final AtomicLong nextId = new AtomicLong();

    /** Timers on {@code scheduler}; {@code scheduledExecutionTime} is reported on the system UTC clock. */
    public FerryTimerService(TimerScheduler scheduler) {
        this(scheduler, Clock.systemUTC());
    }

    /**
     * Timers on {@code scheduler}; {@code wallClock} translates the scheduler's monotonic time into
     * the wall-clock milliseconds that {@link ServletTimer#scheduledExecutionTime()} returns.
     */
    public FerryTimerService(TimerScheduler scheduler, Clock wallClock) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
    }

    /**
     * A one-time timer expiring after {@code delay} ms.
     *
     * @throws IllegalArgumentException if {@code appSession} is not one of this container's
     *     application sessions, or {@code delay} is negative or too large
     * @throws IllegalStateException if the application session is invalid (JSR 289 javadoc), or
     *     the application declares no {@code TimerListener}
     */
    @Override
    public ServletTimer createTimer(SipApplicationSession appSession, long delay, boolean isPersistent, Serializable info) {
        checkDelay(delay);
        TimerHost host = hostOf(appSession);
        return start(host, delay, 0, false, isPersistent, info);
    }

    /**
     * A repeating timer expiring after {@code delay} ms and then every {@code period} ms, in
     * fixed-delay or fixed-rate mode as {@link java.util.Timer} defines them.
     *
     * @throws IllegalArgumentException if {@code appSession} is not one of this container's
     *     application sessions, {@code delay} is negative or too large, or {@code period} is not
     *     positive or too large
     * @throws IllegalStateException if the application session is invalid (JSR 289 javadoc), or
     *     the application declares no {@code TimerListener}
     */
    @Override
    public ServletTimer createTimer(SipApplicationSession appSession, long delay, long period, boolean fixedDelay,
            boolean isPersistent, Serializable info) {
        checkDelay(delay);
        if (period <= 0) throw new IllegalArgumentException("period must be positive: " + period + " ms");
        if (period > MAX_MILLIS) throw new IllegalArgumentException("period too large: " + period + " ms (max " + MAX_MILLIS + ")");
        TimerHost host = hostOf(appSession);
        return start(host, delay, period, fixedDelay, isPersistent, info);
    }

    private FerryServletTimer start(TimerHost host, long delayMillis, long periodMillis, boolean fixedDelay,
            boolean persistent, Serializable info) {
        if (!host.isValid()) throw new IllegalStateException("application session is invalid");
        // JSR 289 TimerService: applications using timers must declare a TimerListener. Without one a
        // timer could never be delivered; Open Liberty's container refuses it the same way.
        if (host.timerListeners().isEmpty()) {
            throw new IllegalStateException("the application declares no TimerListener");
        }
        String id = idPrefix + '-' + nextId.incrementAndGet();
        FerryServletTimer timer = new FerryServletTimer(id, host, scheduler, wallClock, info, persistent,
                delayMillis * 1_000_000L, periodMillis * 1_000_000L, fixedDelay);
        // listed before it is armed, so that timerEnded can never precede timerScheduled
        host.timerScheduled(timer);
        timer.arm();
        return timer;
    }

    private static void checkDelay(long delay) {
        if (delay < 0) throw new IllegalArgumentException("delay must not be negative: " + delay + " ms");
        if (delay > MAX_MILLIS) throw new IllegalArgumentException("delay too large: " + delay + " ms (max " + MAX_MILLIS + ")");
    }

    private static TimerHost hostOf(SipApplicationSession appSession) {
        if (appSession instanceof TimerHost host) return host;
        throw new IllegalArgumentException(appSession == null
                ? "application session is null"
                : "not an application session of this container: " + appSession.getClass().getName());
    }
}
