package io.ferry.runtime.timer;

import io.ferry.runtime.txn.TimerScheduler;
import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A manual clock: time moves only in {@link #advance}, which runs every task due by the target
 * instant in due order, each at its own instant (tasks scheduled by those tasks included), outside
 * the scheduler's lock like a real timer thread. Safe to schedule and cancel on from any thread.
 */
final class FakeTimerScheduler implements TimerScheduler {

    private final class Task implements TimerHandle {
        final long due;
        final long seq;
        final Runnable body;
        boolean done;

        Task(long due, long seq, Runnable body) {
            this.due = due;
            this.seq = seq;
            this.body = body;
        }

        @Override
        public boolean cancel() {
            synchronized (FakeTimerScheduler.this) {
                if (done) return false;
                done = true;
                queue.remove(this);
                return true;
            }
        }
    }

    private final PriorityQueue<Task> queue =
            new PriorityQueue<>(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.seq));
    private long now;
    private long seq;

    /** Starts at an arbitrary instant: the timers must only use differences. */
    FakeTimerScheduler(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public synchronized TimerHandle schedule(Runnable task, Duration delay) {
        Task t = new Task(now + Math.max(0, delay.toNanos()), seq++, task);
        queue.add(t);
        return t;
    }

    @Override
    public synchronized long now() {
        return now;
    }

    void advanceMillis(long ms) {
        advance(Duration.ofMillis(ms));
    }

    /** Moves time forward by {@code d}, running every task due by then. */
    void advance(Duration d) {
        long target;
        synchronized (this) {
            target = now + d.toNanos();
        }
        while (true) {
            Task t;
            synchronized (this) {
                Task head = queue.peek();
                if (head == null || head.due - target > 0) {
                    now = target;
                    return;
                }
                t = queue.poll();
                now = t.due;
                t.done = true;
            }
            t.body.run();
        }
    }

    /** Tasks scheduled and neither run nor cancelled. */
    synchronized int pending() {
        return queue.size();
    }
}
