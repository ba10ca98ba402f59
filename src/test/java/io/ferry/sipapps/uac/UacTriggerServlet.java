package io.ferry.sipapps.uac;

import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Resource;
import javax.inject.Inject;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;

/**
 * {@code GET /sipapps/uac?method=MESSAGE|INVITE&to=<sip-uri>&test=<id>}: sends one request from the
 * {@code uac} application and answers 202 with {@code call-id=… app-session=…}. MESSAGE is built
 * with the injected {@code @Resource SipFactory}, INVITE with the one in the ServletContext
 * attribute {@code javax.servlet.sip.SipFactory} (JSR 289 §2.3.4); both must be there.
 */
@WebServlet("/sipapps/uac")
public class UacTriggerServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The SDP offer (RFC 3264 §5). */
    static final String SDP_OFFER = String.join("\r\n",
            "v=0",
            "o=uac 2890844526 2890844526 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 49170 RTP/AVP 0",
            "a=rtpmap:0 PCMU/8000",
            "");

    @Resource
    transient SipFactory injectedFactory;

    @Inject
    transient SipAppEvents events;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getParameter("method");
        String to = req.getParameter("to");
        String test = req.getParameter("test");
        SipFactory fromContext = (SipFactory) getServletContext().getAttribute(SipFactory.class.getName());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("method", method);
        d.put("factory-injected", injectedFactory != null);
        d.put("factory-attribute", fromContext != null);
        d.put("test", test);
        events.add("uac", "trigger", d);
        if (injectedFactory == null || fromContext == null || to == null || test == null
                || !("MESSAGE".equals(method) || "INVITE".equals(method))) {
            resp.sendError(400, "need method=MESSAGE|INVITE, to and test, and both SipFactory references: " + d);
            return;
        }
        SipFactory factory = "MESSAGE".equals(method) ? injectedFactory : fromContext;
        try {
            SipApplicationSession app = factory.createApplicationSession();
            SipServletRequest out = factory.createRequest(app, method,
                    factory.createAddress("\"Ferry UAC\" <sip:uac@ferry.example>"), factory.createAddress(to));
            out.setHeader("X-Ferry-Test", test);
            if ("MESSAGE".equals(method)) {
                out.setContent("hello from uac", "text/plain;charset=UTF-8");
            } else {
                out.setContent(SDP_OFFER, "application/sdp");
            }
            out.getSession().setHandler("uac");
            out.send();
            events.add("uac", "sent", SipAppEvents.describe(out));
            resp.setStatus(202);
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getWriter().print("call-id=" + out.getCallId() + " app-session=" + app.getId());
        } catch (javax.servlet.ServletException e) {
            resp.sendError(400, e.getMessage());
        }
    }
}
