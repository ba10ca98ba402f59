package io.ferry.runtime.container;

import static io.ferry.runtime.container.ContainerFixtures.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipUri;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.UAMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * B2buaHelper (JSR 289 §12): a B2BUA application bridges a caller on one flow (UDP) to a callee on
 * another (TCP, reached through the flow extension), relaying responses, ACK, BYE and CANCEL
 * between the linked legs.
 */
class ContainerB2buaTest {

    private static final String DAR = "INVITE: (\"b2b\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n";

    private ContainerFixtures node;
    private Recorder rec;
    private ScriptedServlet servlet;
    private SipFactory factory;
    private FakeFlow caller;
    private FakeFlow callee;
    /** The header map the application gives createRequest for the callee leg. */
    private Map<String, List<String>> headerMap = Map.of();

    @BeforeEach
    void deploy() {
        node = new ContainerFixtures(DAR);
        rec = node.recorder;
        servlet = new ScriptedServlet(rec, "");
        factory = node.deploy("b2b", servlet).sipFactory();
        caller = node.udp();
        callee = node.tcp();
        bridge();
    }

    @AfterEach
    void close() {
        node.close();
    }

    /** The application: the usual B2BUA written on B2buaHelper only. */
    private void bridge() {
        servlet.on("INVITE", req -> {
            B2buaHelper helper = req.getB2buaHelper();
            if (!req.isInitial()) {
                relayInDialog(req);
                return;
            }
            SipServletRequest out = helper.createRequest(req, true, headerMap);
            SipFlow handle = node.container.sipFlows().find(callee.flow().id().value()).orElseThrow();
            out.setAttribute(SipFlows.ATTRIBUTE, handle);
            out.send();
            rec.record("calleeLeg", out);
        });
        ScriptedServlet.OnResponse relay = resp -> {
            if (resp.getMethod().equals("CANCEL")) return; // hop by hop: the caller's CANCEL had its 200 from the container
            B2buaHelper helper = resp.getRequest().getB2buaHelper();
            SipServletRequest up = helper.getLinkedSipServletRequest(resp.getRequest());
            if (resp.getStatus() < 200) {
                rec.record("pendingUasAt1xx", helper.getPendingMessages(up.getSession(), UAMode.UAS));
                rec.record("pendingUacAt1xx", helper.getPendingMessages(resp.getSession(), UAMode.UAC));
            }
            if (resp.getMethod().equals("INVITE") && resp.getStatus() < 300 && resp.getSession() != resp.getRequest().getSession()) {
                // another dialog of a forking callee (derived UAC session): a dialog of its own upstream
                SipSession upstream = helper.getLinkedSession(resp.getSession());
                SipServletResponse ok = helper.createResponseToOriginalRequest(upstream == null ? up.getSession() : upstream,
                        resp.getStatus(), null);
                if (upstream == null) helper.linkSipSessions(ok.getSession(), resp.getSession());
                ok.send();
                rec.record(resp.getStatus() < 200 ? "forkedEarlyUpstream" : "forkedUpstream", ok);
                return;
            }
            if (up.isCommitted()) return; // the caller's CANCEL already had its 487
            SipServletResponse relayed = up.createResponse(resp.getStatus(), resp.getReasonPhrase());
            if (resp.getContentLength() > 0) relayed.setContent(resp.getRawContent(), resp.getContentType());
            relayed.send();
            if (resp.getStatus() >= 200) rec.record("pendingUasAfterAnswer", helper.getPendingMessages(up.getSession(), UAMode.UAS));
            if (resp.getMethod().equals("INVITE") && resp.getStatus() / 100 == 2) {
                rec.record("pendingUacAfter2xx", helper.getPendingMessages(resp.getSession(), UAMode.UAC));
            }
        };
        servlet.onResponse("1xx", relay).onResponse("2xx", relay).onResponse("err", relay);
        servlet.on("ACK", req -> {
            B2buaHelper helper = req.getB2buaHelper();
            SipSession other = helper.getLinkedSession(req.getSession());
            for (SipServletMessage m : helper.getPendingMessages(other, UAMode.UAC)) {
                if (m instanceof SipServletResponse r && r.getStatus() / 100 == 2) {
                    SipServletRequest ack = r.createAck();
                    if (req.getContentLength() > 0) ack.setContent(req.getRawContent(), req.getContentType());
                    ack.send();
                }
            }
            rec.record("pendingUacAfterAck", helper.getPendingMessages(other, UAMode.UAC));
        });
        servlet.on("BYE", req -> {
            B2buaHelper helper = req.getB2buaHelper();
            SipServletRequest bye = helper.createRequest(helper.getLinkedSession(req.getSession()), req, null);
            rec.record("byeLinked", helper.getLinkedSipServletRequest(bye));
            bye.send();
        });
        servlet.on("INFO", this::relayInDialog).on("UPDATE", this::relayInDialog).on("MESSAGE", this::relayInDialog);
        servlet.on("CANCEL", req -> {
            B2buaHelper helper = req.getB2buaHelper();
            helper.createCancel(helper.getLinkedSession(req.getSession())).send();
        });
    }

    /** An in-dialog request of one leg copied to the linked leg (JSR 289 §12 createRequest(session, orig, map)). */
    private void relayInDialog(SipServletRequest req) throws java.io.IOException {
        B2buaHelper helper = req.getB2buaHelper();
        SipServletRequest out = helper.createRequest(helper.getLinkedSession(req.getSession()), req, null);
        rec.record("relayed" + req.getMethod(), out);
        out.send();
        rec.record("pendingUasAtRelay", helper.getPendingMessages(req.getSession(), UAMode.UAS));
        rec.record("pendingUacAtRelay", helper.getPendingMessages(out.getSession(), UAMode.UAC));
    }

