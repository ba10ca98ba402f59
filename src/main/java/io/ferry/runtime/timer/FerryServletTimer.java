package io.ferry.runtime.timer;

import io.ferry.runtime.txn.TimerScheduler;
import io.ferry.runtime.txn.TimerScheduler.TimerHandle;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.TimerListener;

/**
 * A JSR 289 {@link ServletTimer}, created by {@link FerryTimerService}.
 *
 * <p>Life cycle: the timer is <em>active</em> from creation until it is cancelled (by
 * {@link #cancel()}, or by the container when it finds its application session invalid) or, for
 * a one-time timer, until its expiration has been delivered. {@link TimerHost#timerScheduled} is
 * called once at creation and {@link TimerHost#timerEnded} exactly once when it stops being active.
 *
 * <p>Expiration: when due, the scheduler's thread hands the expiration to
 * {@link TimerHost#runSerialized}; there, if the timer is still active and the session still
 * valid, the next expiration of a repeating timer is scheduled and then every
 * {@link TimerHost#timerListeners() TimerListener} is called. A listener that throws is logged
 * and does not stop the timer. At most one expiration per timer is pending at any time, so a
 * busy application session does not pile up expirations.
 *
 * <p>Repetition follows {@link java.util.Timer}, as the javadoc of
 * {@code TimerService.createTimer} requires: fixed-rate expirations are due at
 * {@code first + n * period} and run back to back to catch up when late; a fixed-delay expiration
 * is due {@code period} after the previous one actually ran.
 *
 * <p>Thread-safe: state changes under one lock; the host, the scheduler's handles and the
 * listeners are called outside it, except {@link TimerScheduler#schedule} (which returns at once).
 */
public final class FerryServletTimer implements ServletTimer {

    private static final System.Logger LOG = System.getLogger(FerryServletTimer.class.getName());

    private enum State {
        /** Scheduled, or expiring and (if repeating) to be rescheduled. */
        ACTIVE,
        /** Cancelled by the application or, once its session was found invalid, by the container. */
        CANCELLED,
        /** A one-time timer whose expiration was delivered. */
        EXPIRED
    }

    private final String id;
    private final TimerHost host;
    private final TimerScheduler scheduler;
    private final Serializable info;
    private final boolean persistent;
    private final long periodNanos;
    private final boolean fixedDelay;
    /** Scheduler time and wall-clock time at creation: translates due times into wall-clock ms. */
    private final long monotonicAnchor;
    private final long wallAnchorMillis;

    private final Object lock = new Object();
    private State state = State.ACTIVE;
    /** Scheduler time of the next expiration (of the last one, once the timer has ended). */
    private long nextDue;
    /** Scheduler time the most recent delivered expiration was due at; valid once {@link #expiredOnce}. */
    private long lastDue;
    private boolean expiredOnce;
    private TimerHandle handle;

    FerryServletTimer(String id, TimerHost host, TimerScheduler scheduler, Clock wallClock, Serializable info,
            boolean persistent, long delayNanos, long periodNanos, boolean fixedDelay) {
        this.id = id;
        this.host = host;
        this.scheduler = scheduler;
        this.info = info;
        this.persistent = persistent;
        this.periodNanos = periodNanos;
        this.fixedDelay = fixedDelay;
        this.monotonicAnchor = scheduler.now();
        this.wallAnchorMillis = wallClock.millis();
        this.nextDue = monotonicAnchor + delayNanos;
    }

    /** Schedules the first expiration; called once, after the host has listed the timer. */
    void arm() {
        synchronized (lock) {
            if (state == State.ACTIVE) scheduleLocked(nextDue);
        }
    }

    private void scheduleLocked(long due) {
        nextDue = due;
        long delay = Math.max(0, due - scheduler.now());
        handle = scheduler.schedule(() -> expire(due), Duration.ofNanos(delay));
    }

