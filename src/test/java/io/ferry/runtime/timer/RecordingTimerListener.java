package io.ferry.runtime.timer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.TimerListener;

/** A TimerListener that records each expiration: the timer, its scheduledExecutionTime, and the clock then. */
final class RecordingTimerListener implements TimerListener {

    record Expiration(ServletTimer timer, long scheduledExecutionTime, long schedulerNanos) {}

    private final FakeTimerScheduler clock;
    private final List<Expiration> expirations = new ArrayList<>();
    private Consumer<ServletTimer> then = t -> {};

    RecordingTimerListener(FakeTimerScheduler clock) {
        this.clock = clock;
    }

    /** Also runs {@code action} on each expiration, after recording it. */
    RecordingTimerListener then(Consumer<ServletTimer> action) {
        this.then = action;
        return this;
    }

    @Override
    public void timeout(ServletTimer timer) {
        synchronized (this) {
            expirations.add(new Expiration(timer, timer.scheduledExecutionTime(), clock.now()));
        }
        then.accept(timer);
    }

    synchronized List<Expiration> expirations() {
        return List.copyOf(expirations);
    }

    synchronized int count() {
        return expirations.size();
    }

    /** scheduledExecutionTime of each expiration, in order. */
    synchronized List<Long> scheduledTimes() {
        return expirations.stream().map(Expiration::scheduledExecutionTime).toList();
    }
}
