package io.ferry.runtime.deploy.apps.gamma2;

import javax.servlet.sip.SipServlet;

@javax.servlet.sip.annotation.SipServlet
public class Gamma2Servlet extends SipServlet {
    private static final long serialVersionUID = 1L;
}
