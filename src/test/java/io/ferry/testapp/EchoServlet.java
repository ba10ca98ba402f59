package io.ferry.testapp;

import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Resource;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * Answers OPTIONS, REGISTER (Contact echoed) and MESSAGE with 200, everything else with 501. A
 * MESSAGE carrying {@code X-Test: ping-back} makes it send an OPTIONS back on the flow the
 * MESSAGE came on (Ferry's flow extension), to show what happens when that flow closes.
 */
@javax.servlet.sip.annotation.SipServlet(name = "echo")
public class EchoServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient TestEvents events;

    @Resource
    transient SipFactory sipFactory;

    private final transient Map<String, Long> pingBackSentAt = new ConcurrentHashMap<>();

    @Override
    protected void doRequest(SipServletRequest req) throws ServletException, IOException {
        SipFlow flow = (SipFlow) req.getAttribute(SipFlows.ATTRIBUTE);
        switch (req.getMethod()) {
            case "ACK" -> events.add("ack flow=" + flow.id());
            case "CANCEL" -> events.add("cancel flow=" + flow.id());
            case "OPTIONS", "MESSAGE" -> {
                record(req, flow);
                req.createResponse(200).send();
                if ("ping-back".equals(req.getHeader("X-Test"))) pingBack(req, flow);
            }
            case "REGISTER" -> {
                record(req, flow);
                SipServletResponse ok = req.createResponse(200);
                String contact = req.getHeader("Contact");
                if (contact != null) ok.setHeader("Contact", contact);
                ok.send();
            }
            default -> {
                record(req, flow);
                req.createResponse(501).send();
            }
        }
    }

    private void record(SipServletRequest req, SipFlow flow) {
        events.add("request " + req.getMethod() + " flow=" + flow.id() + " transport=" + req.getTransport()
                + " tls=" + req.isSecure() + " cipher=" + req.getAttribute("javax.servlet.request.cipher_suite")
                + " call-id=" + req.getCallId());
    }

    /** An OPTIONS to the client on {@code flow} (RFC 5626 §5.3 style: routed by flow, not by URI). */
    private void pingBack(SipServletRequest req, SipFlow flow) throws IOException, ServletException {
        SipApplicationSession session = sipFactory.createApplicationSession();
        String client = "sip:client@" + flow.remoteAddress().getAddress().getHostAddress();
        SipServletRequest options;
        try {
            options = sipFactory.createRequest(session, "OPTIONS", "sip:ferry-test@" + req.getLocalAddr(), client);
        } catch (javax.servlet.sip.ServletParseException e) {
            throw new ServletException(e);
        }
        options.setAttribute(SipFlows.ATTRIBUTE, flow);
        events.add("ping-back sent flow=" + flow.id());
        pingBackSentAt.put(flow.id(), System.nanoTime());
        options.send();
    }

    @Override
    protected void doResponse(SipServletResponse resp) {
        SipFlow flow = (SipFlow) resp.getRequest().getAttribute(SipFlows.ATTRIBUTE);
        Long sent = flow == null ? null : pingBackSentAt.get(flow.id());
        events.add("response " + resp.getStatus() + " method=" + resp.getMethod() + " flow=" + (flow == null ? "-" : flow.id())
                + " after-ms=" + (sent == null ? -1 : (System.nanoTime() - sent) / 1_000_000));
    }
}
