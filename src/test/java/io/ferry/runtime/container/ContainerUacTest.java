package io.ferry.runtime.container;

import static io.ferry.runtime.container.ContainerFixtures.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.Via;
import java.time.Duration;
import java.util.List;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The container as UAC: requests an application creates with SipFactory, sent on a flow of the flow extension (JSR 289 §4.1.3, §6.7; RFC 3261 §8.1, §9.1, §13.2). */
class ContainerUacTest {

    /** No DAR rule for the methods the application sends: they go to the network (JSR 289 §15.4). */
    private static final String DAR = "OPTIONS: (\"uac\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n";

    private ContainerFixtures node;
    private ScriptedServlet servlet;
    private SipFactory factory;
    private Recorder rec;
    private FakeFlow flow;

    @BeforeEach
    void deploy() {
        node = new ContainerFixtures(DAR);
        rec = node.recorder;
        servlet = new ScriptedServlet(rec, "");
        factory = node.deploy("uac", servlet).sipFactory();
        flow = node.tcp();
    }

    @AfterEach
    void close() {
        node.close();
    }

    private SipServletRequest create(String method) throws Exception {
        SipApplicationSession as = factory.createApplicationSession();
        SipServletRequest r = factory.createRequest(as, method, "<sip:app@ferry.test>", "<sip:carol@peer.example>");
        SipFlow handle = node.container.sipFlows().find(flow.flow().id().value()).orElseThrow();
        r.setAttribute(SipFlows.ATTRIBUTE, handle);
        return r;
    }

    @Test
    void jsr289_4_1_3_message_sentOnFlow_withViaMaxForwardsFromTagCallId_and200ReachesDoSuccessResponse() throws Exception {
        SipServletRequest m = create("MESSAGE");
        m.setContent("hello", "text/plain");
        m.send();

        SipRequest wire = flow.channel().awaitRequest("MESSAGE");
        Via via = wire.topVia().orElseThrow();
        assertTrue(via.branch().startsWith("z9hG4bK"), "RFC 3261 §8.1.1.7: a magic-cookie branch");
        assertEquals("TCP", via.transport().toUpperCase());
        assertEquals("70", wire.headers().firstValue("Max-Forwards").orElseThrow());
        assertNotNull(wire.from().orElseThrow().tag(), "RFC 3261 §8.1.1.3: From carries a tag");
        assertEquals(null, wire.to().orElseThrow().tag());
        assertEquals(m.getCallId(), wire.callId().orElseThrow());
        assertEquals("sip:carol@peer.example", wire.requestUriText());
        assertEquals("hello", new String(wire.bodyBytes()));

        node.receive(flow, answer(wire, 200, "peer1"));
        SipServletResponse ok = rec.await("doSuccessResponse");
        assertEquals(200, ok.getStatus());
        assertSame(m, ok.getRequest());
        assertSame(m.getSession(), ok.getSession());
    }

    @Test
    void jsr289_4_1_3_twoRequests_haveDistinctCallIds() throws Exception {
        SipServletRequest a = create("MESSAGE");
        SipServletRequest b = create("MESSAGE");
        assertNotEquals(a.getCallId(), b.getCallId());
    }

    @Test
    void rfc5626_5_3_closedFlow_applicationGets430() throws Exception {
        SipServletRequest m = create("MESSAGE");
        flow.peerClosed();
        m.send();
        SipServletResponse r = rec.await("doErrorResponse");
        assertEquals(430, r.getStatus());
        assertTrue(flow.channel().matching(FakeFlowChannel.isRequest("MESSAGE")).isEmpty());
    }

