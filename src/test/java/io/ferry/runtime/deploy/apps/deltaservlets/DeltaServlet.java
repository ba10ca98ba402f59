package io.ferry.runtime.deploy.apps.deltaservlets;

import javax.servlet.sip.SipServlet;

@javax.servlet.sip.annotation.SipServlet(name = "delta", applicationName = "delta")
public class DeltaServlet extends SipServlet {
    private static final long serialVersionUID = 1L;
}
