package io.ferry.runtime.timer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.TimerListener;

/**
 * An application session for timer tests. {@link #session()} is what an application hands to
 * {@code createTimer}: a proxy that is both a {@link SipApplicationSession} (getTimers, getTimer,
 * isValid, getId; anything else is unsupported) and this {@link TimerHost}.
 *
 * <p>{@code runSerialized} either runs the task inline or, in queued mode, keeps it until
 * {@link #runQueued()}: the application session is busy with something else meanwhile.
 * Every host call is recorded in {@link #events()}.
 */
final class FakeTimerHost implements TimerHost {

    private final SipApplicationSession session;
    private final boolean queued;
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final List<TimerListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, ServletTimer> active = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();
    private volatile boolean valid = true;
    private volatile RuntimeException refuse;

    private FakeTimerHost(boolean queued) {
        this.queued = queued;
        this.session = (SipApplicationSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SipApplicationSession.class, TimerHost.class}, this::invoke);
    }

    /** runSerialized runs the task at once, on the caller's thread. */
    static FakeTimerHost inline() {
        return new FakeTimerHost(false);
    }

    /** runSerialized queues the task until {@link #runQueued()}. */
    static FakeTimerHost queued() {
        return new FakeTimerHost(true);
    }

    SipApplicationSession session() {
        return session;
    }

    FakeTimerHost withListener(TimerListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Marks the session invalid without cancelling its timers (the race the timer must handle). */
    void invalidate() {
        valid = false;
    }

    /** runSerialized throws {@code e} from now on, as an executor that shut down. */
    void refuseTasks(RuntimeException e) {
        refuse = e;
    }

    /** Runs the queued tasks, including those they queue; returns how many ran. */
    int runQueued() {
        int n = 0;
        while (true) {
            Runnable r;
            synchronized (this) {
                r = tasks.poll();
            }
            if (r == null) return n;
            r.run();
            n++;
        }
    }

    synchronized int queuedTasks() {
        return tasks.size();
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized Collection<ServletTimer> activeTimers() {
        return List.copyOf(active.values());
    }

    synchronized long eventCount(String event) {
        return events.stream().filter(event::equals).count();
    }

    @Override
    public SipApplicationSession applicationSession() {
        return session;
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void runSerialized(Runnable task) {
        RuntimeException e = refuse;
        if (e != null) throw e;
        if (!queued) {
            task.run();
            return;
        }
        synchronized (this) {
            tasks.add(task);
        }
    }

    @Override
    public List<TimerListener> timerListeners() {
        return List.copyOf(listeners);
    }

    @Override
    public synchronized void timerScheduled(ServletTimer timer) {
        events.add("scheduled " + timer.getId());
        active.put(timer.getId(), timer);
    }

    @Override
    public synchronized void timerEnded(ServletTimer timer) {
        events.add("ended " + timer.getId());
        active.remove(timer.getId());
    }

    private Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        if (m.getDeclaringClass() == TimerHost.class) {
            try {
                return m.invoke(this, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        return switch (m.getName()) {
            case "isValid" -> valid;
            case "getId" -> "fake-app-session";
            case "getTimers" -> activeTimers();
            case "getTimer" -> {
                synchronized (this) {
                    yield active.get((String) args[0]);
                }
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "FakeAppSession";
            default -> throw new UnsupportedOperationException(m.getName() + " is not part of the timer tests");
        };
    }
}
