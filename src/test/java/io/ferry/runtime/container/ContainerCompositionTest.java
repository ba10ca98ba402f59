package io.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.SipResponse;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two applications composed by the Default Application Router (JSR 289 §15, Appendix C), routed inside the node. */
class ContainerCompositionTest {

    private static final String DAR = "INVITE: (\"a\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), "
            + "(\"b\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\")\n";

    private ContainerFixtures node;

    @AfterEach
    void close() {
        if (node != null) node.close();
    }

    @Test
    void jsr289_15_2_2_continueDirective_nextApplicationAnswers_andAckByeFollowTheDialog() throws Exception {
        node = new ContainerFixtures(DAR);
        Recorder rec = node.recorder;
        ScriptedServlet a = new ScriptedServlet(rec, "a.");
        ScriptedServlet b = new ScriptedServlet(rec, "b.");
        SipFactory[] aFactory = new SipFactory[1];
        // A: a B2BUA leg towards the next application
        a.on("INVITE", req -> {
            req.getApplicationSession().setAttribute("incoming", req);
            SipServletRequest out = aFactory[0].createRequest(req, false);
            rec.record("a.directive", out.getRoutingDirective());
            out.send();
        });
        a.onResponse("2xx", resp -> {
            if (!resp.getMethod().equals("INVITE")) return;
            resp.createAck().send();
            resp.getApplicationSession().setAttribute("leg2", resp.getSession());
            ((SipServletRequest) resp.getApplicationSession().getAttribute("incoming")).createResponse(200).send();
        });
        a.on("ACK", req -> ((SipSession) req.getApplicationSession().getAttribute("leg2")).createRequest("BYE").send());
        // B: the UAS
        b.on("INVITE", req -> {
            rec.record("b.initial", req.isInitial());
            rec.record("b.region", req.getRegion().getType().name());
            rec.record("b.subscriber", String.valueOf(req.getSubscriberURI()));
            rec.record("b.remote", req.getInitialRemoteAddr());
            req.createResponse(200).send();
        });
        b.on("ACK", req -> rec.record("b.ackState", req.getSession().getState()));
        b.on("BYE", req -> {
            req.createResponse(200).send();
            rec.record("b.byeState", req.getSession().getState());
        });
        aFactory[0] = node.deploy("a", a).sipFactory();
        node.deploy("b", b);

        FakeFlow flow = node.tcp();
        ContainerFixtures.Peer invite = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        node.receive(flow, invite.text(flow));

        assertEquals(SipApplicationRoutingDirective.CONTINUE, rec.await("a.directive"));
        assertEquals(Boolean.TRUE, rec.await("b.initial"), "JSR 289 §15.4: B gets it as an initial request");
        assertEquals("TERMINATING", rec.await("b.region"));
        assertEquals("sip:bob@ferry.test", rec.await("b.subscriber"), "JSR 289 Appendix C: DAR:To names the subscriber");
        assertEquals(FakeFlow.PEER_HOST, rec.await("b.remote"), "JSR 289: getInitialRemoteAddr is the network client");
        SipServletResponse okAtA = rec.await("a.doSuccessResponse");
        assertEquals(200, okAtA.getStatus());

        SipResponse ok = flow.channel().awaitResponse(200, "INVITE");
        assertTrue(flow.channel().matching(FakeFlowChannel.isRequest("INVITE")).isEmpty(), "internal routing: nothing on the wire");
        invite.toTag(ContainerUasTest.tagOf(ok));
        node.receive(flow, invite.next("ACK", 1).text(flow));

        assertEquals(SipSession.State.CONFIRMED, rec.await("b.ackState"));
        SipServletRequest bye = rec.await("b.doBye");
        assertEquals("BYE", bye.getMethod());
        assertEquals(SipSession.State.TERMINATED, rec.await("b.byeState"));
        java.util.List<SipServletResponse> atA = rec.awaitAll("a.doSuccessResponse", 2);
        assertEquals("BYE", atA.get(1).getMethod());
        assertNotEquals(atA.get(0).getCallId(), ok.callId().orElseThrow(), "createRequest(orig, false): a new Call-ID");
    }

    @Test
    void rfc3261_9_1_cancelOfInternalLeg_nextApplicationAnswers487_andGetsDoCancel() throws Exception {
        node = new ContainerFixtures(DAR);
        Recorder rec = node.recorder;
        ScriptedServlet a = new ScriptedServlet(rec, "a.");
        ScriptedServlet b = new ScriptedServlet(rec, "b.");
        SipFactory[] aFactory = new SipFactory[1];
        a.on("INVITE", req -> {
            SipServletRequest out = aFactory[0].createRequest(req, false);
            req.getApplicationSession().setAttribute("leg2", out);
            out.send();
        });
        a.on("CANCEL", req -> ((SipServletRequest) req.getApplicationSession().getAttribute("leg2")).createCancel().send());
        b.on("INVITE", req -> req.createResponse(180).send());
        b.on("CANCEL", req -> rec.record("b.cancelState", req.getSession().getState()));
        aFactory[0] = node.deploy("a", a).sipFactory();
        node.deploy("b", b);

        FakeFlow flow = node.udp();
        ContainerFixtures.Peer invite = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        node.receive(flow, invite.text(flow));
        rec.await("a.doProvisionalResponse");
        node.receive(flow, ContainerFixtures.request("CANCEL", "sip:bob@ferry.test").callId(invite.callId)
                .fromTag(invite.fromTag).branch(invite.branch).text(flow));
        flow.channel().awaitResponse(487, "INVITE");

        assertEquals(SipSession.State.TERMINATED, rec.await("b.cancelState"));
        SipServletResponse terminated = rec.await("a.doErrorResponse");
        assertEquals(487, terminated.getStatus());
    }

    @Test
    void rfc3261_15_1_1_byeFromNextApplication_reachesFirstApplicationsLeg() throws Exception {
        node = new ContainerFixtures(DAR);
        Recorder rec = node.recorder;
        ScriptedServlet a = new ScriptedServlet(rec, "a.");
        ScriptedServlet b = new ScriptedServlet(rec, "b.");
        SipFactory[] aFactory = new SipFactory[1];
        a.on("INVITE", req -> aFactory[0].createRequest(req, false).send());
        a.onResponse("2xx", resp -> {
            if (resp.getMethod().equals("INVITE")) resp.createAck().send();
        });
        a.on("BYE", req -> {
            req.createResponse(200).send();
            rec.record("a.byeState", req.getSession().getState());
        });
        b.on("INVITE", req -> req.createResponse(200).send());
        b.on("ACK", req -> req.getSession().createRequest("BYE").send());
        aFactory[0] = node.deploy("a", a).sipFactory();
        node.deploy("b", b);

        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("INVITE", "sip:bob@ferry.test").text(flow));
        assertEquals(SipSession.State.TERMINATED, rec.await("a.byeState"));
        SipServletResponse byeOk = rec.await("b.doSuccessResponse");
        assertEquals("BYE", byeOk.getMethod());
        assertEquals(200, byeOk.getStatus());
    }
}
