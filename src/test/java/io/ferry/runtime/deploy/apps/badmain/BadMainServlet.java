package io.ferry.runtime.deploy.apps.badmain;

import javax.servlet.sip.SipServlet;

@javax.servlet.sip.annotation.SipServlet
public class BadMainServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
}
