package io.ferry.runtime.deploy.apps.gamma1;

import javax.servlet.sip.SipServlet;

@javax.servlet.sip.annotation.SipServlet
public class Gamma1Servlet extends SipServlet {
    private static final long serialVersionUID = 1L;
}
