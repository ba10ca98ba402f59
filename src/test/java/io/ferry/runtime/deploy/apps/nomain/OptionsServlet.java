package io.ferry.runtime.deploy.apps.nomain;

import javax.servlet.sip.SipServlet;

@javax.servlet.sip.annotation.SipServlet(name = "options")
public class OptionsServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
}
