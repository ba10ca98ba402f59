package io.ferry.runtime.container;

import java.util.EventListener;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.TimerService;

/**
 * One SIP application registered with the {@link SipContainer}. Its services exist from
 * registration, so that servlets can use them in {@code init()}; it receives requests only after
 * {@link #start}.
 */
public interface ApplicationHandle {

    /** The application name the application router knows it by. */
    String name();

    /** The application's {@code javax.servlet.sip.SipFactory} (context attribute and {@code @Resource}). */
    SipFactory sipFactory();

    /** The application's {@code javax.servlet.sip.TimerService}. */
    TimerService timerService();

    /** The application's {@code javax.servlet.sip.SipSessionsUtil}. */
    SipSessionsUtil sipSessionsUtil();

    /**
     * Makes the application routable: {@code servlets} (name → initialised instance) receive its
     * messages and {@code listeners} (instances of the JSR 289 listener interfaces) its events.
     * Reports the application deployed to the application router.
     */
    void start(Map<String, SipServlet> servlets, List<EventListener> listeners);

    /**
     * Undeploys the application: the router forgets it, its application sessions are invalidated
     * and its timers cancelled. Idempotent.
     */
    void stop();
}
