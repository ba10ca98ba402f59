package io.ferry.runtime.deploy.apps.unnamed;

import javax.servlet.sip.SipServlet;

@javax.servlet.sip.annotation.SipServlet
public class UnnamedServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
}
