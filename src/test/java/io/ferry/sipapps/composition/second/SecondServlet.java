package io.ferry.sipapps.composition.second;

import io.ferry.sipapps.composition.RoutingFacts;
import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/** Answers whatever reaches it with 200 and {@code X-Ferry-App: second}. */
@javax.servlet.sip.annotation.SipServlet(name = "second")
public class SecondServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SipAppEvents events;

    @Override
    protected void doRequest(SipServletRequest req) throws ServletException, IOException {
        events.add("second", "request", RoutingFacts.of(req));
        if (!"ACK".equals(req.getMethod())) {
            SipServletResponse ok = req.createResponse(200);
            ok.setHeader("X-Ferry-App", "second");
            ok.send();
        }
    }
}
