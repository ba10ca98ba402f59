package io.ferry.sipapps.b2bua;

import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import java.util.Map;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;

/** The {@code b2bua} application's only servlet: both legs of every call. */
@javax.servlet.sip.annotation.SipServlet(name = "b2bua", loadOnStartup = 1)
public class B2buaServlet extends SipServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SipAppEvents events;

    private void record(String event, SipServletMessage m, SipServletMessage linked) {
        Map<String, Object> d = SipAppEvents.describe(m);
        if (m instanceof SipServletResponse r) d.put("status", r.getStatus());
        d.put("linked-call-id", linked == null ? null : linked.getCallId());
        events.add("b2bua", event, d);
    }

    @Override
    protected void doInvite(SipServletRequest req) throws ServletException, IOException {
        if (!req.isInitial()) {
            req.createResponse(488, "Not Acceptable Here").send(); // no re-INVITE relay in this sample
            return;
        }
        B2buaHelper helper = req.getB2buaHelper();
        SipServletRequest out = helper.createRequest(req, true, null);
        out.send();
        record("invite-out", out, req);
    }

    @Override
    protected void doResponse(SipServletResponse resp) throws ServletException, IOException {
        if (resp.getMethod().equals("CANCEL")) return; // hop by hop
        B2buaHelper helper = resp.getRequest().getB2buaHelper();
        SipServletRequest up = helper.getLinkedSipServletRequest(resp.getRequest());
        record("response", resp, up);
        if (up == null || up.isCommitted()) return; // e.g. the 487 after the caller's CANCEL, answered already
        SipServletResponse relayed = up.createResponse(resp.getStatus(), resp.getReasonPhrase());
        if (resp.getContentLength() > 0) relayed.setContent(resp.getRawContent(), resp.getContentType());
        relayed.send();
        record("relayed", relayed, resp);
    }

    @Override
    protected void doAck(SipServletRequest req) throws ServletException, IOException {
        B2buaHelper helper = req.getB2buaHelper();
        SipSession other = helper.getLinkedSession(req.getSession());
        if (other == null) return;
        for (SipServletMessage m : helper.getPendingMessages(other, UAMode.UAC)) {
            if (m instanceof SipServletResponse r && r.getStatus() / 100 == 2) {
                SipServletRequest ack = r.createAck();
                ack.send();
                record("ack-out", ack, req);
            }
        }
    }

    @Override
    protected void doBye(SipServletRequest req) throws ServletException, IOException {
        B2buaHelper helper = req.getB2buaHelper();
        SipSession other = helper.getLinkedSession(req.getSession());
        if (other == null) {
            req.createResponse(200).send();
            return;
        }
        SipServletRequest bye = helper.createRequest(other, req, null);
        bye.send();
        record("bye-out", bye, req);
    }

    @Override
    protected void doCancel(SipServletRequest req) throws ServletException, IOException {
        B2buaHelper helper = req.getB2buaHelper();
        SipSession other = helper.getLinkedSession(req.getSession());
        if (other == null) return;
        SipServletRequest cancel = helper.createCancel(other);
        cancel.send();
        record("cancel-out", cancel, req);
    }
}
