package io.ferry.runtime.lifecycle;

import io.ferry.runtime.container.ApplicationHandle;
import java.util.EventListener;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;

/**
 * Instantiates the servlets and listeners of a SIP application with the web container's
 * injection ({@code @Inject}, {@code @EJB}, {@code @Resource}, {@code @PostConstruct}). JSR 289
 * §18 injection of the SIP services is done afterwards by {@link SipResourceInjection}, whatever
 * the factory did.
 */
public interface ComponentFactory {

    /** An instance and what to run when it is taken out of service (after {@code destroy()}). */
    record Created<T>(T instance, Runnable release) {
        public Created {
            if (instance == null || release == null) throw new IllegalArgumentException("incomplete component");
        }
    }

    /** A new, injected, not yet initialised servlet. */
    Created<SipServlet> servlet(Class<? extends SipServlet> type, ApplicationHandle handle) throws ServletException;

    /** A new, injected listener. */
    Created<EventListener> listener(Class<?> type, ApplicationHandle handle) throws ServletException;
}
