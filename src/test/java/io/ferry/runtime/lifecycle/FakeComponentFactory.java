package io.ferry.runtime.lifecycle;

import io.ferry.runtime.container.ApplicationHandle;
import java.util.EventListener;
import java.util.List;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;

/** Creates components with their no-argument constructor and hands recording ones the event list. */
final class FakeComponentFactory implements ComponentFactory {

    private final List<String> events;

    FakeComponentFactory(List<String> events) {
        this.events = events;
    }

    @Override
    public Created<SipServlet> servlet(Class<? extends SipServlet> type, ApplicationHandle handle) throws ServletException {
        SipServlet s = construct(type);
        if (s instanceof TestComponents.Recording r) r.record(events);
        return new Created<>(s, () -> events.add("release " + type.getSimpleName()));
    }

    @Override
    public Created<EventListener> listener(Class<?> type, ApplicationHandle handle) throws ServletException {
        EventListener l = (EventListener) construct(type);
        if (l instanceof TestComponents.Recording r) r.record(events);
        return new Created<>(l, () -> events.add("release " + type.getSimpleName()));
    }

    private static <T> T construct(Class<T> type) throws ServletException {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ServletException(e);
        }
    }
}
