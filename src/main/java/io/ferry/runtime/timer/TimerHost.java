package io.ferry.runtime.timer;

import java.util.List;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.TimerListener;

/**
 * What a {@code ServletTimer} needs from the application session it belongs to. The container's
 * application sessions implement it: {@code TimerService.createTimer} is handed a
 * {@code SipApplicationSession} and casts it to this interface.
 */
public interface TimerHost {

    /** The application session, as applications see it. */
    SipApplicationSession applicationSession();

    /** False once the application session is invalidated: no timer may be created or fire then. */
    boolean isValid();

    /**
     * Runs {@code task} serialised with every other message and timer of this application session
     * (JSR 289 concurrency rules), on the container's executor, never on the caller's thread.
     */
    void runSerialized(Runnable task);

    /** The application's TimerListeners (JSR 289: an application that uses timers declares one). */
    List<TimerListener> timerListeners();

    /** A timer was scheduled: {@code getTimers()} lists it until {@link #timerEnded}. */
    void timerScheduled(ServletTimer timer);

    /** A timer was cancelled or fired its last time. */
    void timerEnded(ServletTimer timer);
}
