package io.ferry.runtime.container;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in order, on a shared executor: everything of one application
 * session goes through one queue (JSR 289 concurrency: the container never runs two messages or
 * timers of one application session at once). Queues of different sessions run in parallel.
 */
final class SerialQueue {

    private static final System.Logger LOG = System.getLogger(SerialQueue.class.getName());
    /** Tasks run per turn before the queue yields its thread to other queues. */
    private static final int BATCH = 32;

    private final Executor executor;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;

    SerialQueue(Executor executor) {
        this.executor = executor;
    }

    void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (scheduled) return;
            scheduled = true;
        }
        submit();
    }

    private void submit() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                LOG.log(Level.WARNING, "container executor refused {0} queued task(s): dropped ({1})", tasks.size(), e.getMessage());
                tasks.clear();
                scheduled = false;
            }
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "SIP application task failed", e);
            }
        }
        submit();
    }
}