    /** A request the callee sends in its dialog with Ferry (the callee leg's wire INVITE {@code out}, answered with tag callee1). */
    private void fromCallee(SipRequest out, String method, int cseq, String sdp) throws SipParseException {
        fromCallee(out, method, cseq, "application/sdp", sdp);
    }

    private void fromCallee(SipRequest out, String method, int cseq, String contentType, String content) throws SipParseException {
        io.ferry.sip.Headers h = io.ferry.sip.Headers.empty()
                .with("Via", "SIP/2.0/TCP " + FakeFlow.PEER_HOST + ":" + callee.flow().remoteAddress().getPort() + ";branch=z9hG4bK" + SipRequest.newTag())
                .with("Max-Forwards", "70")
                .with("From", out.to().orElseThrow().withTag("callee1").toString())
                .with("To", out.from().orElseThrow().toString())
                .with("Call-ID", out.callId().orElseThrow())
                .with("CSeq", cseq + " " + method);
        if (method.equals("INVITE") || method.equals("UPDATE")) h = h.with("Contact", contact(callee));
        SipRequest r = SipRequest.of(method, "sip:b2b@" + ContainerFixtures.HOST, h);
        if (content != null) r = r.withBody(contentType, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        node.stack.inbound().onMessage(callee.flow(), java.nio.ByteBuffer.wrap(new io.ferry.sip.SipSerializer().toBytes(r)));
    }

    private static String body(io.ferry.sip.SipMessage m) {
        return new String(m.bodyBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private ContainerFixtures.Peer invite() {
        return ContainerFixtures.request("INVITE", "sip:bob@ferry.test")
                .header("X-Trace", "t1").body("application/sdp", "v=0\r\n");
    }

    private static String contact(FakeFlow f) {
        return "<sip:peer@" + FakeFlow.PEER_HOST + ":" + f.flow().remoteAddress().getPort()
                + (f.flow().transport().reliable() ? ";transport=tcp" : "") + ">";
    }

    /** INVITE from the caller through to 200 and ACK on both legs: the callee's wire INVITE. */
    private SipRequest establish(ContainerFixtures.Peer inv) {
        node.receive(caller, inv.text(caller));
        SipRequest out = callee.channel().awaitRequest("INVITE");
        node.receive(callee, answer(out, 180, "callee1").withHeader("Contact", contact(callee)));
        caller.channel().awaitResponse(180, "INVITE");
        node.receive(callee, answer(out, 200, "callee1").withHeader("Contact", contact(callee)));
        SipResponse ok = caller.channel().awaitResponse(200, "INVITE");
        inv.toTag(tag(ok.headers().firstValue("To").orElseThrow()));
        node.receive(caller, inv.next("ACK", 1).text(caller));
        callee.channel().awaitRequest("ACK");
        return out;
    }

    @Test
    void jsr289_12_createRequestLinked_newLegWithNewCallIdAndTags_bodyAndHeadersCopied_maxForwardsDecremented() throws Exception {
        ContainerFixtures.Peer inv = invite();
        node.receive(caller, inv.text(caller));
        SipRequest out = callee.channel().awaitRequest("INVITE");
        SipServletRequest leg = rec.await("calleeLeg");
        SipServletRequest in = rec.await("doInvite");

        assertNotEquals(inv.callId, out.callId().orElseThrow(), "JSR 289 §12: a new Call-ID");
        assertNotNull(out.from().orElseThrow().tag());
        assertNotEquals(inv.fromTag, out.from().orElseThrow().tag(), "JSR 289 §12: a From tag chosen by the container");
        assertNull(out.to().orElseThrow().tag());
        assertEquals("69", out.headers().firstValue("Max-Forwards").orElseThrow(), "JSR 289 §12: Max-Forwards of the original minus one");
        assertEquals("t1", out.headers().firstValue("X-Trace").orElseThrow());
        assertEquals("v=0\r\n", new String(out.bodyBytes()));
        assertEquals(1, out.headers().all("Via").size(), "JSR 289 §12: Via is not copied, the container adds its own");
        assertNotSame(in.getSession(), leg.getSession());
        assertSame(in.getApplicationSession(), leg.getApplicationSession());
        B2buaHelper helper = in.getB2buaHelper();
        assertSame(leg.getSession(), helper.getLinkedSession(in.getSession()));
        assertSame(in.getSession(), helper.getLinkedSession(leg.getSession()));
        assertSame(leg, helper.getLinkedSipServletRequest(in));
        assertSame(in, helper.getLinkedSipServletRequest(leg));
        assertEquals(FerrySipServletRequest.UaMode.B2BUA, ((FerrySipServletRequest) in).uaMode());
        assertThrows(IllegalArgumentException.class, () -> helper.createRequest(in, true, null),
                "JSR 289 §12: the original request and its session are linked already");
    }

    @Test
    void jsr289_12_bridge_180And200RelayedUpstream_ackOnBothLegs_byeFromCallerPropagated() throws Exception {
        ContainerFixtures.Peer inv = invite();
        SipRequest out = establish(inv);
        SipResponse ok = caller.channel().awaitResponse(200, "INVITE");
        assertTrue(ok.headers().contains("Contact"), "RFC 3261 §12.1.1: the upstream 2xx carries Ferry's Contact");
        assertEquals(inv.callId, ok.callId().orElseThrow());
        SipRequest ack = callee.channel().awaitRequest("ACK");
        assertEquals("callee1", ack.to().orElseThrow().tag());
        assertEquals(out.cseq().orElseThrow().number(), ack.cseq().orElseThrow().number());

        node.receive(caller, inv.next("BYE", 2).text(caller));
        SipRequest bye = callee.channel().awaitRequest("BYE");
        assertEquals(out.callId().orElseThrow(), bye.callId().orElseThrow(), "the BYE belongs to the callee's dialog");
        assertEquals("callee1", bye.to().orElseThrow().tag());
        assertEquals("sip:peer@" + FakeFlow.PEER_HOST + ":" + callee.flow().remoteAddress().getPort() + ";transport=tcp", bye.requestUriText(),
                "RFC 3261 §12.2.1.1: the callee's remote target");
        SipServletRequest incomingBye = rec.await("doBye");
        assertSame(incomingBye, rec.await("byeLinked"), "JSR 289 §12: the new BYE is linked to the one it copies");
        assertTrue(caller.channel().matching(FakeFlowChannel.isResponse(200, "BYE")).isEmpty(), "the caller's BYE waits for the callee's answer");

        node.receive(callee, answer(bye, 200, "callee1"));
        caller.channel().awaitResponse(200, "BYE");
    }

    @Test
    void jsr289_12_bridge_byeFromCallee_propagatedToCaller_andAnswerRelayedBack() throws Exception {
        ContainerFixtures.Peer inv = invite();
        SipRequest out = establish(inv);
        SipRequest calleeBye = SipRequest.of("BYE", "sip:b2b@" + ContainerFixtures.HOST, io.ferry.sip.Headers.empty()
                .with("Via", "SIP/2.0/TCP " + FakeFlow.PEER_HOST + ":" + callee.flow().remoteAddress().getPort() + ";branch=z9hG4bKcbye1")
                .with("Max-Forwards", "70")
                .with("From", out.to().orElseThrow().withTag("callee1").toString())
                .with("To", out.from().orElseThrow().toString())
                .with("Call-ID", out.callId().orElseThrow())
                .with("CSeq", "7 BYE"));
        node.stack.inbound().onMessage(callee.flow(), java.nio.ByteBuffer.wrap(new io.ferry.sip.SipSerializer().toBytes(calleeBye)));

        SipRequest bye = caller.channel().awaitRequest("BYE");
        assertEquals(inv.callId, bye.callId().orElseThrow(), "the BYE belongs to the caller's dialog");
        assertEquals(inv.fromTag, bye.to().orElseThrow().tag());
        node.receive(caller, answer(bye, 200, inv.fromTag));
        callee.channel().awaitResponse(200, "BYE");
    }

    @Test
    void jsr289_12_createCancel_callerCancel_cancelsCalleeLeg_487Upstream() throws Exception {
        ContainerFixtures.Peer inv = invite();
        node.receive(caller, inv.text(caller));
        SipRequest out = callee.channel().awaitRequest("INVITE");
        node.receive(callee, answer(out, 180, "callee1").withHeader("Contact", contact(callee)));
        caller.channel().awaitResponse(180, "INVITE");

        ContainerFixtures.Peer cancel = ContainerFixtures.request("CANCEL", inv.requestUri).callId(inv.callId).fromTag(inv.fromTag)
                .branch(inv.branch).cseq(1);
        node.receive(caller, cancel.text(caller));
        caller.channel().awaitResponse(200, "CANCEL");
        caller.channel().awaitResponse(487, "INVITE");

        SipRequest c = callee.channel().awaitRequest("CANCEL");
        assertEquals(out.topVia().orElseThrow().branch(), c.topVia().orElseThrow().branch(), "RFC 3261 §9.1: the branch of the INVITE it cancels");
        assertEquals(out.callId().orElseThrow(), c.callId().orElseThrow());
        node.receive(callee, answer(c, 200, "callee1"));
        node.receive(callee, answer(out, 487, "callee1"));
        SipServletResponse terminated = rec.await("doErrorResponse");
        assertEquals(487, terminated.getStatus());
        callee.channel().awaitRequest("ACK"); // RFC 3261 §17.1.1.3: the transaction layer ACKs the 487
        assertEquals(1, caller.channel().matching(FakeFlowChannel.isResponse(487, "INVITE")).size(), "one 487 upstream");
    }

    @Test
    void jsr289_12_getPendingMessages_uasInviteUntilAnswered_uacInviteUntilFinal_2xxUntilAcked() throws Exception {
        ContainerFixtures.Peer inv = invite();
        node.receive(caller, inv.text(caller));
        SipRequest out = callee.channel().awaitRequest("INVITE");
        node.receive(callee, answer(out, 180, "callee1").withHeader("Contact", contact(callee)));
        List<SipServletMessage> uas = rec.await("pendingUasAt1xx");
        List<SipServletMessage> uac = rec.await("pendingUacAt1xx");
        assertEquals(1, uas.size());
        assertSame(rec.await("doInvite"), uas.get(0), "UAS mode: the INVITE received, not yet answered");
        assertEquals(1, uac.size());
        assertSame(rec.await("calleeLeg"), uac.get(0), "UAC mode: the INVITE sent, no final response yet");

        node.receive(callee, answer(out, 200, "callee1").withHeader("Contact", contact(callee)));
        List<SipServletMessage> after = rec.await("pendingUacAfter2xx");
        assertEquals(1, after.size());
        SipServletResponse ok = (SipServletResponse) after.get(0);
        assertEquals(200, ok.getStatus(), "UAC mode: the 2xx not yet acknowledged");

        SipServletRequest in = rec.await("doInvite");
        SipServletRequest leg = rec.await("calleeLeg");
        B2buaHelper helper = in.getB2buaHelper();
        assertTrue(helper.getPendingMessages(in.getSession(), UAMode.UAS).isEmpty(), "the INVITE has its 200");
        SipResponse upOk = caller.channel().awaitResponse(200, "INVITE");
        inv.toTag(tag(upOk.headers().firstValue("To").orElseThrow()));
        node.receive(caller, inv.next("ACK", 1).text(caller));
        callee.channel().awaitRequest("ACK");
        assertTrue(helper.getPendingMessages(leg.getSession(), UAMode.UAC).isEmpty(), "the 2xx is acknowledged");
    }

    @Test
    void jsr289_12_createResponseToOriginalRequest_forkedCallee2xx_secondDialogUpstreamWithItsOwnTag() throws Exception {
        ContainerFixtures.Peer inv = invite();
        node.receive(caller, inv.text(caller));
        SipRequest out = callee.channel().awaitRequest("INVITE");
        node.receive(callee, answer(out, 200, "fork1").withHeader("Contact", contact(callee)));
        node.receive(callee, answer(out, 200, "fork2").withHeader("Contact", contact(callee)));

        List<SipMessageView> oks = caller.channel().awaitCount(FakeFlowChannel.isResponse(200, "INVITE"), 2).stream()
                .map(m -> new SipMessageView(tag(((SipResponse) m).headers().firstValue("To").orElseThrow()))).toList();
        assertNotEquals(oks.get(0).toTag(), oks.get(1).toTag(), "JSR 289 §12: each 2xx of the original request has its own To tag");
        SipServletResponse forked = rec.await("forkedUpstream");
        SipServletRequest in = rec.await("doInvite");
        assertNotSame(in.getSession(), forked.getSession());
        assertEquals(SipSession.State.CONFIRMED, forked.getSession().getState());
        assertSame(in.getApplicationSession(), forked.getSession().getApplicationSession());

        // the caller ACKs the second dialog: it reaches the derived session, which ACKs the second fork
        ContainerFixtures.Peer second = inv.next("ACK", 1);
        second.toTag(oks.get(1).toTag());
        node.receive(caller, second.text(caller));
        SipServletRequest ack = rec.await("doAck");
        assertSame(forked.getSession(), ack.getSession());
        SipRequest calleeAck = callee.channel().awaitRequest("ACK");
        assertEquals("fork2", calleeAck.to().orElseThrow().tag());
    }

    @Test
    void jsr289_12_createResponseToOriginalRequest_forked1xx_secondEarlyDialogUpstream_its2xxWins_firstEarlyDialogEnds() throws Exception {
        ContainerFixtures.Peer inv = invite();
        node.receive(caller, inv.text(caller));
        SipRequest out = callee.channel().awaitRequest("INVITE");
        node.receive(callee, answer(out, 180, "fork1").withHeader("Contact", contact(callee)));
        String tag1 = tag(caller.channel().awaitResponse(180, "INVITE").headers().firstValue("To").orElseThrow());
        node.receive(callee, answer(out, 183, "fork2").withHeader("Contact", contact(callee)));
        String tag2 = tag(caller.channel().awaitResponse(183, "INVITE").headers().firstValue("To").orElseThrow());
        assertNotEquals(tag1, tag2, "JSR 289 §12: the second early dialog upstream has its own To tag");
        SipServletResponse early = rec.await("forkedEarlyUpstream");
        SipServletRequest in = rec.await("doInvite");
        assertNotSame(in.getSession(), early.getSession());
        assertEquals(SipSession.State.EARLY, early.getSession().getState());
        assertEquals(SipSession.State.EARLY, in.getSession().getState());
        in.getSession().setInvalidateWhenReady(false); // keep the ended session readable

        node.receive(callee, answer(out, 200, "fork2").withHeader("Contact", contact(callee)));
        SipResponse ok = caller.channel().awaitResponse(200, "INVITE");
        assertEquals(tag2, tag(ok.headers().firstValue("To").orElseThrow()), "the 2xx belongs to the second early dialog");
        assertSame(early.getSession(), rec.<SipServletResponse>await("forkedUpstream").getSession(), "the 2xx is sent in the derived session");
        assertEquals(SipSession.State.CONFIRMED, early.getSession().getState());
        assertEquals(SipSession.State.TERMINATED, in.getSession().getState(), "RFC 3261 §13.3.1: the other early dialog ends");
        assertEquals(1, caller.channel().matching(FakeFlowChannel.isResponse(200, "INVITE")).size(), "one 2xx only");

        inv.toTag(tag2);
        node.receive(caller, inv.next("ACK", 1).text(caller));
        assertSame(early.getSession(), rec.<SipServletRequest>await("doAck").getSession());
        assertEquals("fork2", callee.channel().awaitRequest("ACK").to().orElseThrow().tag());
    }

    @Test
    void rfc3261_13_3_1_failureAfterTwoEarlyDialogs_endsBothUpstream() throws Exception {
        ContainerFixtures.Peer inv = invite();
        node.receive(caller, inv.text(caller));
        SipRequest out = callee.channel().awaitRequest("INVITE");
        node.receive(callee, answer(out, 180, "fork1").withHeader("Contact", contact(callee)));
        caller.channel().awaitResponse(180, "INVITE");
        node.receive(callee, answer(out, 183, "fork2").withHeader("Contact", contact(callee)));
        caller.channel().awaitResponse(183, "INVITE");
        SipServletResponse early = rec.await("forkedEarlyUpstream");
        B2buaHelper helper = early.getRequest().getB2buaHelper();
        // keep the ended sessions readable (a terminated session is otherwise invalidated when ready)
        rec.<SipServletRequest>await("doInvite").getSession().setInvalidateWhenReady(false);
        early.getSession().setInvalidateWhenReady(false);

        node.receive(callee, answer(out, 486, "fork1"));
        caller.channel().awaitResponse(486, "INVITE");
        SipServletRequest in = rec.await("doInvite");
        assertEquals(SipSession.State.TERMINATED, in.getSession().getState());
        assertEquals(SipSession.State.TERMINATED, early.getSession().getState(), "RFC 3261 §13.3.1: a failure ends every early dialog");
        assertThrows(IllegalStateException.class, () -> helper.createResponseToOriginalRequest(early.getSession(), 200, null),
                "JSR 289 §12: no 2xx after a failure");
    }

    @Test
    void jsr289_12_reInviteFromCaller_relayedToCallee_cseqTagsSdpPerLeg_200AndAckRelayed() throws Exception {
        ContainerFixtures.Peer inv = invite();
        SipRequest out = establish(inv);
        String ferryTagUp = inv.toTag;
        long calleeCseq = out.cseq().orElseThrow().number();

        node.receive(caller, inv.next("INVITE", 2).body("application/sdp", "v=0\r\no=caller 2\r\n").text(caller));
        SipRequest re = (SipRequest) callee.channel().awaitCount(FakeFlowChannel.isRequest("INVITE"), 2).get(1);
        assertEquals(out.callId().orElseThrow(), re.callId().orElseThrow(), "the callee leg's dialog");
        assertEquals(out.from().orElseThrow().tag(), re.from().orElseThrow().tag(), "RFC 3261 §12.2.1.1: Ferry's local tag on the callee leg");
        assertEquals("callee1", re.to().orElseThrow().tag());
        assertEquals(calleeCseq + 1, re.cseq().orElseThrow().number(), "RFC 3261 §12.2.1.1: the callee leg's next CSeq, not the caller's");
        assertEquals("v=0\r\no=caller 2\r\n", body(re), "the offer is relayed");
        SipServletRequest relayed = rec.await("relayedINVITE");
        assertSame(relayed, relayed.getB2buaHelper().getLinkedSipServletRequest(rec.<SipServletRequest>awaitAll("doInvite", 2).get(1)));

        node.receive(callee, answer(re, 200, "callee1").withHeader("Contact", contact(callee))
                .withBody("application/sdp", "v=0\r\no=callee 2\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        SipResponse ok = (SipResponse) caller.channel().awaitCount(FakeFlowChannel.isResponse(200, "INVITE"), 2).get(1);
        assertEquals(2, ok.cseq().orElseThrow().number(), "the caller's own CSeq");
        assertEquals(ferryTagUp, tag(ok.headers().firstValue("To").orElseThrow()), "the caller leg's dialog");
        assertEquals(inv.fromTag, tag(ok.headers().firstValue("From").orElseThrow()));
        assertEquals("v=0\r\no=callee 2\r\n", body(ok), "the answer is relayed");

        node.receive(caller, inv.next("ACK", 2).text(caller));
        SipRequest ack = (SipRequest) callee.channel().awaitCount(FakeFlowChannel.isRequest("ACK"), 2).get(1);
        assertEquals(calleeCseq + 1, ack.cseq().orElseThrow().number(), "RFC 3261 §13.2.2.4: the ACK has the re-INVITE's CSeq");
        assertEquals("callee1", ack.to().orElseThrow().tag());
    }

    @Test
    void jsr289_12_reInviteFromCallee_relayedToCaller_cseqTagsSdpPerLeg_200AndAckRelayed() throws Exception {
        ContainerFixtures.Peer inv = invite();
        SipRequest out = establish(inv);
        String ferryTagUp = inv.toTag;

        fromCallee(out, "INVITE", 5, "v=0\r\no=callee 5\r\n");
        SipRequest re = caller.channel().awaitRequest("INVITE");
        assertEquals(inv.callId, re.callId().orElseThrow(), "the caller leg's dialog");
        assertEquals(ferryTagUp, re.from().orElseThrow().tag(), "RFC 3261 §12.2.1.1: Ferry's local tag on the caller leg");
        assertEquals(inv.fromTag, re.to().orElseThrow().tag());
        assertEquals("v=0\r\no=callee 5\r\n", body(re));

        node.receive(caller, answer(re, 200, inv.fromTag).withHeader("Contact", contact(caller))
                .withBody("application/sdp", "v=0\r\no=caller 5\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        SipResponse ok = callee.channel().awaitResponse(200, "INVITE");
        assertEquals(5, ok.cseq().orElseThrow().number(), "the callee's own CSeq");
        assertEquals("callee1", ok.from().orElseThrow().tag());
        assertEquals(out.from().orElseThrow().tag(), ok.to().orElseThrow().tag(), "the callee leg's dialog");
        assertEquals("v=0\r\no=caller 5\r\n", body(ok));

        SipRequest calleeAck = SipRequest.of("ACK", "sip:b2b@" + ContainerFixtures.HOST, io.ferry.sip.Headers.empty()
                .with("Via", "SIP/2.0/TCP " + FakeFlow.PEER_HOST + ":" + callee.flow().remoteAddress().getPort() + ";branch=z9hG4bKack5")
                .with("Max-Forwards", "70")
                .with("From", out.to().orElseThrow().withTag("callee1").toString())
                .with("To", ok.to().orElseThrow().toString())
                .with("Call-ID", out.callId().orElseThrow())
                .with("CSeq", "5 ACK"));
        node.stack.inbound().onMessage(callee.flow(), java.nio.ByteBuffer.wrap(new io.ferry.sip.SipSerializer().toBytes(calleeAck)));
        SipRequest ack = caller.channel().awaitRequest("ACK");
        assertEquals(re.cseq().orElseThrow().number(), ack.cseq().orElseThrow().number(), "RFC 3261 §13.2.2.4: the ACK has the re-INVITE's CSeq");
        assertEquals(inv.fromTag, ack.to().orElseThrow().tag());
        assertEquals(ferryTagUp, ack.from().orElseThrow().tag());
    }

    @Test
    void jsr289_12_infoUpdateMessage_relayedInDialogBothWays_bodyAndAnswerOnTheOtherLeg() throws Exception {
        ContainerFixtures.Peer inv = invite();
        SipRequest out = establish(inv);
        long calleeCseq = out.cseq().orElseThrow().number();
        List<String> methods = List.of("INFO", "UPDATE", "MESSAGE");
        int n = 2;
        for (String method : methods) {
            // caller → callee
            String text = method + " from caller";
            ContainerFixtures.Peer p = inv.next(method, n).body("text/plain", text);
            if (method.equals("UPDATE")) p.header("Contact", contact(caller));
            node.receive(caller, p.text(caller));
            SipRequest down = callee.channel().awaitRequest(method);
            calleeCseq++;
            assertEquals(out.callId().orElseThrow(), down.callId().orElseThrow(), method + " on the callee leg's dialog");
            assertEquals(out.from().orElseThrow().tag(), down.from().orElseThrow().tag());
            assertEquals("callee1", down.to().orElseThrow().tag());
            assertEquals(calleeCseq, down.cseq().orElseThrow().number(), "RFC 3261 §12.2.1.1: the callee leg's next CSeq");
            assertEquals(method, down.cseq().orElseThrow().method());
            assertEquals(text, body(down));
            assertEquals("text/plain", down.headers().firstValue("Content-Type").orElseThrow());
            node.receive(callee, answer(down, 200, "callee1")
                    .withBody("text/plain", ("ok " + method).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            SipResponse upOk = caller.channel().awaitResponse(200, method);
            assertEquals(n, upOk.cseq().orElseThrow().number(), "the caller's own CSeq");
            assertEquals(inv.toTag, tag(upOk.headers().firstValue("To").orElseThrow()));
            assertEquals("ok " + method, body(upOk));
            n++;
        }
        long callerCseq = -1;
        int calleeOwn = 10;
        for (String method : methods) {
            // callee → caller
            String text = method + " from callee";
            fromCallee(out, method, calleeOwn, "text/plain", text);
            SipRequest up = caller.channel().awaitRequest(method);
            assertEquals(text, body(up));
            assertEquals(inv.callId, up.callId().orElseThrow(), method + " on the caller leg's dialog");
            assertEquals(inv.toTag, up.from().orElseThrow().tag());
            assertEquals(inv.fromTag, up.to().orElseThrow().tag());
            long cseq = up.cseq().orElseThrow().number();
            assertTrue(cseq > callerCseq, "RFC 3261 §12.2.1.1: Ferry's CSeq on the caller leg increases");
            callerCseq = cseq;
            node.receive(caller, answer(up, 200, inv.fromTag)
                    .withBody("text/plain", ("ok " + text).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            SipResponse downOk = callee.channel().awaitResponse(200, method);
            assertEquals(calleeOwn, downOk.cseq().orElseThrow().number(), "the callee's own CSeq");
            assertEquals("callee1", downOk.from().orElseThrow().tag());
            assertEquals("ok " + text, body(downOk));
            calleeOwn++;
        }
    }

    @Test
    void jsr289_12_getPendingMessages_reInvite_pendingOnBothLegsUntilItsFinal_2xxPendingUntilAcked() throws Exception {
        ContainerFixtures.Peer inv = invite();
        SipRequest out = establish(inv);
        SipServletRequest in = rec.await("doInvite");
        SipServletRequest leg = rec.await("calleeLeg");
        B2buaHelper helper = in.getB2buaHelper();
        assertTrue(rec.<List<SipServletMessage>>await("pendingUacAfterAck").isEmpty(), "after the first ACK nothing is pending on the callee leg");

        node.receive(caller, inv.next("INVITE", 2).body("application/sdp", "v=0\r\no=caller 2\r\n").text(caller));
        SipRequest re = (SipRequest) callee.channel().awaitCount(FakeFlowChannel.isRequest("INVITE"), 2).get(1);
        List<SipServletMessage> uas = rec.await("pendingUasAtRelay");
        List<SipServletMessage> uac = rec.await("pendingUacAtRelay");
        SipServletRequest reIn = rec.<SipServletRequest>awaitAll("doInvite", 2).get(1);
        assertEquals(List.of(reIn), uas, "UAS mode: the re-INVITE received, not yet answered");
        assertEquals(List.of(rec.<SipServletRequest>await("relayedINVITE")), uac, "UAC mode: the re-INVITE sent, no final response yet");
        assertSame(in.getSession(), reIn.getSession());

        node.receive(callee, answer(re, 200, "callee1").withHeader("Contact", contact(callee))
                .withBody("application/sdp", "v=0\r\no=callee 2\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        List<SipServletMessage> after2xx = rec.<List<SipServletMessage>>awaitAll("pendingUacAfter2xx", 2).get(1);
        assertEquals(1, after2xx.size());
        SipServletResponse ok = (SipServletResponse) after2xx.get(0);
        assertEquals(200, ok.getStatus(), "UAC mode: the re-INVITE's 2xx, not yet acknowledged");
        assertEquals((out.cseq().orElseThrow().number() + 1) + " INVITE", ok.getHeader("CSeq"), "the 2xx of the re-INVITE, not of the INVITE");
        assertTrue(rec.<List<SipServletMessage>>awaitAll("pendingUasAfterAnswer", 2).get(1).isEmpty(),
                "UAS mode: the re-INVITE has its 200");

        caller.channel().awaitCount(FakeFlowChannel.isResponse(200, "INVITE"), 2);
        node.receive(caller, inv.next("ACK", 2).text(caller));
        callee.channel().awaitCount(FakeFlowChannel.isRequest("ACK"), 2);
        assertTrue(rec.<List<SipServletMessage>>awaitAll("pendingUacAfterAck", 2).get(1).isEmpty(),
                "UAC mode: the re-INVITE's 2xx is acknowledged");
        assertSame(leg.getSession(), ok.getSession());
        assertTrue(helper.getPendingMessages(in.getSession(), UAMode.UAS).isEmpty());
    }

    private record SipMessageView(String toTag) {
    }

    @Test
    void jsr289_12_createResponseToOriginalRequest_afterNon2xxOr1xxAfterFinal_illegalState() throws Exception {
        servlet.on("INVITE", req -> {
            B2buaHelper helper = req.getB2buaHelper();
            SipServletResponse busy = helper.createResponseToOriginalRequest(req.getSession(), 486, null);
            busy.send();
            rec.record("after2xx", assertThrows(IllegalStateException.class,
                    () -> helper.createResponseToOriginalRequest(req.getSession(), 200, null)));
            rec.record("after1xx", assertThrows(IllegalStateException.class,
                    () -> helper.createResponseToOriginalRequest(req.getSession(), 180, null)));
        });
        node.receive(caller, invite().text(caller));
        caller.channel().awaitResponse(486, "INVITE");
        assertNotNull(rec.await("after2xx"));
        assertNotNull(rec.await("after1xx"));
    }

    @Test
    void jsr289_12_headerMap_fromToUriAndDisplayName_tagsContainers_contactUserAndParamsOnly_routeAndCustomHeaders() throws Exception {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("From", List.of("\"Carol\" <sip:carol@b2b.example>;tag=evil"));
        map.put("To", List.of("<sip:dave@callee.example>;tag=evil2"));
        map.put("Contact", List.of("\"B2B\" <sip:b2b-user@203.0.113.9:9999;transport=tls;foo=bar>;expires=30"));
        map.put("Route", List.of("<sip:edge.example;lr>"));
        map.put("X-Trace", List.of("t2", "t3"));
        headerMap = map;
        node.receive(caller, invite().text(caller));
        SipRequest out = callee.channel().awaitRequest("INVITE");

        NameAddr from = out.from().orElseThrow();
        assertEquals("Carol", from.displayNameUnquoted());
        assertEquals("sip:carol@b2b.example", from.uri().toString());
        assertNotNull(from.tag());
        assertNotEquals("evil", from.tag(), "JSR 289 §12: the container's From tag, never the map's");
        NameAddr to = out.to().orElseThrow();
        assertEquals("sip:dave@callee.example", to.uri().toString());
        assertNull(to.tag(), "JSR 289 §12: the To of a new leg has no tag");
        NameAddr contact = out.contacts().get(0);
        SipUri c = (SipUri) contact.uri();
        assertEquals("b2b-user", c.user(), "JSR 289 §4.1.3: the user part is the application's");
        assertEquals(FakeFlow.LOCAL.getAddress().getHostAddress(), c.host(), "JSR 289 §4.1.3: host and port are the container's");
        assertEquals(FakeFlow.LOCAL.getPort(), c.port());
        assertEquals("tcp", c.params().value("transport"), "the transport is the flow's, not the map's");
        assertEquals("bar", c.params().value("foo"));
        assertEquals("30", contact.params().value("expires"));
        assertEquals("B2B", contact.displayNameUnquoted());
        assertEquals(List.of("<sip:edge.example;lr>"), out.headers().values("Route"));
        assertEquals(List.of("t2", "t3"), out.headers().values("X-Trace"));
    }

    @Test
    void jsr289_12_headerMap_systemHeaders_illegalArgument() throws Exception {
        servlet.on("INVITE", req -> {
            B2buaHelper helper = req.getB2buaHelper();
            for (String h : List.of("Call-ID", "CSeq", "Via", "Record-Route", "Path", "RSeq", "RAck", "Content-Length")) {
                rec.record("refused", assertThrows(IllegalArgumentException.class,
                        () -> helper.createRequest(req, true, Map.of(h, List.of("x")))));
            }
            rec.record("twoFroms", assertThrows(IllegalArgumentException.class,
                    () -> helper.createRequest(req, true, Map.of("From", List.of("<sip:a@x>", "<sip:b@x>")))));
            req.createResponse(500).send();
        });
        node.receive(caller, invite().text(caller));
        caller.channel().awaitResponse(500, "INVITE");
        assertEquals(8, rec.awaitAll("refused", 8).size());
        assertNotNull(rec.await("twoFroms"));
        assertTrue(callee.channel().matching(FakeFlowChannel.isRequest("INVITE")).isEmpty());
    }

    @Test
    void jsr289_12_createRequest_maxForwardsZero_tooManyHops_483Upstream() throws Exception {
        servlet.on("INVITE", req -> {
            rec.record("hops", assertThrows(javax.servlet.sip.TooManyHopsException.class,
                    () -> req.getB2buaHelper().createRequest(req, true, null)));
        });
        String text = invite().text(caller).replace("Max-Forwards: 70", "Max-Forwards: 0");
        node.receive(caller, text);
        caller.channel().awaitResponse(483, "INVITE");
        assertNotNull(rec.await("hops"));
    }

    @Test
    void jsr289_12_subsequentRequest_headerMapRoute_illegalArgument_linkedToOtherSession_illegalArgument() throws Exception {
        ContainerFixtures.Peer inv = invite();
        establish(inv);
        servlet.on("BYE", req -> {
            B2buaHelper helper = req.getB2buaHelper();
            SipSession other = helper.getLinkedSession(req.getSession());
            rec.record("route", assertThrows(IllegalArgumentException.class,
                    () -> helper.createRequest(other, req, Map.of("Route", List.of("<sip:x.example;lr>")))));
            SipSession stranger = factory.createRequest(req.getApplicationSession(), "MESSAGE", "<sip:a@x.example>", "<sip:b@x.example>").getSession();
            rec.record("stranger", assertThrows(IllegalArgumentException.class, () -> helper.createRequest(stranger, req, null)));
            req.createResponse(200).send();
        });
        node.receive(caller, inv.next("BYE", 2).text(caller));
        caller.channel().awaitResponse(200, "BYE");
        assertNotNull(rec.await("route"));
        assertNotNull(rec.await("stranger"));
    }

    @Test
    void jsr289_12_linkSipSessions_rules() throws Exception {
        SipApplicationSession as = factory.createApplicationSession();
        SipServletRequest r1 = factory.createRequest(as, "MESSAGE", "<sip:a@x.example>", "<sip:b@x.example>");
        SipSession s1 = r1.getSession();
        SipSession s2 = factory.createRequest(as, "MESSAGE", "<sip:a@x.example>", "<sip:c@x.example>").getSession();
        SipSession s3 = factory.createRequest(as, "MESSAGE", "<sip:a@x.example>", "<sip:d@x.example>").getSession();
        SipSession foreign = factory.createRequest(factory.createApplicationSession(), "MESSAGE", "<sip:a@x.example>", "<sip:e@x.example>").getSession();
        B2buaHelper helper = r1.getB2buaHelper();

        assertNull(helper.getLinkedSession(s1));
        helper.linkSipSessions(s1, s2);
        assertSame(s2, helper.getLinkedSession(s1));
        assertSame(s1, helper.getLinkedSession(s2));
        helper.linkSipSessions(s2, s1); // JSR 289 §12: linking sessions linked to each other is a no-op
        assertThrows(IllegalArgumentException.class, () -> helper.linkSipSessions(s1, s3), "s1 is linked to s2 already");
        assertThrows(IllegalArgumentException.class, () -> helper.linkSipSessions(s3, foreign), "different application sessions");
        assertThrows(IllegalArgumentException.class, () -> helper.unlinkSipSessions(s3), "s3 is not linked");
        assertThrows(NullPointerException.class, () -> helper.linkSipSessions(s1, null));

        helper.unlinkSipSessions(s2);
        assertNull(helper.getLinkedSession(s1));
        assertNull(helper.getLinkedSession(s2));
        helper.linkSipSessions(s1, s3);
        assertSame(s3, helper.getLinkedSession(s1));

        s2.invalidate();
        assertThrows(IllegalArgumentException.class, () -> helper.linkSipSessions(s2, s3), "an invalidated session");
        assertThrows(IllegalArgumentException.class, () -> helper.getLinkedSession(s2));
        s3.invalidate();
        assertNull(helper.getLinkedSession(s1), "an invalidated session is linked to nothing");
        assertThrows(IllegalArgumentException.class, () -> helper.getPendingMessages(s3, UAMode.UAC), "an invalidated session");
    }

    @Test
    void jsr289_12_unlinkSessions_unlinksTheirRequests() throws Exception {
        node.receive(caller, invite().text(caller));
        callee.channel().awaitRequest("INVITE");
        SipServletRequest in = rec.await("doInvite");
        SipServletRequest leg = rec.await("calleeLeg");
        B2buaHelper helper = in.getB2buaHelper();
        assertSame(leg, helper.getLinkedSipServletRequest(in));
        helper.unlinkSipSessions(in.getSession());
        assertNull(helper.getLinkedSipServletRequest(in), "JSR 289 §12: unlinking the sessions unlinks the requests");
        assertNull(helper.getLinkedSipServletRequest(leg));
    }

    @Test
    void jsr289_12_createCancel_sessionWithoutPendingInvite_illegalState() throws Exception {
        SipApplicationSession as = factory.createApplicationSession();
        SipServletRequest r = factory.createRequest(as, "MESSAGE", "<sip:a@x.example>", "<sip:b@x.example>");
        assertThrows(IllegalStateException.class, () -> r.getB2buaHelper().createCancel(r.getSession()));
        assertThrows(NullPointerException.class, () -> r.getB2buaHelper().createCancel(null));
    }

    private static String tag(String nameAddr) {
        try {
            return NameAddr.parse(nameAddr).tag();
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNotSame(Object a, Object b) {
        assertFalse(a == b, "expected different objects");
    }
}
