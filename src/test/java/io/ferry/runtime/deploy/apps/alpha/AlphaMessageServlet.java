package io.ferry.runtime.deploy.apps.alpha;

import javax.servlet.sip.SipServlet;

@javax.servlet.sip.annotation.SipServlet
public class AlphaMessageServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
}
