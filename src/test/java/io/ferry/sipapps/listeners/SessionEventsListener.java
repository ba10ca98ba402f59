package io.ferry.sipapps.listeners;

import io.ferry.sipapps.events.SipAppEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import javax.servlet.sip.SipApplicationSessionAttributeListener;
import javax.servlet.sip.SipApplicationSessionBindingEvent;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipSessionAttributeListener;
import javax.servlet.sip.SipSessionBindingEvent;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;
import javax.servlet.sip.annotation.SipListener;

/**
 * Records every application-session and SIP-session lifecycle and attribute event of the
 * {@code listeners} application as {@code event=<kind>.<callback>}, for example
 * {@code app-session.created} or {@code session-attribute.replaced name=shape value=square}; the
 * value is the attribute's value after the change ({@code -} once removed).
 */
@SipListener
public class SessionEventsListener implements SipApplicationSessionListener, SipSessionListener,
        SipApplicationSessionAttributeListener, SipSessionAttributeListener {

    @Inject
    SipAppEvents events;

    private void appSession(String callback, SipApplicationSessionEvent e) {
        events.add("listeners", "app-session." + callback, Map.of("id", e.getApplicationSession().getId()));
    }

    private void session(String callback, SipSessionEvent e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", e.getSession().getId());
        d.put("call-id", e.getSession().getCallId());
        events.add("listeners", "session." + callback, d);
    }

    private void appAttribute(String callback, SipApplicationSessionBindingEvent e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", e.getName());
        d.put("value", e.getApplicationSession().getAttribute(e.getName()));
        events.add("listeners", "app-session-attribute." + callback, d);
    }

    private void attribute(String callback, SipSessionBindingEvent e) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", e.getName());
        d.put("value", e.getSession().getAttribute(e.getName()));
        events.add("listeners", "session-attribute." + callback, d);
    }

    @Override
    public void sessionCreated(SipApplicationSessionEvent e) {
        appSession("created", e);
    }

    @Override
    public void sessionDestroyed(SipApplicationSessionEvent e) {
        appSession("destroyed", e);
    }

    @Override
    public void sessionExpired(SipApplicationSessionEvent e) {
        appSession("expired", e);
    }

    @Override
    public void sessionReadyToInvalidate(SipApplicationSessionEvent e) {
        appSession("ready-to-invalidate", e);
    }

    @Override
    public void sessionCreated(SipSessionEvent e) {
        session("created", e);
    }

    @Override
    public void sessionDestroyed(SipSessionEvent e) {
        session("destroyed", e);
    }

    @Override
    public void sessionReadyToInvalidate(SipSessionEvent e) {
        session("ready-to-invalidate", e);
    }

    @Override
    public void attributeAdded(SipApplicationSessionBindingEvent e) {
        appAttribute("added", e);
    }

    @Override
    public void attributeRemoved(SipApplicationSessionBindingEvent e) {
        appAttribute("removed", e);
    }

    @Override
    public void attributeReplaced(SipApplicationSessionBindingEvent e) {
        appAttribute("replaced", e);
    }

    @Override
    public void attributeAdded(SipSessionBindingEvent e) {
        attribute("added", e);
    }

    @Override
    public void attributeRemoved(SipSessionBindingEvent e) {
        attribute("removed", e);
    }

    @Override
    public void attributeReplaced(SipSessionBindingEvent e) {
        attribute("replaced", e);
    }
}
