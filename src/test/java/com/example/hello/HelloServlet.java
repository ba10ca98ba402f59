package com.example.hello;

import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;

/**
 * Greets whoever sends a MESSAGE: {@code 200 OK} with {@code X-Hello: Hello, <user>}, and names
 * the transport it came over ({@code X-Hello-Flow}) with Ferry's flow extension. A MESSAGE saying
 * {@code call me back} is also answered with an OPTIONS sent back on the very flow it came over:
 * the way to reach a WebSocket client, whose addresses end in {@code .invalid} (RFC 7118 §5).
 */
@javax.servlet.sip.annotation.SipServlet(name = "hello", loadOnStartup = 1)
public class HelloServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doMessage(SipServletRequest req) throws ServletException, IOException {
        String user = req.getFrom().getURI() instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : "stranger";
        SipServletResponse ok = req.createResponse(SipServletResponse.SC_OK);
        ok.setHeader("X-Hello", "Hello, " + user);
        // Ferry's flow extension: the WebSocket, TCP, TLS or UDP flow the request arrived on
        SipFlow flow = req.getAttribute(SipFlows.ATTRIBUTE) instanceof SipFlow f ? f : null;
        if (flow != null) {
            ok.setHeader("X-Hello-Flow", flow.transport());
        }
        ok.send();
        if (flow != null && "call me back".equals(text(req))) {
            SipFactory factory = (SipFactory) getServletContext().getAttribute(SipFactory.class.getName());
            SipServletRequest ping = factory.createRequest(req.getApplicationSession(), "OPTIONS",
                    "sip:hello@ferry.example", req.getFrom().getURI().toString());
            ping.setAttribute(SipFlows.ATTRIBUTE, flow); // send it on that flow, whatever the Request-URI says
            ping.send();
        }
    }

    @Override
    protected void doSuccessResponse(SipServletResponse resp) {
        resp.getApplicationSession().invalidate(); // the callback's 200: nothing more to do
    }

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        req.createResponse(SipServletResponse.SC_BUSY_HERE, "Hello does not take calls").send();
    }

    private static String text(SipServletRequest req) throws IOException {
        byte[] body = req.getRawContent();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
    }
}
