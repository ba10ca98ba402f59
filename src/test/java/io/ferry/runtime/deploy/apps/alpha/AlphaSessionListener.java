package io.ferry.runtime.deploy.apps.alpha;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.annotation.SipListener;

@SipListener(description = "counts sessions")
public class AlphaSessionListener implements SipApplicationSessionListener, SipSessionListener, TimerListener {
    @Override public void sessionCreated(SipApplicationSessionEvent ev) { }
    @Override public void sessionDestroyed(SipApplicationSessionEvent ev) { }
    @Override public void sessionExpired(SipApplicationSessionEvent ev) { }
    @Override public void sessionReadyToInvalidate(SipApplicationSessionEvent ev) { }
    @Override public void sessionCreated(SipSessionEvent se) { }
    @Override public void sessionDestroyed(SipSessionEvent se) { }
    @Override public void sessionReadyToInvalidate(SipSessionEvent se) { }
    @Override public void timeout(ServletTimer timer) { }
}
