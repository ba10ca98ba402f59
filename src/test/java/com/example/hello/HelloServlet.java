package com.example.hello;

import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;

/**
 * Greets whoever sends a MESSAGE: {@code 200 OK} with {@code X-Hello: Hello, <user>}, and names
 * the transport it came over ({@code X-Hello-Flow}) with Ferry's flow extension.
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
        if (req.getAttribute(SipFlows.ATTRIBUTE) instanceof SipFlow flow) {
            ok.setHeader("X-Hello-Flow", flow.transport());
        }
        ok.send();
    }

    @Override
    protected void doOptions(SipServletRequest req) throws ServletException, IOException {
        SipServletResponse ok = req.createResponse(SipServletResponse.SC_OK);
        ok.setHeader("Allow", "MESSAGE, OPTIONS");
        ok.send();
    }

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        req.createResponse(SipServletResponse.SC_BUSY_HERE, "Hello does not take calls").send();
    }
}
