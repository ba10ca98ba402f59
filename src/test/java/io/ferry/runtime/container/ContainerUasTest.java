package io.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.NameAddr;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.time.Duration;
import java.util.List;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The container as UAS: requests from a fake peer, answered by a scripted servlet (JSR 289 §5, §6; RFC 3261 §8.2, §12, §13.3). */
class ContainerUasTest {

    private static final String DAR = "OPTIONS: (\"uas\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n"
            + "INVITE: (\"uas\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n"
            + "MESSAGE: (\"uas\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n"
            + "SUBSCRIBE: (\"uas\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n";

    private ContainerFixtures node;

    @AfterEach
    void close() {
        if (node != null) node.close();
    }

    private ScriptedServlet deployUas(Duration t1, SipErrorListener... listeners) {
        node = new ContainerFixtures(DAR, t1, t1.multipliedBy(8).compareTo(Duration.ofSeconds(4)) > 0 ? t1.multipliedBy(8) : Duration.ofSeconds(4));
        ScriptedServlet s = new ScriptedServlet(node.recorder, "");
        node.deploy("uas", java.util.Optional.empty(), s, List.of(listeners));
        return s;
    }

    private ScriptedServlet deployUas() {
        return deployUas(Duration.ofMillis(500));
    }

    /** A servlet that answers INVITE with 180 then 200, recording the session state after each. */
    private static ScriptedServlet.OnRequest ringThenAnswer(Recorder rec) {
        return req -> {
            req.createResponse(180).send();
            rec.record("after180", req.getSession().getState());
            req.createResponse(200).send();
            rec.record("after200", req.getSession().getState());
        };
    }

    @Test
    void rfc3261_8_2_6_options_answered200_withToTag_andViaCallIdCSeqCopied() {
        ScriptedServlet s = deployUas();
        s.on("OPTIONS", req -> req.createResponse(200).send());
        FakeFlow flow = node.udp();
        ContainerFixtures.Peer p = ContainerFixtures.request("OPTIONS", "sip:bob@ferry.test").cseq(7);
        node.receive(flow, p.text(flow));

        SipResponse r = flow.channel().awaitResponse(200, "OPTIONS");
        SipRequest sent = parse(p.text(flow));
        assertEquals(sent.headers().firstValue("Call-ID"), r.headers().firstValue("Call-ID"));
        assertEquals("7 OPTIONS", r.headers().firstValue("CSeq").orElseThrow());
        assertTrue(r.headers().firstValue("Via").orElseThrow().contains("branch=" + p.branch));
        assertTrue(r.headers().firstValue("From").orElseThrow().contains("tag=" + p.fromTag));
        assertNotNull(tagOf(r), "RFC 3261 §8.2.6.2: the UAS adds a To tag");
    }

    @Test
    void rfc3261_13_3_invite_ringsAnswersAcksAndBye_sessionEarlyConfirmedTerminated() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("INVITE", ringThenAnswer(rec));
        s.on("ACK", req -> rec.record("ackState", req.getSession().getState()));
        s.on("BYE", req -> {
            req.createResponse(200).send();
            rec.record("afterBye", req.getSession().getState());
        });
        FakeFlow flow = node.tcp();
        ContainerFixtures.Peer invite = ContainerFixtures.request("INVITE", "sip:bob@ferry.test")
                .header("Contact", "<sip:alice@198.51.100.7:40000;transport=tcp>");
        node.receive(flow, invite.text(flow));

        SipResponse ringing = flow.channel().awaitResponse(180, "INVITE");
        SipResponse ok = flow.channel().awaitResponse(200, "INVITE");
        assertEquals(SipSession.State.EARLY, rec.await("after180"));
        assertEquals(SipSession.State.CONFIRMED, rec.await("after200"));
        assertEquals(tagOf(ringing), tagOf(ok), "one dialog: the same To tag on 180 and 200");
        assertTrue(ok.headers().contains("Contact"), "RFC 3261 §12.1.1: the 2xx carries the UAS's Contact");
        assertTrue(ringing.headers().contains("Contact"), "RFC 3261 §12.1.1: a dialog-creating 1xx carries Contact");

        invite.toTag(tagOf(ok));
        node.receive(flow, invite.next("ACK", 1).text(flow));
        assertEquals(SipSession.State.CONFIRMED, rec.await("ackState"));
        SipServletRequest ack = rec.await("doAck");
        assertEquals("ACK", ack.getMethod());