    @Test
    void rfc3261_13_2_2_4_invite180And200_applicationAck_sentOnFlowWithRouteSet() throws Exception {
        servlet.onResponse("2xx", resp -> resp.createAck().send());
        SipServletRequest invite = create("INVITE");
        invite.send();
        SipRequest wire = flow.channel().awaitRequest("INVITE");
        assertTrue(wire.headers().contains("Contact"), "RFC 3261 §8.1.1.8: INVITE carries Contact");

        SipResponse ringing = answer(wire, 180, "peer1").withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>")
                .withHeader("Record-Route", "<sip:p2.example;lr>, <sip:p1.example;lr>");
        node.receive(flow, ringing);
        SipServletResponse r180 = rec.await("doProvisionalResponse");
        assertEquals(SipSession.State.EARLY, r180.getSession().getState());

        SipResponse ok = answer(wire, 200, "peer1").withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>")
                .withHeader("Record-Route", "<sip:p2.example;lr>, <sip:p1.example;lr>");
        node.receive(flow, ok);
        SipServletResponse r200 = rec.await("doSuccessResponse");
        assertEquals(SipSession.State.CONFIRMED, r200.getSession().getState());

        SipRequest ack = flow.channel().awaitRequest("ACK");
        assertEquals("sip:carol@198.51.100.7:40000;transport=tcp", ack.requestUriText(), "RFC 3261 §12.2.1.1: remote target");
        List<String> routes = ack.headers().values("Route");
        assertEquals(List.of("<sip:p1.example;lr>", "<sip:p2.example;lr>"), routes.stream().flatMap(v -> List.of(v.split(",\\s*")).stream()).toList(),
                "RFC 3261 §12.1.2: the UAC's route set is the Record-Route reversed");
        assertEquals(wire.cseq().orElseThrow().number(), ack.cseq().orElseThrow().number());
        assertEquals("peer1", ack.to().orElseThrow().tag());
        assertNotEquals(wire.topVia().orElseThrow().branch(), ack.topVia().orElseThrow().branch(),
                "RFC 3261 §17.1.1.3: the ACK for a 2xx is a new transaction");
    }

    @Test
    void jsr289_6_2_3_2_forked2xxWithOtherToTag_derivedSession() throws Exception {
        servlet.onResponse("2xx", resp -> resp.createAck().send());
        SipServletRequest invite = create("INVITE");
        invite.send();
        SipRequest wire = flow.channel().awaitRequest("INVITE");
        node.receive(flow, answer(wire, 200, "fork1").withHeader("Contact", "<sip:carol@198.51.100.7:40001;transport=tcp>"));
        node.receive(flow, answer(wire, 200, "fork2").withHeader("Contact", "<sip:carol@198.51.100.7:40002;transport=tcp>"));

        List<SipServletResponse> oks = rec.awaitAll("doSuccessResponse", 2);
        SipSession first = oks.get(0).getSession();
        SipSession second = oks.get(1).getSession();
        assertSame(invite.getSession(), first);
        assertNotSame(first, second);
        assertSame(first.getApplicationSession(), second.getApplicationSession());
        assertEquals(SipSession.State.CONFIRMED, second.getState());
        assertEquals("fork2", second.getRemoteParty().getParameter("tag"));

        List<String> acked = flow.channel().awaitCount(FakeFlowChannel.isRequest("ACK"), 2).stream()
                .map(m -> toTag((SipRequest) m)).toList();
        assertEquals(List.of("fork1", "fork2"), acked);
    }

