package io.ferry.sipapps.listeners;

import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;

/** Sets, replaces and removes one attribute on each session, answers 200 and invalidates the application session. */
@javax.servlet.sip.annotation.SipServlet(name = "publish")
public class PublishServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SipAppEvents events;

    @Override
    protected void doPublish(SipServletRequest req) throws ServletException, IOException {
        events.add("listeners", "request", SipAppEvents.describe(req));
        SipApplicationSession app = req.getApplicationSession();
        SipSession session = req.getSession();
        app.setAttribute("color", "red");
        app.setAttribute("color", "blue");
        app.removeAttribute("color");
        session.setAttribute("shape", "circle");
        session.setAttribute("shape", "square");
        session.removeAttribute("shape");
        req.createResponse(200).send();
        app.invalidate();
        events.add("listeners", "invalidated", java.util.Map.of("app-session-valid", app.isValid()));
    }
}