    /** On the scheduler's thread: the expiration due at {@code due} has come. */
    private void expire(long due) {
        synchronized (lock) {
            if (state != State.ACTIVE || due != nextDue) return;
            handle = null;
        }
        if (!host.isValid()) {
            end(State.CANCELLED);
            return;
        }
        try {
            host.runSerialized(() -> deliver(due));
        } catch (RuntimeException e) {
            // the container's executor refused the task (it is shutting down): the timer cannot fire any more
            LOG.log(Level.WARNING, "timer=" + id + ": expiration could not be dispatched, timer cancelled", e);
            end(State.CANCELLED);
        }
    }

    /** Serialised with the application session: delivers the expiration due at {@code due}. */
    private void deliver(long due) {
        if (!host.isValid()) {
            // JSR 289: invalidating the application session cancels its timers; none fires after it
            end(State.CANCELLED);
            return;
        }
        boolean oneTime = periodNanos == 0;
        synchronized (lock) {
            if (state != State.ACTIVE || due != nextDue) return;
            lastDue = due;
            expiredOnce = true;
            if (oneTime) {
                state = State.EXPIRED;
            } else {
                // java.util.Timer: fixed-delay is relative to this actual execution, fixed-rate to the
                // initial schedule (a due time already past is scheduled at once: catch-up)
                scheduleLocked(fixedDelay ? scheduler.now() + periodNanos : due + periodNanos);
            }
        }
        try {
            for (TimerListener listener : host.timerListeners()) {
                callListener(listener);
            }
        } finally {
            // a one-time timer stays listed while its listeners run
            if (oneTime) host.timerEnded(this);
        }
    }

    private void callListener(TimerListener listener) {
        try {
            listener.timeout(this);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            // JSR 289 leaves a failing listener to the container: log it, keep the timer
            LOG.log(Level.WARNING, "timer=" + id + ": TimerListener " + listener.getClass().getName() + " failed", t);
        }
    }

    /** Ends an active timer: stops its pending expiration and tells the host, once. */
    private void end(State finalState) {
        TimerHandle pending;
        synchronized (lock) {
            if (state != State.ACTIVE) return;
            state = finalState;
            pending = handle;
            handle = null;
        }
        if (pending != null) pending.cancel();
        host.timerEnded(this);
    }

    /**
     * JSR 289: the timer never expires again, also when called from its own {@code timeout}.
     * Repeated calls, and calls after a one-time timer expired, have no effect.
     */
    @Override
    public void cancel() {
        end(State.CANCELLED);
    }

    @Override
    public SipApplicationSession getApplicationSession() {
        return host.applicationSession();
    }

    /** Unique and stable: a per-service random prefix and a sequence number. */
    @Override
    public String getId() {
        return id;
    }

    @Override
    public Serializable getInfo() {
        return info;
    }

    /**
     * Wall-clock ms (the service's clock) at which the most recent delivered expiration was due;
     * before the first expiration, the time at which the first one is due.
     */
    @Override
    public long scheduledExecutionTime() {
        synchronized (lock) {
            return toWallMillis(expiredOnce ? lastDue : nextDue);
        }
    }

    /**
     * Milliseconds until the next scheduled expiration; negative once it is past (a one-time timer
     * that expired). For a cancelled timer, relative to the expiration that will no longer happen.
     */
    @Override
    public long getTimeRemaining() {
        synchronized (lock) {
            return Math.floorDiv(nextDue - scheduler.now(), 1_000_000L);
        }
    }

    /**
     * The {@code isPersistent} flag given at creation. Ferry does not persist timers: a persistent
     * timer is lost on restart like any other.
     */
    public boolean isPersistent() {
        return persistent;
    }

    /** True until the timer is cancelled or, if one-time, the delivery of its expiration has begun. */
    public boolean isActive() {
        synchronized (lock) {
            return state == State.ACTIVE;
        }
    }

    private long toWallMillis(long schedulerTime) {
        return wallAnchorMillis + Math.floorDiv(schedulerTime - monotonicAnchor, 1_000_000L);
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ServletTimer[" + id + ' ' + state
                    + (periodNanos == 0 ? " one-time" : (fixedDelay ? " fixed-delay " : " fixed-rate ") + periodNanos / 1_000_000L + "ms")
                    + ']';
        }
    }
}
