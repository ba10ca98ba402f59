package io.ferry.runtime.txn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A deterministic clock with timers: time moves only in {@link #advance(Duration)}, which runs
 * the due timers in order of due time (then of scheduling), each at its own instant, including
 * timers that the fired ones schedule within the window. Single-threaded, as the tests are.
 */
final class FakeTimerScheduler implements TimerScheduler {

    private static final class Entry implements TimerHandle {
        final long due;
        final long seq;
        final Runnable task;
        final PriorityQueue<Entry> queue;
        boolean done;

        Entry(long due, long seq, Runnable task, PriorityQueue<Entry> queue) {
            this.due = due;
            this.seq = seq;
            this.task = task;
            this.queue = queue;
        }

        @Override
        public boolean cancel() {
            if (done) return false;
            done = true;
            queue.remove(this);
            return true;
        }
    }

    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.seq));
    private long now;
    private long seq;

    @Override
    public TimerHandle schedule(Runnable task, Duration delay) {
        Entry e = new Entry(now + Math.max(0, delay.toNanos()), seq++, task, queue);
        queue.add(e);
        return e;
    }

    @Override
    public long now() {
        return now;
    }

    /** Moves time forward by {@code d}, firing every timer due by then. */
    void advance(Duration d) {
        long target = now + d.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Entry e = queue.poll();
            now = e.due;
            e.done = true;
            e.task.run();
        }
        now = target;
    }

    void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }

    /** Timers scheduled and neither fired nor cancelled. */
    int pending() {
        return queue.size();
    }

    /** Due times of the pending timers, relative to now, in order. */
    List<Duration> pendingDelays() {
        List<Entry> es = new ArrayList<>(queue);
        es.sort(queue.comparator());
        List<Duration> out = new ArrayList<>();
        for (Entry e : es) out.add(Duration.ofNanos(e.due - now));
        return out;
    }
}
