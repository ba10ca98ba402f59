package io.ferry.runtime.deploy.apps.beta;

import javax.servlet.sip.SipServlet;

@javax.servlet.sip.annotation.SipServlet(name = "beta")
public class BetaServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
}
