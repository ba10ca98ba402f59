package io.ferry.sipapps.uac;

import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import java.util.Map;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/** The handler of the {@code uac} application's sessions: records responses, ACKs a 2xx to INVITE and hangs up. */
@javax.servlet.sip.annotation.SipServlet(name = "uac")
public class UacServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SipAppEvents events;

    private void record(SipServletResponse resp) {
        Map<String, Object> d = SipAppEvents.describe(resp);
        d.put("status", resp.getStatus());
        d.put("contact", resp.getHeader("Contact"));
        d.put("record-route", resp.getHeader("Record-Route"));
        events.add("uac", "response", d);
    }

    @Override
    protected void doProvisionalResponse(SipServletResponse resp) throws ServletException, IOException {
        record(resp);
    }

    @Override
    protected void doSuccessResponse(SipServletResponse resp) throws ServletException, IOException {
        record(resp);
        switch (resp.getMethod()) {
            case "INVITE" -> {
                // RFC 3261 §13.2.2.4: the UAC acknowledges every 2xx; JSR 289 leaves that to the application
                SipServletRequest ack = resp.createAck();
                ack.send();
                events.add("uac", "ack-sent", SipAppEvents.describe(ack));
                SipServletRequest bye = resp.getSession().createRequest("BYE");
                bye.setHeader("X-Ferry-Test", resp.getRequest().getHeader("X-Ferry-Test"));
                bye.send();
                events.add("uac", "bye-sent", SipAppEvents.describe(bye));
            }
            case "BYE", "MESSAGE" -> resp.getApplicationSession().invalidate();
            default -> {
                // no other request is sent by this application
            }
        }
    }

    @Override
    protected void doErrorResponse(SipServletResponse resp) throws ServletException, IOException {
        record(resp);
        resp.getApplicationSession().invalidate();
    }
}
