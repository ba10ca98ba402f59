package io.ferry.runtime.container;

import static io.ferry.runtime.container.ContainerFixtures.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.Via;
import java.util.List;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The container as a stateful proxy (JSR 289 §10, RFC 3261 §16): a caller on flow {@code up}, the
 * callees on flows {@code b} and {@code c}; the application proxies the INVITE to them through
 * the flow extension.
 */
class ContainerProxyTest {

    private static final String DAR = "INVITE: (\"proxy\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n"
            + "MESSAGE: (\"proxy\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n"
            + "REGISTER: (\"proxy\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n";

    private ContainerFixtures node;
    private Recorder rec;
    private ScriptedServlet servlet;
    private SipFactory factory;
    private FakeFlow up;
    private FakeFlow b;
    private FakeFlow c;

    @BeforeEach
    void deploy() {
        deploy(new ContainerFixtures(DAR));
    }

    private void deploy(ContainerFixtures fixtures) {
        node = fixtures;
        rec = node.recorder;
        servlet = new ScriptedServlet(rec, "");
        factory = node.deploy("proxy", servlet).sipFactory();
        up = node.udp();
        b = node.tcp();
        c = node.tcp();
    }

    @AfterEach
    void close() {
        node.close();
    }

    private SipFlow handle(FakeFlow f) {
        return node.container.sipFlows().find(f.flow().id().value()).orElseThrow();
    }

    private URI uri(String text) throws Exception {
        return factory.createURI(text);
    }

    /** The servlet creates one branch per (URI, flow) and starts them. */
    private void proxyToFlows(SipServletRequest req, Proxy p, Object... uriAndFlow) throws Exception {
        rec.record("proxy", p);
        for (int i = 0; i < uriAndFlow.length; i += 2) {
            List<ProxyBranch> created = p.createProxyBranches(List.of(uri((String) uriAndFlow[i])));
            created.get(0).getRequest().setAttribute(SipFlows.ATTRIBUTE, handle((FakeFlow) uriAndFlow[i + 1]));
        }
        p.startProxy();
    }

    private ContainerFixtures.Peer invite() {
        ContainerFixtures.Peer p = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        node.receive(up, p.text(up));
        return p;
    }

    private static SipResponse with(SipResponse r, String name, String value) {
        return r.withHeader(name, value);
    }

    @Test
    void rfc3261_16_6_invite_forwardedWithViaPrependedMaxForwardsDecremented_180And200ForwardedUpstreamMinusOurVia() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4000;transport=tcp", b));
        invite();

        SipRequest wire = b.channel().awaitRequest("INVITE");
        assertEquals("sip:bob@198.51.100.7:4000;transport=tcp", wire.requestUriText(), "RFC 3261 §16.6 step 2");
        assertEquals("69", wire.headers().firstValue("Max-Forwards").orElseThrow(), "RFC 3261 §16.6 step 3");
        List<Via> vias = wire.vias();
        assertEquals(2, vias.size(), "RFC 3261 §16.6 step 8: our Via on top of the caller's");
        assertEquals("TCP", vias.get(0).transport().toUpperCase());
        assertTrue(vias.get(0).branch().startsWith("z9hG4bK"));
        assertEquals(FakeFlow.PEER_HOST, vias.get(1).host());
        assertEquals("<sip:alice@" + FakeFlow.PEER_HOST + ":" + up.flow().remoteAddress().getPort() + ">",
                wire.headers().firstValue("Contact").orElseThrow(), "a proxy leaves the Contact alone");

        node.receive(b, answer(wire, 100, null));
        node.receive(b, answer(wire, 180, "callee"));
        SipResponse ringing = up.channel().awaitResponse(180, "INVITE");
        assertEquals(1, ringing.vias().size(), "RFC 3261 §16.7 step 9: our Via removed");
        assertEquals("callee", ringing.to().orElseThrow().tag());
        SipServletResponse seen = rec.await("doProvisionalResponse");
        assertEquals(180, seen.getStatus());
        assertNotNull(seen.getProxyBranch());

