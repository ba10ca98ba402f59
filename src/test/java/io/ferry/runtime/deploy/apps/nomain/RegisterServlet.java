package io.ferry.runtime.deploy.apps.nomain;

import javax.servlet.sip.SipServlet;

@javax.servlet.sip.annotation.SipServlet(name = "register")
public class RegisterServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
}
