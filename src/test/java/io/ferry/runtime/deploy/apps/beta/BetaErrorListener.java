package io.ferry.runtime.deploy.apps.beta;

import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.annotation.SipListener;

@SipListener
public class BetaErrorListener implements SipErrorListener, SipServletListener {
    @Override public void noAckReceived(SipErrorEvent ee) { }
    @Override public void noPrackReceived(SipErrorEvent ee) { }
    @Override public void servletInitialized(SipServletContextEvent ce) { }
}