        node.receive(flow, invite.next("BYE", 2).text(flow));
        flow.channel().awaitResponse(200, "BYE");
        assertEquals(SipSession.State.TERMINATED, rec.await("afterBye"));
    }

    @Test
    void rfc3261_12_2_2_requestWithUnknownToTag_answered481() {
        deployUas();
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").toTag("nosuchdialog").text(flow));
        flow.channel().awaitResponse(481, "MESSAGE");
        assertEquals(0, node.recorder.count("doMessage"));
    }

    @Test
    void rfc3261_9_2_cancelOfPendingInvite_invite487_andDoCancelInvoked() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("INVITE", req -> req.createResponse(180).send());
        s.on("CANCEL", req -> rec.record("cancelState", req.getSession().getState()));
        FakeFlow flow = node.udp();
        ContainerFixtures.Peer invite = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        node.receive(flow, invite.text(flow));
        flow.channel().awaitResponse(180, "INVITE");

        ContainerFixtures.Peer cancel = ContainerFixtures.request("CANCEL", "sip:bob@ferry.test").callId(invite.callId)
                .fromTag(invite.fromTag).branch(invite.branch).cseq(1);
        node.receive(flow, cancel.text(flow));
        flow.channel().awaitResponse(200, "CANCEL");
        flow.channel().awaitResponse(487, "INVITE");
        SipServletRequest c = rec.await("doCancel");
        assertEquals("CANCEL", c.getMethod());
        assertEquals(SipSession.State.TERMINATED, rec.await("cancelState"));
    }

    @Test
    void jsr289_servletThrowing_requestAnswered500() {
        ScriptedServlet s = deployUas();
        s.on("MESSAGE", req -> {
            throw new IllegalStateException("application bug");
        });
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").text(flow));
        flow.channel().awaitResponse(500, "MESSAGE");
    }

    @Test
    void jsr289_15_4_1_noApplicationForMethod_answered404() {
        deployUas();
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("PUBLISH", "sip:bob@ferry.test").header("Event", "presence").text(flow));
        flow.channel().awaitResponse(404, "PUBLISH");
    }

    @Test
    void rfc3261_13_3_1_4_2xxOverUdp_retransmittedUntilAck() {
        ScriptedServlet s = deployUas(Duration.ofMillis(20));
        s.on("INVITE", req -> req.createResponse(200).send());
        FakeFlow flow = node.udp();
        ContainerFixtures.Peer invite = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        node.receive(flow, invite.text(flow));

        List<SipMessage> oks = flow.channel().awaitCount(FakeFlowChannel.isResponse(200, "INVITE"), 3);
        invite.toTag(tagOf((SipResponse) oks.get(0)));
        node.receive(flow, invite.next("ACK", 1).text(flow));
        node.recorder.await("doAck");
        int afterAck = flow.channel().matching(FakeFlowChannel.isResponse(200, "INVITE")).size();
        // a retransmission already scheduled may fire once; then none for the rest of 64*T1
        awaitQuiet(Duration.ofMillis(20 * 64 + 200));
        int later = flow.channel().matching(FakeFlowChannel.isResponse(200, "INVITE")).size();
        assertTrue(later <= afterAck + 1, "2xx retransmitted after the ACK: " + afterAck + " → " + later);
    }

    @Test
    void jsr289_noAckReceived_after64T1_withoutAck() {
        Recorder[] rec = new Recorder[1];
        SipErrorListener errors = new SipErrorListener() {
            @Override
            public void noAckReceived(SipErrorEvent ee) {
                rec[0].record("noAck", ee.getResponse());
            }

            @Override
            public void noPrackReceived(SipErrorEvent ee) {
            }
        };
        node = null;
        ContainerFixtures f = new ContainerFixtures(DAR, Duration.ofMillis(10), Duration.ofMillis(80));
        node = f;
        rec[0] = f.recorder;
        ScriptedServlet s = new ScriptedServlet(f.recorder, "");
        s.on("INVITE", req -> req.createResponse(200).send());
        f.deploy("uas", java.util.Optional.empty(), s, List.of(errors));
        FakeFlow flow = f.udp();
        long start = System.nanoTime();
        f.receive(flow, ContainerFixtures.request("INVITE", "sip:bob@ferry.test").text(flow));
        SipServletResponse r = f.recorder.await("noAck");
        assertEquals(200, r.getStatus());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(640).toNanos(), "noAckReceived before 64*T1");
        assertTrue(flow.channel().matching(FakeFlowChannel.isResponse(200, "INVITE")).size() >= 3, "2xx retransmitted meanwhile");
    }

    @Test
    void jsr289_createResponseAfterFinal_isIllegalState() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("MESSAGE", req -> {
            req.createResponse(200).send();
            rec.record("second", assertThrows(IllegalStateException.class, () -> req.createResponse(202)));
        });
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").text(flow));
        flow.channel().awaitResponse(200, "MESSAGE");
        assertNotNull(rec.await("second"));
    }

    @Test
    void jsr289_5_4_2_systemHeaderEdits_areIllegalArgument() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("MESSAGE", req -> {
            SipServletResponse r = req.createResponse(200);
            for (String h : new String[] {"Call-ID", "CSeq", "Via", "From", "To", "Record-Route", "Content-Length"}) {
                rec.record("refused", assertThrows(IllegalArgumentException.class, () -> r.setHeader(h, "x"), h));
            }
            rec.record("refused", assertThrows(IllegalArgumentException.class, () -> r.addHeader("Via", "SIP/2.0/UDP x;branch=z9hG4bKx")));
            rec.record("refused", assertThrows(IllegalArgumentException.class, () -> r.removeHeader("CSeq")));
            r.setHeader("X-Ok", "yes");
            r.send();
        });
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").text(flow));
        SipResponse r = flow.channel().awaitResponse(200, "MESSAGE");
        assertEquals(9, rec.awaitAll("refused", 9).size());
        assertEquals("yes", r.headers().firstValue("X-Ok").orElse(null));
    }

    /** INVITE answered 200 and ACKed; returns the peer's request builder with the dialog's To tag. */
    private ContainerFixtures.Peer establish(ScriptedServlet s, FakeFlow flow) {
        s.on("INVITE", req -> req.createResponse(200).send());
        ContainerFixtures.Peer invite = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        node.receive(flow, invite.text(flow));
        invite.toTag(tagOf(flow.channel().awaitResponse(200, "INVITE")));
        node.receive(flow, invite.next("ACK", 1).text(flow));
        node.recorder.await("doAck");
        return invite;
    }

    @Test
    void rfc3261_15_1_1_uasSendsBye_peer200_sessionTerminated() throws Exception {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.onResponse("2xx", resp -> rec.record("byeAnswered", resp.getSession().getState()));
        FakeFlow flow = node.tcp();
        ContainerFixtures.Peer invite = establish(s, flow);
        SipServletRequest ack = rec.await("doAck");
        ack.getSession().createRequest("BYE").send();

        SipRequest bye = flow.channel().awaitRequest("BYE");
        assertTrue(bye.requestUriText().startsWith("sip:alice@198.51.100.7:"), "RFC 3261 §12.2.1.1: the remote target: " + bye.requestUriText());
        assertEquals(invite.toTag, bye.from().orElseThrow().tag());
        assertEquals(invite.fromTag, bye.to().orElseThrow().tag());
        node.receive(flow, ContainerFixtures.answer(bye, 200, invite.fromTag));
        assertEquals(SipSession.State.TERMINATED, rec.await("byeAnswered"));
    }

    @Test
    void rfc3261_14_2_reInvite_answered200_ackReachesApplication_stateConfirmed() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        FakeFlow flow = node.udp();
        ContainerFixtures.Peer invite = establish(s, flow);
        node.receive(flow, invite.next("INVITE", 2).header("Contact", "<sip:alice@198.51.100.7:41000>").text(flow));
        List<SipMessage> oks = flow.channel().awaitCount(FakeFlowChannel.isResponse(200, "INVITE"), 2);
        assertEquals(invite.toTag, tagOf((SipResponse) oks.get(oks.size() - 1)));
        node.receive(flow, invite.next("ACK", 2).text(flow));
        List<SipServletRequest> acks = rec.awaitAll("doAck", 2);
        assertEquals(SipSession.State.CONFIRMED, acks.get(1).getSession().getState());
        assertEquals(2, rec.awaitAll("doInvite", 2).size());
    }

    @Test
    void rfc3261_12_2_2_lowerCSeqInDialog_answered500() {
        ScriptedServlet s = deployUas();
        FakeFlow flow = node.udp();
        ContainerFixtures.Peer invite = establish(s, flow);
        s.on("INFO", req -> req.createResponse(200).send());
        node.receive(flow, invite.next("INFO", 5).text(flow));
        flow.channel().awaitResponse(200, "INFO");
        node.receive(flow, invite.next("INFO", 3).text(flow));
        flow.channel().awaitResponse(500, "INFO");
        assertEquals(1, node.recorder.count("doInfo"), "the out-of-order request does not reach the application");
    }

    @Test
    void jsr289_15_4_routeToThisNode_popped_getPoppedRoute() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("MESSAGE", req -> {
            rec.record("popped", req.getPoppedRoute() == null ? null : req.getPoppedRoute().getURI().toString());
            rec.record("routes", req.getHeader("Route") == null ? "none" : req.getHeader("Route"));
            req.createResponse(200).send();
        });
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").header("Route", "<sip:ferry.test;lr>").text(flow));
        flow.channel().awaitResponse(200, "MESSAGE");
        assertEquals("sip:ferry.test;lr", rec.await("popped"));
        assertEquals("none", rec.await("routes"));
    }

    @Test
    void jsr289_6_2_1_inviteRejectedAfter180_sessionTerminated() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("INVITE", req -> {
            req.createResponse(180).send();
            req.createResponse(486).send();
            rec.record("state", req.getSession().getState());
        });
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("INVITE", "sip:bob@ferry.test").text(flow));
        flow.channel().awaitResponse(486, "INVITE");
        assertEquals(SipSession.State.TERMINATED, rec.await("state"));
    }

    @Test
    void rfc3261_9_2_cancelBeforeAnyResponse_487_andLateAnswerRefused() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("INVITE", req -> rec.record("invite", req));
        s.on("CANCEL", req -> {
            SipServletRequest invite = rec.await("invite");
            rec.record("late", assertThrows(IllegalStateException.class, () -> invite.createResponse(200).send()));
        });
        FakeFlow flow = node.udp();
        ContainerFixtures.Peer invite = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        node.receive(flow, invite.text(flow));
        rec.await("invite");
        node.receive(flow, ContainerFixtures.request("CANCEL", "sip:bob@ferry.test").callId(invite.callId)
                .fromTag(invite.fromTag).branch(invite.branch).text(flow));
        flow.channel().awaitResponse(487, "INVITE");
        assertNotNull(rec.await("late"));
        assertTrue(flow.channel().matching(FakeFlowChannel.isResponse(200, "INVITE")).isEmpty());
    }

    @Test
    void ferryFlowExtension_incomingRequestNamesItsFlow_transportAndRemoteAddress_closeNotified() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("MESSAGE", req -> {
            io.ferry.flow.SipFlow f = (io.ferry.flow.SipFlow) req.getAttribute(io.ferry.flow.SipFlows.ATTRIBUTE);
            rec.record("flow", f);
            rec.record("transport", req.getTransport());
            rec.record("remote", req.getRemoteAddr() + ":" + req.getRemotePort());
            f.onClose(reason -> rec.record("closed", reason));
            req.createResponse(200).send();
        });
        FakeFlow flow = node.tcp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").text(flow));
        flow.channel().awaitResponse(200, "MESSAGE");
        io.ferry.flow.SipFlow f = rec.await("flow");
        assertEquals(flow.flow().id().value(), f.id());
        assertEquals("TCP", rec.await("transport"));
        assertEquals(FakeFlow.PEER_HOST + ":" + flow.flow().remoteAddress().getPort(), rec.await("remote"));
        flow.peerClosed();
        assertEquals("peer-closed", rec.await("closed"));
        assertFalse(f.isOpen());
    }

    @Test
    void jsr289_applicationStopped_newRequest404_dialogRequest481() {
        ScriptedServlet s = deployUas();
        FakeFlow flow = node.udp();
        ContainerFixtures.Peer invite = establish(s, flow);
        ContainerFixtures.Peer bye = invite.next("BYE", 2);
        node.container.applicationNames().forEach(n -> assertEquals("uas", n));
        handleOf("uas").stop();
        assertTrue(node.container.applicationNames().isEmpty());
        node.receive(flow, ContainerFixtures.request("OPTIONS", "sip:bob@ferry.test").text(flow));
        flow.channel().awaitResponse(404, "OPTIONS");
        node.receive(flow, bye.text(flow));
        flow.channel().awaitResponse(481, "BYE");
    }

    private ApplicationHandle handleOf(String name) {
        return node.handle(name);
    }

    @Test
    void rfc3891_3_replaces_getCorrespondingSipSession_findsTheReplacedDialog() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        FakeFlow flow = node.udp();
        ContainerFixtures.Peer first = establish(s, flow);
        s.on("INVITE", req -> {
            SipSession c = handleOf("uas").sipSessionsUtil().getCorrespondingSipSession(req.getSession(), "Replaces");
            rec.record("corresponding", c == null ? "none" : c.getId());
            req.createResponse(200).send();
        });
        node.receive(flow, ContainerFixtures.request("INVITE", "sip:bob@ferry.test")
                .header("Replaces", first.callId + ";to-tag=" + first.toTag + ";from-tag=" + first.fromTag).text(flow));
        SipServletRequest firstAck = rec.await("doAck");
        assertEquals(firstAck.getSession().getId(), rec.await("corresponding"));
    }

    @Test
    void rfc6665_4_4_1_notifierTerminatesSubscription_sessionTerminated() throws Exception {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("SUBSCRIBE", req -> {
            req.createResponse(200).send();
            SipServletRequest n = req.getSession().createRequest("NOTIFY");
            n.setHeader("Event", "presence");
            n.setHeader("Subscription-State", "terminated;reason=noresource");
            n.send();
        });
        s.onResponse("2xx", resp -> rec.record("notified", resp.getSession().getState()));
        FakeFlow flow = node.tcp();
        ContainerFixtures.Peer sub = ContainerFixtures.request("SUBSCRIBE", "sip:bob@ferry.test").header("Event", "presence").header("Expires", "600");
        node.receive(flow, sub.text(flow));
        SipResponse ok = flow.channel().awaitResponse(200, "SUBSCRIBE");
        SipRequest notify = flow.channel().awaitRequest("NOTIFY");
        assertEquals(tagOf(ok), notify.from().orElseThrow().tag());
        node.receive(flow, ContainerFixtures.answer(notify, 200, sub.fromTag));
        assertEquals(SipSession.State.TERMINATED, rec.await("notified"), "RFC 6665 §4.4.1: no subscription is left: the dialog ends");
    }

    @Test
    void rfc3261_12_1_1_recordRouteCopiedInto2xx_andUasByeCarriesTheRouteSet() throws Exception {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("INVITE", req -> req.createResponse(200).send());
        s.on("ACK", req -> req.getSession().createRequest("BYE").send());
        FakeFlow flow = node.tcp();
        ContainerFixtures.Peer invite = ContainerFixtures.request("INVITE", "sip:bob@ferry.test")
                .header("Record-Route", "<sip:p1.example;lr>").header("Record-Route", "<sip:p2.example;lr>");
        node.receive(flow, invite.text(flow));
        SipResponse ok = flow.channel().awaitResponse(200, "INVITE");
        assertEquals(List.of("<sip:p1.example;lr>", "<sip:p2.example;lr>"), ok.headers().values("Record-Route"));
        invite.toTag(tagOf(ok));
        node.receive(flow, invite.next("ACK", 1).text(flow));
        SipRequest bye = flow.channel().awaitRequest("BYE");
        assertEquals(List.of("<sip:p1.example;lr>", "<sip:p2.example;lr>"), bye.headers().values("Route"),
                "RFC 3261 §12.1.1: the UAS's route set is the Record-Route in order");
        rec.await("doAck");
    }

    @Test
    void rfc3261_13_3_1_4_retransmittedAck_reachesApplicationOnce() {
        ScriptedServlet s = deployUas();
        Recorder rec = node.recorder;
        s.on("INFO", req -> req.createResponse(200).send());
        FakeFlow flow = node.udp();
        ContainerFixtures.Peer invite = establish(s, flow);
        node.receive(flow, invite.next("ACK", 1).text(flow));
        // an INFO after the duplicate: once it is answered, the duplicate ACK has been through the session's queue
        node.receive(flow, invite.next("INFO", 2).text(flow));
        flow.channel().awaitResponse(200, "INFO");
        assertEquals(1, rec.count("doAck"), "a retransmitted ACK carries nothing new for the application");
    }

    // ------------------------------------------------------------------ helpers

    static String tagOf(SipResponse r) {
        try {
            return r.to().map(NameAddr::tag).orElse(null);
        } catch (io.ferry.sip.SipParseException e) {
            throw new AssertionError(e);
        }
    }

    static SipRequest parse(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            return (SipRequest) new io.ferry.sip.SipParser().parseCopy(b, 0, b.length);
        } catch (io.ferry.sip.SipParseException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for a span of time with nothing to wait for (to show that nothing more is sent). */
    static void awaitQuiet(Duration d) {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        try {
            assertFalse(never.await(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
