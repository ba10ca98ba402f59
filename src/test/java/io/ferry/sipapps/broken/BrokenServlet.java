package io.ferry.sipapps.broken;

import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;

/** Refuses to initialise, as a servlet whose resource is missing would. */
@javax.servlet.sip.annotation.SipServlet(name = "broken", loadOnStartup = 1)
public class BrokenServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void init() throws ServletException {
        throw new ServletException("broken on purpose: the test database is unreachable");
    }
}