        node.receive(b, answer(wire, 200, "callee"));
        SipResponse ok = up.channel().awaitResponse(200, "INVITE");
        assertEquals(1, ok.vias().size());
        SipServletResponse success = rec.await("doSuccessResponse");
        assertFalse(success.isBranchResponse());
        Proxy p = rec.await("proxy");
        assertEquals(200, p.getProxyBranches().get(0).getResponse().getStatus());
        assertTrue(p.getProxyBranches().get(0).isStarted());
        assertSame(p, p.getProxyBranches().get(0).getProxy());
        assertEquals("INVITE", p.getOriginalRequest().getMethod());
        assertTrue(rec.labels().stream().noneMatch(l -> l.equals("doErrorResponse")));
    }

    @Test
    void rfc3261_16_7_parallelFork_oneAnswers_otherBranchIsCancelled() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        assertNotEquals(toB.topVia().orElseThrow().branch(), toC.topVia().orElseThrow().branch(), "one transaction per branch");
        node.receive(c, answer(toC, 180, "c"));
        node.receive(b, answer(toB, 200, "b"));
        up.channel().awaitResponse(200, "INVITE");

        SipRequest cancel = c.channel().awaitRequest("CANCEL");
        assertEquals(toC.topVia().orElseThrow().branch(), cancel.topVia().orElseThrow().branch(), "RFC 3261 §9.1: the branch of the INVITE");
        node.receive(c, answer(cancel, 200, "c"));
        node.receive(c, answer(toC, 487, "c"));
        c.channel().awaitRequest("ACK");
        assertEquals(1, up.channel().matching(FakeFlowChannel.isResponse(200, "INVITE")).size());
        assertTrue(up.channel().matching(FakeFlowChannel.isResponse(487, "INVITE")).isEmpty(), "the 487 of the cancelled branch stays in the proxy");
        assertTrue(b.channel().matching(FakeFlowChannel.isRequest("CANCEL")).isEmpty());
    }

    @Test
    void jsr289_10_2_3_sequentialSearch_branchTimesOut_nextBranchTried() throws Exception {
        servlet.on("INVITE", req -> {
            Proxy p = req.getProxy();
            p.setParallel(false);
            p.setProxyTimeout(1);
            proxyToFlows(req, p, "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c);
        });
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        node.receive(b, answer(toB, 180, "b"));
        assertTrue(c.channel().matching(FakeFlowChannel.isRequest("INVITE")).isEmpty(), "sequential: one branch at a time");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        b.channel().awaitRequest("CANCEL");
        node.receive(c, answer(toC, 200, "c"));
        SipResponse ok = up.channel().awaitResponse(200, "INVITE");
        assertEquals("c", ok.to().orElseThrow().tag());
        Proxy p = rec.await("proxy");
        assertEquals(1, p.getProxyTimeout());
        assertFalse(p.getParallel());
    }

    @Test
    void rfc3261_16_7_486FromAllBranches_bestResponse486_branchResponsesReachDoBranchResponse() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        node.receive(b, answer(toB, 486, "b"));
        List<SipServletResponse> branch = rec.awaitAll("doBranchResponse", 1);
        assertTrue(branch.get(0).isBranchResponse());
        assertTrue(up.channel().matching(FakeFlowChannel.isResponse(486, "INVITE")).isEmpty(), "not before every branch answered");
        node.receive(c, answer(toC, 486, "c"));
        SipResponse busy = up.channel().awaitResponse(486, "INVITE");
        assertEquals(1, busy.vias().size());
        SipServletResponse best = rec.await("doErrorResponse");
        assertEquals(486, best.getStatus());
        assertFalse(best.isBranchResponse());
        assertEquals(2, rec.count("doBranchResponse"));
    }

    @Test
    void rfc3261_16_7_step5_600EndsSearch_pendingBranchCancelled_600Forwarded() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        node.receive(c, answer(toC, 180, "c"));
        node.receive(b, answer(toB, 600, "b"));
        SipRequest cancel = c.channel().awaitRequest("CANCEL");
        node.receive(c, answer(cancel, 200, "c"));
        node.receive(c, answer(toC, 487, "c"));
        up.channel().awaitResponse(600, "INVITE");
        assertTrue(up.channel().matching(FakeFlowChannel.isResponse(487, "INVITE")).isEmpty());
    }

    @Test
    void rfc3261_16_7_step4_302Recursed_contactBecomesNewBranch() throws Exception {
        servlet.on("INVITE", req -> {
            Proxy p = req.getProxy();
            rec.record("proxy", p);
            req.setAttribute(SipFlows.ATTRIBUTE, handle(b));
            p.proxyTo(uri("sip:bob@198.51.100.7:4001"));
        });
        invite();
        SipRequest first = b.channel().awaitRequest("INVITE");
        node.receive(b, with(answer(first, 302, "b"), "Contact", "<sip:carol@198.51.100.7:4003>"));
        List<io.ferry.sip.SipMessage> invites = b.channel().awaitCount(FakeFlowChannel.isRequest("INVITE"), 2);
        SipRequest second = (SipRequest) invites.get(1);
        assertEquals("sip:carol@198.51.100.7:4003", second.requestUriText());
        assertEquals("69", second.headers().firstValue("Max-Forwards").orElseThrow());
        node.receive(b, answer(second, 200, "carol"));
        SipResponse ok = up.channel().awaitResponse(200, "INVITE");
        assertEquals("carol", ok.to().orElseThrow().tag());
        Proxy p = rec.await("proxy");
        assertEquals(1, p.getProxyBranches().get(0).getRecursedProxyBranches().size());
        assertNotNull(p.getProxyBranch(uri("sip:carol@198.51.100.7:4003")));
        assertTrue(up.channel().matching(FakeFlowChannel.isResponse(302, "INVITE")).isEmpty());
    }

    @Test
    void rfc3261_16_7_step7_401And407_aggregatedInOneChallenge() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        node.receive(b, with(answer(toB, 401, "b"), "WWW-Authenticate", "Digest realm=\"b.example\", nonce=\"1\""));
        node.receive(c, with(answer(toC, 407, "c"), "Proxy-Authenticate", "Digest realm=\"c.example\", nonce=\"2\""));
        SipResponse challenge = (SipResponse) up.channel().awaitCount(
                m -> m instanceof SipResponse r && (r.status() == 401 || r.status() == 407), 1).get(0);
        assertEquals(1, challenge.headers().all("WWW-Authenticate").size());
        assertEquals(1, challenge.headers().all("Proxy-Authenticate").size());
        assertTrue(challenge.headers().firstValue("Proxy-Authenticate").orElseThrow().contains("c.example"));
    }

    @Test
    void rfc3261_16_7_step6_503FromOnlyBranch_forwardedAs500() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        node.receive(b, answer(toB, 503, "b"));
        up.channel().awaitResponse(500, "INVITE");
        assertTrue(up.channel().matching(FakeFlowChannel.isResponse(503, "INVITE")).isEmpty());
    }

    @Test
    void rfc3261_16_10_cancelFromUpstream_branchesCancelled_487AfterTheirAnswers() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b));
        servlet.on("CANCEL", req -> rec.record("cancelled", req.getMethod()));
        ContainerFixtures.Peer inv = invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        node.receive(b, answer(toB, 180, "b"));
        up.channel().awaitResponse(180, "INVITE");

        node.receive(up, ContainerFixtures.request("CANCEL", "sip:bob@ferry.test").callId(inv.callId)
                .fromTag(inv.fromTag).branch(inv.branch).cseq(1).text(up));
        up.channel().awaitResponse(200, "CANCEL");
        SipRequest cancel = b.channel().awaitRequest("CANCEL");
        assertTrue(up.channel().matching(FakeFlowChannel.isResponse(487, "INVITE")).isEmpty(), "487 only after the branch answered");
        node.receive(b, answer(cancel, 200, "b"));
        node.receive(b, answer(toB, 487, "b"));
        up.channel().awaitResponse(487, "INVITE");
        rec.await("cancelled");
    }

    @Test
    void rfc5626_5_3_flowClosedDuringRinging_branchFailsAtOnce_430Upstream() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        node.receive(b, answer(toB, 180, "b"));
        up.channel().awaitResponse(180, "INVITE");
        b.peerClosed();
        // within the channel's bounded wait, far below the proxy timeout of 180 s
        up.channel().awaitResponse(430, "INVITE");
    }

    @Test
    void rfc5626_5_3_goneFlow_branchGets430() throws Exception {
        SipFlow gone = handle(b);
        servlet.on("INVITE", req -> {
            req.setAttribute(SipFlows.ATTRIBUTE, gone);
            req.getProxy().proxyTo(uri("sip:bob@198.51.100.7:4001"));
        });
        b.peerClosed();
        invite();
        up.channel().awaitResponse(430, "INVITE");
    }

    @Test
    void rfc3261_16_3_maxForwardsZero_getProxyThrowsTooManyHops_483() throws Exception {
        servlet.on("INVITE", req -> req.getProxy().proxyTo(uri("sip:bob@198.51.100.7:4001")));
        ContainerFixtures.Peer p = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        String text = p.text(up).replace("Max-Forwards: 70", "Max-Forwards: 0");
        node.receive(up, text);
        up.channel().awaitResponse(483, "INVITE");
    }

    @Test
    void jsr289_10_2_1_getProxyAndGetB2buaHelper_exclusive_andNoProxyAfterAResponse() throws Exception {
        servlet.on("INVITE", req -> {
            req.getProxy();
            rec.record("b2bua", assertThrows(IllegalStateException.class, req::getB2buaHelper));
            rec.record("same", req.getProxy() == req.getProxy(false));
            req.getProxy().proxyTo(uri("sip:bob@198.51.100.7:4001"));
        });
        servlet.on("MESSAGE", req -> {
            req.createResponse(100).send();
            rec.record("late", assertThrows(IllegalStateException.class, req::getProxy));
            req.createResponse(200).send();
        });
        invite();
        rec.await("b2bua");
        assertEquals(Boolean.TRUE, rec.await("same"));
        node.receive(up, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").text(up));
        rec.await("late");
    }

    @Test
    void jsr289_10_2_4_unsupervised_noResponseCallbacks_responsesStillForwarded() throws Exception {
        servlet.on("INVITE", req -> {
            Proxy p = req.getProxy();
            p.setSupervised(false);
            proxyToFlows(req, p, "sip:bob@198.51.100.7:4001", b);
        });
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        node.receive(b, answer(toB, 180, "b"));
        node.receive(b, answer(toB, 486, "b"));
        up.channel().awaitResponse(486, "INVITE");
        assertEquals(0, rec.count("doProvisionalResponse"));
        assertEquals(0, rec.count("doBranchResponse"));
        assertEquals(0, rec.count("doErrorResponse"));
    }

    @Test
    void rfc3261_16_7_noCancel_otherBranchNotCancelledAfter2xx() throws Exception {
        servlet.on("INVITE", req -> {
            Proxy p = req.getProxy();
            p.setNoCancel(true);
            proxyToFlows(req, p, "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c);
        });
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        node.receive(c, answer(toC, 180, "c"));
        node.receive(b, answer(toB, 200, "b"));
        up.channel().awaitResponse(200, "INVITE");
        node.receive(c, answer(toC, 200, "c"));
        // RFC 3261 §16.7 step 5: the second 2xx is forwarded too
        up.channel().awaitCount(FakeFlowChannel.isResponse(200, "INVITE"), 2);
        assertTrue(c.channel().matching(FakeFlowChannel.isRequest("CANCEL")).isEmpty());
    }

    // ------------------------------------------------------------------ Record-Route (RFC 3261 §16.6 step 4, RFC 5658)

    /** The caller's INVITE proxied to b with Record-Route, answered 200 by b with To tag "callee"; returns the INVITE b got. */
    private SipRequest recordRoutedCall(ContainerFixtures.Peer caller) throws Exception {
        servlet.on("INVITE", req -> {
            if (!req.isInitial()) {
                rec.record("reinvite", req.getPoppedRoute() == null ? "none" : req.getPoppedRoute().getURI().getParameter("app"));
                return; // JSR 289 §10.2: the container proxies subsequent requests itself
            }
            Proxy p = req.getProxy();
            p.setRecordRoute(true);
            p.getRecordRouteURI().setParameter("app", "x");
            proxyToFlows(req, p, "sip:bob@198.51.100.7:4000;transport=tcp", b);
        });
        servlet.on("BYE", req -> rec.record("bye", req.getPoppedRoute() == null ? "none" : req.getPoppedRoute().getURI().getParameter("app")));
        servlet.on("ACK", req -> rec.record("ack", req.getMethod()));
        node.receive(up, caller.text(up));
        SipRequest toB = b.channel().awaitRequest("INVITE");
        node.receive(b, answer(toB, 180, "callee"));
        node.receive(b, answer(toB, 200, "callee").withHeader("Contact", "<sip:bob@198.51.100.7:4000;transport=tcp>"));
        up.channel().awaitResponse(200, "INVITE");
        caller.toTag("callee");
        return toB;
    }

    @Test
    void rfc5658_doubleRecordRoute_udpToTcp_twoEntriesWithTheirTransports_andRecordRouteUriParameters() throws Exception {
        SipRequest toB = recordRoutedCall(ContainerFixtures.request("INVITE", "sip:bob@ferry.test"));
        List<String> rr = toB.headers().values("Record-Route");
        assertEquals(2, rr.size(), "RFC 5658: UDP in, TCP out: two entries");
        assertTrue(rr.get(0).contains("transport=tcp") && rr.get(0).contains(";lr"), rr.get(0));
        assertTrue(rr.get(1).contains("transport=udp") && rr.get(1).contains(";lr"), rr.get(1));
        assertTrue(rr.get(0).contains("192.0.2.1:5060") && rr.get(0).contains("app=x"), rr.get(0));
    }

    @Test
    void rfc3261_18_2_2_tcpBranchOnAConnectionFerryOpened_viaAndRecordRouteNameTheListeningPort() throws Exception {
        // the fake TCP flow's local port stands for the ephemeral port of a connection Ferry opened
        node.container.useListeningPorts(t -> t == io.ferry.runtime.transport.Transport.TCP ? 5099 : 0);
        SipRequest toB = recordRoutedCall(ContainerFixtures.request("INVITE", "sip:bob@ferry.test"));
        List<String> rr = toB.headers().values("Record-Route");
        assertTrue(rr.get(0).contains("192.0.2.1:5099") && rr.get(0).contains("transport=tcp"),
                "a peer must be able to open a new connection to our Record-Route: " + rr.get(0));
        assertEquals(5099, toB.vias().get(0).port(), "RFC 3261 §18.2.2: responses may come on a new connection to the Via");
        assertTrue(rr.get(1).contains("transport=udp"), rr.get(1));
    }

    @Test
    void rfc3261_16_6_step4_recordRouted_ackAndByeFromCaller_poppedAndForwardedToCallee_200Back() throws Exception {
        ContainerFixtures.Peer caller = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        SipRequest toB = recordRoutedCall(caller);
        List<String> rr = toB.headers().values("Record-Route");
        String route = rr.get(1) + ", " + rr.get(0); // the caller's route set: Record-Route reversed

        node.receive(up, new ContainerFixtures.Peer("ACK", "sip:bob@198.51.100.7:4000;transport=tcp")
                .callId(caller.callId).fromTag(caller.fromTag).toTag("callee").cseq(1).header("Route", route).text(up));
        SipRequest ackOnB = b.channel().awaitRequest("ACK");
        assertEquals("sip:bob@198.51.100.7:4000;transport=tcp", ackOnB.requestUriText());
        assertFalse(ackOnB.headers().contains("Route"), "RFC 3261 §16.4: both of our entries popped");
        assertEquals(2, ackOnB.vias().size());
        rec.await("ack");

        node.receive(up, new ContainerFixtures.Peer("BYE", "sip:bob@198.51.100.7:4000;transport=tcp")
                .callId(caller.callId).fromTag(caller.fromTag).toTag("callee").cseq(2).header("Route", route).text(up));
        SipRequest bye = b.channel().awaitRequest("BYE");
        assertEquals("69", bye.headers().firstValue("Max-Forwards").orElseThrow());
        assertFalse(bye.headers().contains("Route"));
        assertEquals("x", rec.await("bye"), "JSR 289 §10.2.3: the Record-Route URI's parameters come back as the popped route");
        node.receive(b, answer(bye, 200, "callee"));
        SipResponse ok = up.channel().awaitResponse(200, "BYE");
        assertEquals(1, ok.vias().size());
    }

    @Test
    void rfc3261_16_6_step4_recordRouted_byeFromCallee_forwardedToCallerOnItsFlow() throws Exception {
        ContainerFixtures.Peer caller = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        SipRequest toB = recordRoutedCall(caller);
        List<String> rr = toB.headers().values("Record-Route");
        ContainerFixtures.Peer bye = new ContainerFixtures.Peer("BYE", "sip:alice@" + FakeFlow.PEER_HOST + ":" + up.flow().remoteAddress().getPort())
                .callId(caller.callId).fromTag("callee").toTag(caller.fromTag).cseq(1).header("Route", rr.get(0) + ", " + rr.get(1));
        bye.from = "<sip:bob@ferry.test>";
        bye.to = "<sip:alice@peer.example>";
        node.receive(b, bye.text(b));
        SipRequest onUp = up.channel().awaitRequest("BYE");
        assertFalse(onUp.headers().contains("Route"));
        assertEquals("UDP", onUp.topVia().orElseThrow().transport().toUpperCase());
        node.receive(up, answer(onUp, 200, caller.fromTag));
        SipResponse ok = b.channel().awaitResponse(200, "BYE");
        assertEquals(1, ok.vias().size());
        assertEquals("x", rec.await("bye"));
    }

    @Test
    void rfc3261_16_6_message_proxied_200Back_noCancelForNonInvite() throws Exception {
        servlet.on("MESSAGE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        node.receive(up, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").body("text/plain", "hi").text(up));
        SipRequest toB = b.channel().awaitRequest("MESSAGE");
        SipRequest toC = c.channel().awaitRequest("MESSAGE");
        assertEquals("hi", new String(toB.bodyBytes()));
        node.receive(b, answer(toB, 200, "b"));
        up.channel().awaitResponse(200, "MESSAGE");
        node.receive(c, answer(toC, 404, "c"));
        assertTrue(c.channel().matching(FakeFlowChannel.isRequest("CANCEL")).isEmpty(), "RFC 3261 §9.1: only INVITE is cancelled");
        assertEquals(1, up.channel().matching(m -> m instanceof SipResponse r && r.status() >= 200).size());
    }

    @Test
    void jsr289_10_2_proxyCancel_allPendingBranchesCancelled_487Upstream() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        servlet.onResponse("1xx", resp -> {
            if (rec.count("cancelDone") == 0) {
                rec.record("cancelDone", true);
                resp.getProxy().cancel();
            }
        });
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        node.receive(c, answer(toC, 180, "c"));
        node.receive(b, answer(toB, 180, "b"));
        SipRequest cancelC = c.channel().awaitRequest("CANCEL");
        SipRequest cancelB = b.channel().awaitRequest("CANCEL");
        node.receive(c, answer(cancelC, 200, "c"));
        node.receive(b, answer(cancelB, 200, "b"));
        node.receive(c, answer(toC, 487, "c"));
        node.receive(b, answer(toB, 487, "b"));
        up.channel().awaitResponse(487, "INVITE");
    }

    @Test
    void rfc3261_16_6_step7_branchWithoutFlowAttribute_neverGoesBackOnTheArrivalFlow() throws Exception {
        servlet.on("INVITE", req -> req.getProxy().proxyTo(uri("sip:bob@198.51.100.7:4001")));
        invite();
        // no connector in this node: the branch fails with the transport error's 503, which goes up as 500
        up.channel().awaitResponse(500, "INVITE");
        assertTrue(up.channel().matching(FakeFlowChannel.isRequest("INVITE")).isEmpty());
    }

    @Test
    void rfc3261_16_3_step5_proxyRequire_420WithUnsupported_nothingForwarded() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b));
        ContainerFixtures.Peer p = ContainerFixtures.request("INVITE", "sip:bob@ferry.test").header("Proxy-Require", "foo");
        node.receive(up, p.text(up));
        SipResponse r = up.channel().awaitResponse(420, "INVITE");
        assertEquals("foo", r.headers().firstValue("Unsupported").orElseThrow());
        assertTrue(b.channel().matching(FakeFlowChannel.isRequest("INVITE")).isEmpty());
    }

    @Test
    void jsr289_10_2_proxyingRequest_applicationCannotSendItsOwnFinalResponse() throws Exception {
        servlet.on("INVITE", req -> {
            proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b);
            rec.record("final", assertThrows(IllegalStateException.class, () -> req.createResponse(486)));
        });
        invite();
        rec.await("final");
        b.channel().awaitRequest("INVITE");
    }

    @Test
    void rfc3261_16_6_step4_recordRouted_reInviteFromCaller_forwardedStatefully_200AndAckPassThrough() throws Exception {
        ContainerFixtures.Peer caller = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        SipRequest toB = recordRoutedCall(caller);
        List<String> rr = toB.headers().values("Record-Route");
        String route = rr.get(1) + ", " + rr.get(0);
        String target = "sip:bob@198.51.100.7:4000;transport=tcp";
        node.receive(up, new ContainerFixtures.Peer("INVITE", target).callId(caller.callId).fromTag(caller.fromTag)
                .toTag("callee").cseq(2).header("Route", route).text(up));
        List<io.ferry.sip.SipMessage> invites = b.channel().awaitCount(FakeFlowChannel.isRequest("INVITE"), 2);
        SipRequest reInvite = (SipRequest) invites.get(1);
        assertEquals("callee", reInvite.to().orElseThrow().tag());
        assertFalse(reInvite.headers().contains("Route"));
        assertEquals(2, reInvite.vias().size());
        assertEquals("x", rec.await("reinvite"));
        node.receive(b, answer(reInvite, 200, "callee"));
        List<io.ferry.sip.SipMessage> oks = up.channel().awaitCount(FakeFlowChannel.isResponse(200, "INVITE"), 2);
        SipResponse ok = (SipResponse) oks.get(oks.size() - 1);
        assertEquals("2 INVITE", ok.headers().firstValue("CSeq").orElseThrow());
        assertEquals(1, ok.vias().size());
        node.receive(up, new ContainerFixtures.Peer("ACK", target).callId(caller.callId).fromTag(caller.fromTag)
                .toTag("callee").cseq(2).header("Route", route).text(up));
        SipRequest ack = b.channel().awaitRequest("ACK");
        assertEquals("2 ACK", ack.headers().firstValue("CSeq").orElseThrow());
    }

    // ------------------------------------------------------------------ loop detection (RFC 3261 §16.3 step 4, §16.6 step 8)

    /** {@code forwarded} as a downstream element would send it back to Ferry: its own Via on top, Request-URI {@code requestUri}. */
    private static String sentBack(SipRequest forwarded, String requestUri, FakeFlow from) {
        SipRequest back = forwarded.withRequestUri(requestUri)
                .withPrependedHeader("Via", "SIP/2.0/TCP " + FakeFlow.PEER_HOST + ":" + from.flow().remoteAddress().getPort()
                        + ";branch=z9hG4bK" + SipRequest.newTag())
                .withHeader("Max-Forwards", "68");
        return new String(new io.ferry.sip.SipSerializer().toBytes(back), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void rfc3261_16_6_step8_branchCarriesLoopDetectionHash_sameForEveryBranchOfTheRequest() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        invite();
        String toB = b.channel().awaitRequest("INVITE").topVia().orElseThrow().branch();
        String toC = c.channel().awaitRequest("INVITE").topVia().orElseThrow().branch();
        assertNotEquals(toB, toC, "unique part");
        assertNotNull(LoopDetection.hashOf(toB));
        assertEquals(LoopDetection.hashOf(toB), LoopDetection.hashOf(toC), "one request, one loop-detection hash");
    }

    @Test
    void rfc3261_16_3_step4_requestComesBackUnchanged_482LoopDetected_notForwardedAgain() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4000;transport=tcp", b));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        node.receive(c, sentBack(toB, "sip:bob@ferry.test", c));
        SipResponse loop = c.channel().awaitResponse(482, "INVITE");
        assertEquals(3, loop.vias().size(), "answered to the element that sent it back");
        assertEquals(1, b.channel().matching(FakeFlowChannel.isRequest("INVITE")).size(), "the looped request is not proxied again");
        assertTrue(up.channel().matching(FakeFlowChannel.isResponse(482, "INVITE")).isEmpty());
    }

    @Test
    void rfc3261_16_3_step4_spiral_requestUriChanged_proxiedAgain() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4000;transport=tcp", b));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        node.receive(c, sentBack(toB, "sip:carol@ferry.test", c));
        List<io.ferry.sip.SipMessage> invites = b.channel().awaitCount(FakeFlowChannel.isRequest("INVITE"), 2);
        SipRequest spiral = (SipRequest) invites.get(1);
        assertEquals(4, spiral.vias().size(), "our Via twice: the request spiralled through Ferry");
        assertTrue(c.channel().matching(FakeFlowChannel.isResponse(482, "INVITE")).isEmpty());
    }

    @Test
    void rfc3261_16_3_step4_spiral_routeChanged_proxiedAgain() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4000;transport=tcp", b));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        // sent back to Ferry through a Route naming it: the route set differs from the first pass
        node.receive(c, sentBack(toB.withPrependedHeader("Route", "<sip:" + ContainerFixtures.HOST + ";lr;svc=2>"), "sip:bob@ferry.test", c));
        b.channel().awaitCount(FakeFlowChannel.isRequest("INVITE"), 2);
        assertTrue(c.channel().matching(FakeFlowChannel.isResponse(482, "INVITE")).isEmpty());
    }

    // ------------------------------------------------------------------ strict routers (RFC 3261 §16.4, §16.6 step 6)

    @Test
    void rfc3261_16_4_strictRouterCallee_byeWithOurRecordRouteAsRequestUri_lastRouteBecomesRequestUri() throws Exception {
        ContainerFixtures.Peer caller = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        SipRequest toB = recordRoutedCall(caller);
        List<String> rr = toB.headers().values("Record-Route");
        String callerTarget = "sip:alice@" + FakeFlow.PEER_HOST + ":" + up.flow().remoteAddress().getPort();
        // RFC 3261 §12.2.1.1 as a strict router does it: the first route is the Request-URI, the remote target the last Route
        String ours = io.ferry.sip.NameAddr.parse(rr.get(0)).uri().toString();
        ContainerFixtures.Peer bye = new ContainerFixtures.Peer("BYE", ours)
                .callId(caller.callId).fromTag("callee").toTag(caller.fromTag).cseq(1).header("Route", rr.get(1) + ", <" + callerTarget + ">");
        bye.from = "<sip:bob@ferry.test>";
        bye.to = "<sip:alice@peer.example>";
        node.receive(b, bye.text(b));
        SipRequest onUp = up.channel().awaitRequest("BYE");
        assertEquals(callerTarget, onUp.requestUriText(), "RFC 3261 §16.4: the last Route value is the Request-URI");
        assertFalse(onUp.headers().contains("Route"), "the remote target left the Route header, our second entry was popped");
        assertEquals("x", rec.await("bye"), "the Record-Route URI that was the Request-URI is the popped route");
        node.receive(up, answer(onUp, 200, caller.fromTag));
        b.channel().awaitResponse(200, "BYE");
    }

    @Test
    void rfc3261_16_6_step6_nextHopWithoutLr_routeBecomesRequestUri_targetAppendedToRoute() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b));
        ContainerFixtures.Peer p = ContainerFixtures.request("INVITE", "sip:bob@ferry.test")
                .header("Route", "<sip:" + ContainerFixtures.HOST + ";lr>, <sip:strict.example:5099>");
        node.receive(up, p.text(up));
        SipRequest wire = b.channel().awaitRequest("INVITE");
        assertEquals("sip:strict.example:5099", wire.requestUriText());
        assertEquals(List.of("<sip:bob@198.51.100.7:4001>"), wire.headers().values("Route"));
    }

    @Test
    void rfc3261_16_6_step6_nextHopWithLr_requestUriAndRouteUnchanged() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b));
        ContainerFixtures.Peer p = ContainerFixtures.request("INVITE", "sip:bob@ferry.test")
                .header("Route", "<sip:" + ContainerFixtures.HOST + ";lr>, <sip:loose.example:5099;lr>");
        node.receive(up, p.text(up));
        SipRequest wire = b.channel().awaitRequest("INVITE");
        assertEquals("sip:bob@198.51.100.7:4001", wire.requestUriText());
        assertEquals(List.of("<sip:loose.example:5099;lr>"), wire.headers().values("Route"));
    }

    // ------------------------------------------------------------------ Path (RFC 3327, JSR 289 §10.2)

    @Test
    void rfc3327_5_1_addToPath_registerGetsOurPathOnTop_withApplicationParameters_requestThroughItIsPopped() throws Exception {
        servlet.on("REGISTER", req -> {
            Proxy p = req.getProxy();
            rec.record("before", assertThrows(IllegalStateException.class, p::getPathURI));
            p.setAddToPath(true);
            p.getPathURI().setParameter("app", "y");
            proxyToFlows(req, p, "sip:registrar.example:5070;transport=tcp", b);
        });
        servlet.on("INVITE", req -> {
            rec.record("popped", req.getPoppedRoute() == null ? "none" : req.getPoppedRoute().getURI().getParameter("app"));
            rec.record("route", req.getHeader("Route"));
            req.createResponse(480).send();
        });
        node.receive(up, ContainerFixtures.request("REGISTER", "sip:" + ContainerFixtures.HOST).to("<sip:alice@" + ContainerFixtures.HOST + ">")
                .header("Path", "<sip:edge.example;lr>").header("Contact", "<sip:alice@198.51.100.9:5080>").text(up));
        SipRequest reg = b.channel().awaitRequest("REGISTER");
        rec.await("before");
        List<String> path = reg.headers().values("Path");
        assertEquals(2, path.size(), "RFC 3327 §5.1: ours on top of the existing entry");
        assertEquals("<sip:edge.example;lr>", path.get(1));
        String ours = path.get(0);
        assertTrue(ours.contains("192.0.2.1:5060") && ours.contains("transport=tcp") && ours.contains(";lr") && ours.contains("app=y"), ours);
        assertFalse(reg.headers().contains("Record-Route"));
        node.receive(b, answer(reg, 200, "registrar"));
        up.channel().awaitResponse(200, "REGISTER");

        // the home proxy reaches alice through the registered Path
        node.receive(b, ContainerFixtures.request("INVITE", "sip:alice@198.51.100.9:5080")
                .header("Route", ours + ", <sip:edge.example;lr>").text(b));
        assertEquals("y", rec.await("popped"), "JSR 289 §10.2: the Path URI's parameters come back as the popped route");
        assertEquals("<sip:edge.example;lr>", rec.await("route"));
    }

    @Test
    void jsr289_10_2_addToPath_onInvite_noPathHeader() throws Exception {
        servlet.on("INVITE", req -> {
            Proxy p = req.getProxy();
            p.setAddToPath(true);
            rec.record("uri", p.getPathURI());
            proxyToFlows(req, p, "sip:bob@198.51.100.7:4001", b);
        });
        invite();
        SipRequest wire = b.channel().awaitRequest("INVITE");
        assertNotNull(rec.await("uri"));
        assertFalse(wire.headers().contains("Path"), "Path is for REGISTER (RFC 3327 §4)");
    }

    @Test
    void rfc3327_5_1_branchAddToPath_onlyThatBranchGetsPath() throws Exception {
        servlet.on("REGISTER", req -> {
            Proxy p = req.getProxy();
            List<ProxyBranch> one = p.createProxyBranches(List.of(uri("sip:registrar.example:5070")));
            one.get(0).getRequest().setAttribute(SipFlows.ATTRIBUTE, handle(b));
            one.get(0).setAddToPath(true);
            rec.record("branchUri", one.get(0).getPathURI());
            List<ProxyBranch> two = p.createProxyBranches(List.of(uri("sip:registrar.example:5071")));
            two.get(0).getRequest().setAttribute(SipFlows.ATTRIBUTE, handle(c));
            rec.record("other", assertThrows(IllegalStateException.class, two.get(0)::getPathURI));
            p.startProxy();
        });
        node.receive(up, ContainerFixtures.request("REGISTER", "sip:" + ContainerFixtures.HOST).text(up));
        assertEquals(1, b.channel().awaitRequest("REGISTER").headers().values("Path").size());
        assertFalse(c.channel().awaitRequest("REGISTER").headers().contains("Path"));
        rec.await("other");
    }

    // ------------------------------------------------------------------ setOutboundInterface (JSR 289 §10.2)

    @Test
    void jsr289_10_2_setOutboundInterface_listenerAddressAccepted_otherAddressIllegalArgument_nullNpe() throws Exception {
        java.net.InetAddress listener = b.flow().localAddress().getAddress();
        int port = b.flow().localAddress().getPort();
        java.net.InetAddress foreign = java.net.InetAddress.getByName("203.0.113.50");
        servlet.on("INVITE", req -> {
            Proxy p = req.getProxy();
            p.setOutboundInterface(listener);
            p.setOutboundInterface(new java.net.InetSocketAddress(listener, port));
            rec.record("proxyForeign", assertThrows(IllegalArgumentException.class, () -> p.setOutboundInterface(foreign)));
            rec.record("proxyNull", assertThrows(NullPointerException.class, () -> p.setOutboundInterface((java.net.InetAddress) null)));
            List<ProxyBranch> created = p.createProxyBranches(List.of(uri("sip:bob@198.51.100.7:4001")));
            ProxyBranch branch = created.get(0);
            branch.setOutboundInterface(new java.net.InetSocketAddress(listener, port));
            rec.record("branchForeign", assertThrows(IllegalArgumentException.class,
                    () -> branch.setOutboundInterface(new java.net.InetSocketAddress(foreign, 5060))));
            branch.getRequest().setAttribute(SipFlows.ATTRIBUTE, handle(b));
            p.startProxy();
        });
        invite();
        SipRequest wire = b.channel().awaitRequest("INVITE");
        assertEquals(listener.getHostAddress(), wire.topVia().orElseThrow().host(), "the branch left on the listener of its transport");
        rec.await("proxyForeign");
        rec.await("proxyNull");
        rec.await("branchForeign");
    }

    // ------------------------------------------------------------------ Reason on CANCEL (RFC 3326)

    @Test
    void rfc3326_2_proxyCancelWithReasons_eachCancelCarriesTheReasonHeaders() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        servlet.onResponse("1xx", resp -> {
            if (rec.count("cancelDone") == 0) {
                rec.record("cancelDone", true);
                Proxy p = resp.getProxy();
                rec.record("mismatch", assertThrows(IllegalArgumentException.class,
                        () -> p.cancel(new String[] {"SIP"}, new int[] {600, 16}, null)));
                p.cancel(new String[] {"SIP", "Q.850"}, new int[] {600, 16}, new String[] {"Busy \"Everywhere\"", null});
            }
        });
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        node.receive(c, answer(toC, 180, "c"));
        node.receive(b, answer(toB, 180, "b"));
        List<String> expected = List.of("SIP;cause=600;text=\"Busy \\\"Everywhere\\\"\"", "Q.850;cause=16");
        SipRequest cancelC = c.channel().awaitRequest("CANCEL");
        SipRequest cancelB = b.channel().awaitRequest("CANCEL");
        assertEquals(expected, cancelC.headers().values("Reason"));
        assertEquals(expected, cancelB.headers().values("Reason"));
        rec.await("mismatch");
        node.receive(c, answer(cancelC, 200, "c"));
        node.receive(b, answer(cancelB, 200, "b"));
        node.receive(c, answer(toC, 487, "c"));
        node.receive(b, answer(toB, 487, "b"));
        up.channel().awaitResponse(487, "INVITE");
    }

    @Test
    void rfc3326_2_branchCancelWithReason_onlyThatBranchCancelled() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        servlet.onResponse("1xx", resp -> {
            if (resp.getProxyBranch() != null && rec.count("cancelDone") == 0
                    && resp.getProxyBranch().getRequest().getRequestURI().toString().endsWith(":4001")) {
                rec.record("cancelDone", true);
                resp.getProxyBranch().cancel(new String[] {"SIP"}, new int[] {480}, new String[] {"Moved"});
            }
        });
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        node.receive(c, answer(toC, 180, "c"));
        node.receive(b, answer(toB, 180, "b"));
        SipRequest cancelB = b.channel().awaitRequest("CANCEL");
        assertEquals(List.of("SIP;cause=480;text=\"Moved\""), cancelB.headers().values("Reason"));
        node.receive(b, answer(cancelB, 200, "b"));
        node.receive(b, answer(toB, 487, "b"));
        node.receive(c, answer(toC, 200, "c"));
        up.channel().awaitResponse(200, "INVITE");
        assertTrue(c.channel().matching(FakeFlowChannel.isRequest("CANCEL")).isEmpty());
    }

    @Test
    void jsr289_10_2_4_applicationChangesProvisionalAnd2xx_changedResponsesGoUpstream_systemHeadersProtected() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4000;transport=tcp", b));
        servlet.onResponse("1xx", resp -> {
            resp.setHeader("X-Seen", "ringing");
            rec.record("viaRefused", assertThrows(IllegalArgumentException.class, () -> resp.setHeader("Via", "SIP/2.0/UDP evil.test")));
        });
        servlet.onResponse("2xx", resp -> resp.addHeader("X-Seen", "answered"));
        invite();
        SipRequest wire = b.channel().awaitRequest("INVITE");
        node.receive(b, answer(wire, 180, "callee"));
        SipResponse ringing = up.channel().awaitResponse(180, "INVITE");
        assertEquals("ringing", ringing.headers().firstValue("X-Seen").orElseThrow(), "JSR 289 §10.2.4: the change goes upstream");
        assertNotNull(rec.await("viaRefused"), "JSR 289 §5.4.2: Via stays a system header");
        assertEquals(1, ringing.vias().size(), "our Via still removed, the caller's untouched");
        node.receive(b, answer(wire, 200, "callee"));
        SipResponse ok = up.channel().awaitResponse(200, "INVITE");
        assertEquals("answered", ok.headers().firstValue("X-Seen").orElseThrow());
        SipServletResponse seen = rec.await("doSuccessResponse");
        assertThrows(IllegalStateException.class, () -> seen.setHeader("X-Late", "1"), "committed once the callback returned");
    }

    @Test
    void jsr289_10_2_4_applicationChangesBranchAndBestResponse_changesReachUpstream() throws Exception {
        servlet.on("INVITE", req -> proxyToFlows(req, req.getProxy(), "sip:bob@198.51.100.7:4001", b, "sip:bob@198.51.100.7:4002", c));
        servlet.onResponse("branch", resp -> resp.setHeader("X-Branch", resp.getTo().getParameter("tag")));
        servlet.onResponse("err", resp -> resp.addHeader("X-Best", "yes"));
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        node.receive(b, answer(toB, 486, "b"));
        rec.awaitAll("doBranchResponse", 1);
        node.receive(c, answer(toC, 600, "c"));
        SipResponse best = up.channel().awaitResponse(600, "INVITE");
        assertEquals("c", best.headers().firstValue("X-Branch").orElseThrow(), "the branch's change is kept in the response context");
        assertEquals("yes", best.headers().firstValue("X-Best").orElseThrow(), "doResponse's change goes upstream");
        assertEquals(1, best.vias().size());
    }

    @Test
    void rfc3261_16_7_step2_provisionalRestartsBranchTimer_branchCancelledOneTimeoutAfterThe180() throws Exception {
        servlet.on("INVITE", req -> {
            Proxy p = req.getProxy();
            rec.record("proxy", p);
            ProxyBranch toB = p.createProxyBranches(List.of(uri("sip:bob@198.51.100.7:4001"))).get(0);
            toB.getRequest().setAttribute(SipFlows.ATTRIBUTE, handle(b));
            toB.setProxyBranchTimeout(2);
            ProxyBranch toC = p.createProxyBranches(List.of(uri("sip:bob@198.51.100.7:4002"))).get(0);
            toC.getRequest().setAttribute(SipFlows.ATTRIBUTE, handle(c));
            toC.setProxyBranchTimeout(1);
            p.startProxy();
        });
        invite();
        SipRequest toB = b.channel().awaitRequest("INVITE");
        SipRequest toC = c.channel().awaitRequest("INVITE");
        node.receive(b, answer(toB, 100, null));
        node.receive(c, answer(toC, 100, null));
        // c's timer (1 s) fires; b's (2 s) has 1 s left, and b's 180 arrives now
        c.channel().awaitRequest("CANCEL");
        long ringing = System.nanoTime();
        node.receive(b, answer(toB, 180, "b"));
        b.channel().awaitRequest("CANCEL");
        long elapsedMs = (System.nanoTime() - ringing) / 1_000_000;
        assertTrue(elapsedMs >= 1_500, "RFC 3261 §16.7 step 2: the 180 restarted b's 2 s timer; cancelled after " + elapsedMs + " ms");
    }

    @Test
    void rfc6026_7_3_2xxRetransmissionAfterClientTransactionEnded_forwardedUpstreamStatelessly() throws Exception {
        node.close();
        // T1 = 10 ms: the transactions' 64×T1 Accepted state lasts 640 ms
        deploy(new ContainerFixtures(DAR, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(40)));
        servlet.on("INVITE", req -> {
            Proxy p = req.getProxy();
            p.setRecordRoute(true); // the proxy session lives with the dialog
            proxyToFlows(req, p, "sip:bob@198.51.100.7:4000;transport=tcp", b);
        });
        invite();
        SipRequest wire = b.channel().awaitRequest("INVITE");
        SipResponse ok = answer(wire, 200, "callee").withHeader("Contact", "<sip:bob@198.51.100.7:4000;transport=tcp>");
        node.receive(b, ok);
        up.channel().awaitResponse(200, "INVITE");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (node.stack.transactions().clientTransactionCount() + node.stack.transactions().serverTransactionCount() > 0) {
            assertTrue(System.nanoTime() < deadline, "the transactions end after 64×T1");
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
        }
        node.receive(b, ok);
        List<?> oks = up.channel().awaitCount(FakeFlowChannel.isResponse(200, "INVITE"), 2);
        SipResponse again = (SipResponse) oks.get(1);
        assertEquals(1, again.vias().size(), "RFC 3261 §16.7 step 9: our Via removed");
        assertEquals("callee", again.to().orElseThrow().tag());
        assertEquals(1, rec.count("doSuccessResponse"), "a retransmission does not reach the application");
    }

    @Test
    void rfc3261_16_10_cancelOfProxiedReInvite_cancelPassedDownstream_callees487GoesUpstream() throws Exception {
        ContainerFixtures.Peer caller = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        SipRequest toB = recordRoutedCall(caller);
        List<String> rr = toB.headers().values("Record-Route");
        String route = rr.get(1) + ", " + rr.get(0);
        String target = "sip:bob@198.51.100.7:4000;transport=tcp";
        String branch = "z9hG4bK" + SipRequest.newTag();
        node.receive(up, new ContainerFixtures.Peer("INVITE", target).callId(caller.callId).fromTag(caller.fromTag)
                .toTag("callee").cseq(2).branch(branch).header("Route", route).text(up));
        SipRequest reInvite = (SipRequest) b.channel().awaitCount(FakeFlowChannel.isRequest("INVITE"), 2).get(1);
        node.receive(b, answer(reInvite, 180, "callee"));
        up.channel().awaitResponse(180, "INVITE");
        node.receive(up, new ContainerFixtures.Peer("CANCEL", target).callId(caller.callId).fromTag(caller.fromTag)
                .toTag("callee").cseq(2, "CANCEL").branch(branch).header("Route", route).text(up));
        up.channel().awaitResponse(200, "CANCEL");
        SipRequest cancel = b.channel().awaitRequest("CANCEL");
        assertEquals("2 CANCEL", cancel.headers().firstValue("CSeq").orElseThrow());
        assertEquals(reInvite.topVia().orElseThrow().branch(), cancel.topVia().orElseThrow().branch(),
                "RFC 3261 §9.1: the CANCEL matches the forwarded re-INVITE's transaction");
        assertTrue(up.channel().matching(FakeFlowChannel.isResponse(487, "INVITE")).isEmpty(), "the proxy does not answer 487 itself");
        node.receive(b, answer(reInvite, 487, "callee"));
        SipResponse terminated = up.channel().awaitResponse(487, "INVITE");
        assertEquals("2 INVITE", terminated.headers().firstValue("CSeq").orElseThrow());
        assertEquals(1, terminated.vias().size());
    }

    @Test
    void jsr289_10_2_1_getProxyOnSubsequentRequest_returnsTheDialogsProxy_requestStillProxiedByTheContainer() throws Exception {
        ContainerFixtures.Peer caller = ContainerFixtures.request("INVITE", "sip:bob@ferry.test");
        SipRequest toB = recordRoutedCall(caller);
        servlet.on("BYE", req -> {
            Proxy p = req.getProxy();
            rec.record("byeProxy", p);
            rec.record("rrParam", p.getRecordRouteURI().getParameter("app"));
            rec.record("noHelper", assertThrows(IllegalStateException.class, req::getB2buaHelper));
            rec.record("noRestart", assertThrows(IllegalStateException.class, () -> p.proxyTo(uri("sip:carol@198.51.100.7:4003"))));
        });
        servlet.onResponse("2xx", resp -> resp.setHeader("X-Seen", resp.getMethod()));
        List<String> rr = toB.headers().values("Record-Route");
        node.receive(up, new ContainerFixtures.Peer("BYE", "sip:bob@198.51.100.7:4000;transport=tcp")
                .callId(caller.callId).fromTag(caller.fromTag).toTag("callee").cseq(2).header("Route", rr.get(1) + ", " + rr.get(0)).text(up));
        SipRequest bye = b.channel().awaitRequest("BYE");
        assertEquals("2 BYE", bye.headers().firstValue("CSeq").orElseThrow());
        assertSame(rec.await("proxy"), rec.await("byeProxy"), "JSR 289 §10.2.1: the proxy of the dialog");
        assertEquals("x", rec.await("rrParam"));
        assertNotNull(rec.await("noHelper"));
        assertNotNull(rec.await("noRestart"));
        node.receive(b, answer(bye, 200, "callee"));
        SipResponse ok = up.channel().awaitResponse(200, "BYE");
        assertEquals("BYE", ok.headers().firstValue("X-Seen").orElseThrow(), "JSR 289 §10.2.4: the application's change goes upstream");
        assertTrue(up.channel().matching(FakeFlowChannel.isResponse(500, "BYE")).isEmpty());
    }
}
