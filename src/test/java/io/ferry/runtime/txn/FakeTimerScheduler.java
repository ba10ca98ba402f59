package io.ferry.runtime.txn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A deterministic clock with timers: time moves only in {@link #advance(Duration)}, which runs
 * the due timers in order of due time (then of scheduling), each at its own instant, including
 * timers that the fired ones schedule within the window. Advanced by one thread; safe to schedule on from
 * several threads.
 */
final class FakeTimerScheduler implements TimerScheduler {

    private static final class Entry implements TimerHandle {
        final long due;
        final long seq;
        final Runnable task;
        final FakeTimerScheduler owner;
        boolean done;

        Entry(long due, long seq, Runnable task, FakeTimerScheduler owner) {
            this.due = due;
            this.seq = seq;
            this.task = task;
            this.owner = owner;
        }

        @Override
        public boolean cancel() {
            synchronized (owner) {
                if (done) return false;
                done = true;
                owner.queue.remove(this);
                return true;
            }
        }
    }

    private final PriorityQueue<Entry> queue =
            new PriorityQueue<>(Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.seq));
    private long now;
    private long seq;

    @Override
    public synchronized TimerHandle schedule(Runnable task, Duration delay) {
        Entry e = new Entry(now + Math.max(0, delay.toNanos()), seq++, task, this);
        queue.add(e);
        return e;
    }

    @Override
    public synchronized long now() {
        return now;
    }

    /** Moves time forward by {@code d}, firing every timer due by then. */
    void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Entry e;
            synchronized (this) {
                if (queue.isEmpty() || queue.peek().due > target) {
                    now = target;
                    return;
                }
                e = queue.poll();
                now = e.due;
                e.done = true;
            }
            // outside the lock, as a real timer thread: the task takes the transaction's monitor
            e.task.run();
        }
    }

    void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }

    /** Timers scheduled and neither fired nor cancelled. */
    synchronized int pending() {
        return queue.size();
    }

    /** Due times of the pending timers, relative to now, in order. */
    synchronized List<Duration> pendingDelays() {
        List<Entry> es = new ArrayList<>(queue);
        es.sort(queue.comparator());
        List<Duration> out = new ArrayList<>();
        for (Entry e : es) out.add(Duration.ofNanos(e.due - now));
        return out;
    }
}