    @Test
    void rfc3261_9_1_createCancelBeforeProvisional_waitsFor1xx_thenSendsCancel() throws Exception {
        SipServletRequest invite = create("INVITE");
        invite.send();
        SipRequest wire = flow.channel().awaitRequest("INVITE");
        invite.createCancel().send();
        ContainerUasTest.awaitQuiet(Duration.ofMillis(150));
        assertTrue(flow.channel().matching(FakeFlowChannel.isRequest("CANCEL")).isEmpty(), "RFC 3261 §9.1: no CANCEL before a provisional response");

        node.receive(flow, answer(wire, 180, "peer1").withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>"));
        SipRequest cancel = flow.channel().awaitRequest("CANCEL");
        assertEquals(wire.topVia().orElseThrow().branch(), cancel.topVia().orElseThrow().branch(), "RFC 3261 §9.1: the INVITE's branch");
        assertEquals(wire.requestUriText(), cancel.requestUriText());
        assertEquals(wire.cseq().orElseThrow().number(), cancel.cseq().orElseThrow().number());

        node.receive(flow, answer(cancel, 200, "peer1"));
        node.receive(flow, answer(wire, 487, "peer1"));
        SipServletResponse terminated = rec.await("doErrorResponse");
        assertEquals(487, terminated.getStatus());
        // RFC 3261 §17.1.1.3: the transaction layer ACKs the 487 itself
        flow.channel().awaitRequest("ACK");
    }

    /** INVITE sent, 200 from the peer, ACK by the application: the peer's wire INVITE. */
    private SipRequest establish(String toTag) throws Exception {
        servlet.onResponse("2xx", resp -> {
            if (resp.getMethod().equals("INVITE")) resp.createAck().send();
        });
        SipServletRequest invite = create("INVITE");
        invite.send();
        SipRequest wire = flow.channel().awaitRequest("INVITE");
        node.receive(flow, answer(wire, 200, toTag).withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>"));
        flow.channel().awaitRequest("ACK");
        return wire;
    }

    @Test
    void rfc3261_13_2_2_4_retransmitted2xx_ackedAgain_applicationNotCalledTwice() throws Exception {
        SipRequest wire = establish("peer1");
        node.receive(flow, answer(wire, 200, "peer1").withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>"));
        flow.channel().awaitCount(FakeFlowChannel.isRequest("ACK"), 2);
        ContainerUasTest.awaitQuiet(Duration.ofMillis(100));
        assertEquals(1, rec.count("doSuccessResponse"));
    }

    @Test
    void jsr289_6_2_3_2_retransmittedForked2xx_noSecondDerivedSession() throws Exception {
        SipRequest wire = establish("fork1");
        SipResponse fork2 = answer(wire, 200, "fork2").withHeader("Contact", "<sip:carol@198.51.100.7:40002;transport=tcp>");
        node.receive(flow, fork2);
        flow.channel().awaitCount(FakeFlowChannel.isRequest("ACK"), 2);
        node.receive(flow, fork2);
        flow.channel().awaitCount(FakeFlowChannel.isRequest("ACK"), 3);
        ContainerUasTest.awaitQuiet(Duration.ofMillis(100));
        assertEquals(2, rec.count("doSuccessResponse"), "RFC 3261 §13.2.2.4: a retransmitted 2xx is not passed up again");
        assertEquals(2, sessions(rec), "the original session and one derived session");
    }

    private static int sessions(Recorder rec) {
        SipServletResponse r = rec.await("doSuccessResponse");
        int n = 0;
        for (var it = r.getApplicationSession().getSessions(); it.hasNext(); it.next()) n++;
        return n;
    }

    @Test
    void jsr289_6_2_3_2_forked1xxThen2xxSameTag_oneDerivedSessionConfirmed() throws Exception {
        servlet.onResponse("2xx", resp -> resp.createAck().send());
        SipServletRequest invite = create("INVITE");
        invite.send();
        SipRequest wire = flow.channel().awaitRequest("INVITE");
        String contact = "<sip:carol@198.51.100.7:40000;transport=tcp>";
        node.receive(flow, answer(wire, 180, "fork1").withHeader("Contact", contact));
        node.receive(flow, answer(wire, 180, "fork2").withHeader("Contact", contact));
        List<SipServletResponse> ringing = rec.awaitAll("doProvisionalResponse", 2);
        SipSession derived = ringing.get(1).getSession();
        assertNotSame(invite.getSession(), derived);
        node.receive(flow, answer(wire, 200, "fork2").withHeader("Contact", contact));
        SipServletResponse ok = rec.await("doSuccessResponse");
        assertSame(derived, ok.getSession(), "the 2xx belongs to the early dialog its To tag names");
        assertEquals(SipSession.State.CONFIRMED, derived.getState());
        assertEquals(SipSession.State.EARLY, invite.getSession().getState());
    }

    @Test
    void rfc3261_12_2_2_byeFromPeerInUacDialog_reachesDoBye_answered200() throws Exception {
        servlet.on("BYE", req -> {
            req.createResponse(200).send();
            rec.record("byeState", req.getSession().getState());
        });
        SipRequest wire = establish("peer1");
        String bye = "BYE sip:app@192.0.2.1:5060;transport=tcp SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 198.51.100.7:40000;branch=z9hG4bKbye1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:carol@peer.example>;tag=peer1\r\n"
                + "To: " + wire.headers().firstValue("From").orElseThrow() + "\r\n"
                + "Call-ID: " + wire.callId().orElseThrow() + "\r\n"
                + "CSeq: 1 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
        node.receive(flow, bye);
        flow.channel().awaitResponse(200, "BYE");
        assertEquals(SipSession.State.TERMINATED, rec.await("byeState"));
    }

    @Test
    void rfc3261_15_1_1_byeFromApplication_200_sessionTerminated() throws Exception {
        SipRequest wire = establish("peer1");
        SipServletResponse ok = rec.await("doSuccessResponse");
        ok.getSession().createRequest("BYE").send();
        SipRequest bye = flow.channel().awaitRequest("BYE");
        assertEquals("sip:carol@198.51.100.7:40000;transport=tcp", bye.requestUriText());
        assertEquals(wire.cseq().orElseThrow().number() + 1, bye.cseq().orElseThrow().number(), "RFC 3261 §12.2.1.1: CSeq + 1");
        node.receive(flow, answer(bye, 200, "peer1"));
        List<SipServletResponse> oks = rec.awaitAll("doSuccessResponse", 2);
        assertEquals("BYE", oks.get(1).getMethod());
        assertEquals(SipSession.State.TERMINATED, stateOrTerminated(oks.get(1).getSession()));
    }

    /** An invalidated session (invalidateWhenReady) has reached TERMINATED. */
    private static SipSession.State stateOrTerminated(SipSession s) {
        try {
            return s.getState();
        } catch (IllegalStateException invalidated) {
            return SipSession.State.TERMINATED;
        }
    }

    @Test
    void jsr289_6_2_1_inviteRejected486_sessionBackToInitial_errorReachesApplication() throws Exception {
        servlet.onResponse("err", resp -> rec.record("state", resp.getSession().getState()));
        SipServletRequest invite = create("INVITE");
        invite.send();
        SipRequest wire = flow.channel().awaitRequest("INVITE");
        node.receive(flow, answer(wire, 180, "peer1").withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>"));
        rec.await("doProvisionalResponse");
        node.receive(flow, answer(wire, 486, "peer1"));
        assertEquals(486, rec.<SipServletResponse>await("doErrorResponse").getStatus());
        assertEquals(SipSession.State.INITIAL, rec.await("state"));
        // RFC 3261 §17.1.1.3: the transaction layer acknowledges the non-2xx
        SipRequest ack = flow.channel().awaitRequest("ACK");
        assertEquals(wire.topVia().orElseThrow().branch(), ack.topVia().orElseThrow().branch());
    }

    @Test
    void rfc5626_5_3_flowClosesWhileRequestPending_applicationGets430() throws Exception {
        SipServletRequest m = create("MESSAGE");
        m.send();
        flow.channel().awaitRequest("MESSAGE");
        flow.peerClosed();
        assertEquals(430, rec.<SipServletResponse>await("doErrorResponse").getStatus());
    }

    private String notify(SipRequest subscribe, String notifierTag, int cseq, String state) throws Exception {
        return "NOTIFY sip:app@192.0.2.1:5060;transport=tcp SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 198.51.100.7:40000;branch=z9hG4bKn" + cseq + notifierTag + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:carol@peer.example>;tag=" + notifierTag + "\r\n"
                + "To: " + subscribe.headers().firstValue("From").orElseThrow() + "\r\n"
                + "Call-ID: " + subscribe.callId().orElseThrow() + "\r\n"
                + "CSeq: " + cseq + " NOTIFY\r\n"
                + "Contact: <sip:carol@198.51.100.7:40000;transport=tcp>\r\n"
                + "Event: presence\r\n"
                + "Subscription-State: " + state + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    @Test
    void rfc6665_4_1_2_4_notifyBefore2xx_createsTheDialog_andIsAnswered() throws Exception {
        servlet.on("NOTIFY", req -> {
            rec.record("notifyState", req.getSession().getState());
            req.createResponse(200).send();
        });
        SipServletRequest subscribe = create("SUBSCRIBE");
        subscribe.setHeader("Event", "presence");
        subscribe.setExpires(600);
        subscribe.send();
        SipRequest wire = flow.channel().awaitRequest("SUBSCRIBE");
        node.receive(flow, notify(wire, "notifier1", 1, "pending;expires=600"));
        flow.channel().awaitResponse(200, "NOTIFY");
        assertEquals(SipSession.State.CONFIRMED, rec.await("notifyState"));
        SipServletRequest n = rec.await("doNotify");
        assertSame(subscribe.getSession(), n.getSession(), "RFC 6665 §4.1.2.4: the NOTIFY belongs to the subscription's session");
        node.receive(flow, answer(wire, 202, "notifier1").withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>")
                .withHeader("Expires", "600"));
        assertEquals(202, rec.<SipServletResponse>await("doSuccessResponse").getStatus());
    }

    @Test
    void rfc6665_4_1_2_2_subscribeAnswered_thenNotify_inDialog() throws Exception {
        servlet.on("NOTIFY", req -> req.createResponse(200).send());
        SipServletRequest subscribe = create("SUBSCRIBE");
        subscribe.setHeader("Event", "presence");
        subscribe.send();
        SipRequest wire = flow.channel().awaitRequest("SUBSCRIBE");
        node.receive(flow, answer(wire, 200, "notifier1").withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>")
                .withHeader("Expires", "600"));
        rec.await("doSuccessResponse");
        node.receive(flow, notify(wire, "notifier1", 1, "active;expires=600"));
        flow.channel().awaitResponse(200, "NOTIFY");
        assertSame(subscribe.getSession(), rec.<SipServletRequest>await("doNotify").getSession());
    }

    @Test
    void rfc6665_4_4_1_terminatedNotifyAnswered_subscriberSessionTerminated() throws Exception {
        servlet.on("NOTIFY", req -> {
            req.createResponse(200).send();
            rec.record("afterNotify", req.getSession().getState());
        });
        SipServletRequest subscribe = create("SUBSCRIBE");
        subscribe.setHeader("Event", "presence");
        subscribe.send();
        SipRequest wire = flow.channel().awaitRequest("SUBSCRIBE");
        node.receive(flow, answer(wire, 200, "notifier1").withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>")
                .withHeader("Expires", "600"));
        node.receive(flow, notify(wire, "notifier1", 1, "active;expires=600"));
        node.receive(flow, notify(wire, "notifier1", 2, "terminated;reason=timeout"));
        flow.channel().awaitCount(FakeFlowChannel.isResponse(200, "NOTIFY"), 2);
        List<SipSession.State> states = rec.awaitAll("afterNotify", 2);
        assertEquals(List.of(SipSession.State.CONFIRMED, SipSession.State.TERMINATED), states);
    }

    @Test
    void ferryFlowExtension_findMalformedOrUnknownId_isEmpty() {
        SipFlows flows = node.container.sipFlows();
        assertTrue(flows.find("no such flow").isEmpty());
        assertTrue(flows.find("tcp-ffff").isEmpty());
        assertTrue(flows.find("").isEmpty());
        assertTrue(flows.find(flow.flow().id().value()).isPresent());
    }

    @Test
    void rfc3261_12_2_2_byeRightAfterThe2xx_waitsForTheDialog_notAnswered481() throws Exception {
        servlet.onResponse("2xx", resp -> {
            if (resp.getMethod().equals("INVITE")) resp.createAck().send();
        });
        servlet.on("BYE", req -> req.createResponse(200).send());
        int calls = 10;
        for (int i = 0; i < calls; i++) {
            SipServletRequest invite = create("INVITE");
            invite.send();
            SipRequest wire = (SipRequest) flow.channel().awaitCount(FakeFlowChannel.isRequest("INVITE"), i + 1).get(i);
            node.receive(flow, answer(wire, 200, "peer" + i).withHeader("Contact", "<sip:carol@198.51.100.7:40000;transport=tcp>"));
            node.receive(flow, "BYE sip:app@192.0.2.1:5060;transport=tcp SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 198.51.100.7:40000;branch=z9hG4bKbye" + i + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:carol@peer.example>;tag=peer" + i + "\r\n"
                    + "To: " + wire.headers().firstValue("From").orElseThrow() + "\r\n"
                    + "Call-ID: " + wire.callId().orElseThrow() + "\r\n"
                    + "CSeq: 1 BYE\r\n"
                    + "Content-Length: 0\r\n\r\n");
        }
        flow.channel().awaitCount(m -> m instanceof SipResponse r && FakeFlowChannel.cseqMethod(r).equals("BYE"), calls);
        assertEquals(calls, flow.channel().matching(FakeFlowChannel.isResponse(200, "BYE")).size(), flow.channel().summary().toString());
    }

    private static void assertNotSame(Object a, Object b) {
        org.junit.jupiter.api.Assertions.assertNotSame(a, b);
    }

    private static String toTag(SipRequest r) {
        try {
            return r.to().map(NameAddr::tag).orElse(null);
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }
}
