package io.ferry.sipapps.composition.first;

import io.ferry.sipapps.composition.RoutingFacts;
import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import java.util.Map;
import javax.annotation.Resource;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;

/**
 * Answers OPTIONS as a UAS ({@code X-Ferry-App: first}); passes MESSAGE on to the next application
 * with CONTINUE and relays its final response, adding {@code X-Ferry-Chain: first}.
 */
@javax.servlet.sip.annotation.SipServlet(name = "first")
public class FirstServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    private static final String UPSTREAM = "upstream";

    @Resource
    transient SipFactory factory;

    @Inject
    transient SipAppEvents events;

    @Override
    protected void doOptions(SipServletRequest req) throws ServletException, IOException {
        events.add("first", "request", RoutingFacts.of(req));
        SipServletResponse ok = req.createResponse(200);
        ok.setHeader("X-Ferry-App", "first");
        ok.send();
    }

    @Override
    @SuppressWarnings("deprecation") // B2buaHelper.createRequest is the successor; it belongs to the next issue
    protected void doMessage(SipServletRequest req) throws ServletException, IOException {
        events.add("first", "request", RoutingFacts.of(req));
        SipServletRequest next = factory.createRequest(req, false);
        // JSR 289 §15.2.2: CONTINUE resumes application selection after this application
        next.setRoutingDirective(SipApplicationRoutingDirective.CONTINUE, req);
        next.getSession().setAttribute(UPSTREAM, req);
        next.getSession().setHandler("first");
        next.send();
        events.add("first", "continued", Map.of("call-id", next.getCallId(), "upstream-call-id", req.getCallId()));
    }

    @Override
    protected void doResponse(SipServletResponse resp) throws ServletException, IOException {
        if (resp.getStatus() < 200 || !(resp.getSession().getAttribute(UPSTREAM) instanceof SipServletRequest upstream)) {
            return;
        }
        Map<String, Object> d = SipAppEvents.describe(resp);
        d.put("status", resp.getStatus());
        d.put("from-app", resp.getHeader("X-Ferry-App"));
        events.add("first", "response", d);
        SipServletResponse relayed = upstream.createResponse(resp.getStatus(), resp.getReasonPhrase());
        relayed.setHeader("X-Ferry-App", String.valueOf(resp.getHeader("X-Ferry-App")));
        relayed.setHeader("X-Ferry-Chain", "first");
        relayed.send();
        resp.getApplicationSession().invalidate();
    }
}
