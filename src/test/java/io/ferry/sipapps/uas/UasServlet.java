package io.ferry.sipapps.uas;

import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import java.util.Map;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/** The {@code uas} application's only servlet. */
@javax.servlet.sip.annotation.SipServlet(name = "uas", loadOnStartup = 1)
public class UasServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    /** The SDP answer (RFC 3264 §6): one PCMU audio stream on a fixed port. */
    static final String SDP_ANSWER = String.join("\r\n",
            "v=0",
            "o=uas 2890844527 2890844527 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 49172 RTP/AVP 0",
            "a=rtpmap:0 PCMU/8000",
            "");

    @Inject
    transient SipAppEvents events;

    private void record(String event, SipServletRequest req) {
        Map<String, Object> d = SipAppEvents.describe(req);
        Object flow = req.getAttribute(SipFlows.ATTRIBUTE);
        d.put("flow-transport", flow instanceof SipFlow f ? f.transport() : null);
        d.put("contact", req.getHeader("Contact"));
        events.add("uas", event, d);
    }

    @Override
    protected void doOptions(SipServletRequest req) throws ServletException, IOException {
        record("request", req);
        SipServletResponse ok = req.createResponse(200);
        ok.setHeader("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE");
        ok.setHeader("Accept", "application/sdp, text/plain");
        ok.send();
    }

    @Override
    protected void doMessage(SipServletRequest req) throws ServletException, IOException {
        record("request", req);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("call-id", req.getCallId());
        body.put("content-type", req.getContentType());
        body.put("length", req.getContentLength());
        events.add("uas", "message-body", body);
        req.createResponse(200).send();
    }

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        record("request", req);
        req.createResponse(180).send();
        events.add("uas", "sent-180", Map.of("call-id", req.getCallId(), "state", req.getSession().getState()));
        SipServletResponse ok = req.createResponse(200);
        ok.setContent(SDP_ANSWER, "application/sdp");
        ok.send();
        events.add("uas", "sent-200", Map.of("call-id", req.getCallId(), "state", req.getSession().getState(),
                "to-tag", String.valueOf(ok.getTo().getParameter("tag")),
                "contact", String.valueOf(ok.getHeader("Contact"))));
    }

    @Override
    protected void doAck(SipServletRequest req) throws ServletException, IOException {
        record("request", req);
    }

    @Override
    protected void doBye(SipServletRequest req) throws ServletException, IOException {
        record("request", req);
        req.createResponse(200).send();
        events.add("uas", "sent-bye-200", Map.of("call-id", req.getCallId(), "state", req.getSession().getState()));
    }
}
