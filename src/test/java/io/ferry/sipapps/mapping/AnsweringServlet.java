package io.ferry.sipapps.mapping;

import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import java.util.Map;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * Declared three times in sip.xml (not annotated): answers every request but ACK with 200 and
 * {@code X-Ferry-Servlet: <its servlet-name>}, so the wire shows which mapping rule won.
 */
public class AnsweringServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SipAppEvents events;

    @Override
    protected void doRequest(SipServletRequest req) throws ServletException, IOException {
        Map<String, Object> d = SipAppEvents.describe(req);
        d.put("servlet", getServletName());
        d.put("request-uri", req.getRequestURI());
        events.add("mapping", "request", d);
        if (!"ACK".equals(req.getMethod())) {
            SipServletResponse ok = req.createResponse(200);
            ok.setHeader("X-Ferry-Servlet", getServletName());
            ok.send();
        }
    }
}
