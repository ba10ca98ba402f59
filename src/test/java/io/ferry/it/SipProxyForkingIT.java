package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.it.SipWire.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code proxy} test application (io.ferry.sipapps.proxy) forking, searching and cancelling
 * (JSR 289 §10, RFC 3261 §16), driven over UDP by a bare caller and bare callees written with
 * {@link SipWire}, so that every message is checked on the wire: the Via stack on each side, the
 * Max-Forwards decrement, Record-Route and the route set, the CANCELs and the hop-by-hop ACKs the
 * proxy sends downstream, and the one final response it sends upstream. The request chooses the
 * application's behaviour through {@code X-Ferry-Proxy}, {@code X-Ferry-Targets},
 * {@code X-Ferry-Proxy-Timeout}, {@code X-Ferry-Recurse} and {@code X-Ferry-Flow}. The parallel fork
 * also runs with sipp callees over UDP and TCP (fork-caller.xml, proxy-callee.xml,
 * fork-cancelled-callee.xml), each checking its own side of the wire. Two tests put a
 * bare WebSocket user agent (RFC 7118) on one side: a WS → UDP dialog with double Record-Route
 * (RFC 5658), and a WS callee whose flow closes while it rings (RFC 5626 §5.3).
 */
class SipProxyForkingIT {

    private static SipAppDeployment node;

    @BeforeAll
    static void deploy() {
        node = SampleNode.PROXY.deploy();
    }

    @AfterAll
    static void undeploy() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void rfc3261_16_7_parallelFork_oneAnswers200_otherCancelled487NotForwarded_dialogThroughProxy() throws Exception {
        try (Caller caller = new Caller(); Uas a = new Uas("a"); Uas b = new Uas("b")) {
            caller.invite(List.of("X-Ferry-Proxy: parallel", "X-Ferry-Targets: " + a.uri() + ", " + b.uri()));
            Message inviteA = a.awaitRequest("INVITE");
            Message inviteB = b.awaitRequest("INVITE");
            a.assertProxied(inviteA, caller);
            b.assertProxied(inviteB, caller);
            assertNotEquals(SipWire.param(inviteA.required("via"), "branch"), SipWire.param(inviteB.required("via"), "branch"),
                    "RFC 3261 §16.6 step 8: each branch has its own Via branch");
            a.respond(inviteA, 180, "Ringing");
            b.respond(inviteB, 180, "Ringing");
            caller.assertOneVia(caller.awaitStatus(180));
            a.respond(inviteA, 200, "OK");

            Message cancel = b.awaitRequest("CANCEL");
            b.assertCancels(cancel, inviteB);
            b.respond(cancel, 200, "OK");
            b.respond(inviteB, 487, "Request Terminated");
            b.assertAck(b.awaitRequest("ACK"), inviteB);

            Message ok = caller.awaitStatus(200);
            caller.assertOneVia(ok);
            caller.assertRecordRoute(ok);
            caller.ackAndBye(ok, a);
            caller.assertNoFinalFor(300, "RFC 3261 §16.7 step 5: the 487 of the cancelled branch is not forwarded");
        }
    }

    @ParameterizedTest(name = "callees over {0}")
    @ValueSource(strings = {"u1", "t1"})
    void rfc3261_16_7_parallelForkToTwoSippCallees_oneAnswers_otherCancelled(String calleeTransport) throws Exception {
        int answerPort = FreePorts.udpAndTcp();
        int cancelledPort = FreePorts.udpAndTcp();
        Sipp.Running answering = Sipp.listen("proxy-callee", calleeTransport, answerPort, List.of());
        Sipp.Running cancelled = Sipp.listen("fork-cancelled-callee", calleeTransport, cancelledPort, List.of());
        Sipp.awaitListening(calleeTransport, answerPort);
        Sipp.awaitListening(calleeTransport, cancelledPort);
        String suffix = calleeTransport.startsWith("t") ? ";transport=tcp" : "";
        String targets = "sip:a@127.0.0.1:" + answerPort + suffix + ", sip:b@127.0.0.1:" + cancelledPort + suffix;
        Sipp.Result caller = Sipp.run("fork-caller", "u1", node.sipPort(), List.of("-key", "targets", targets));
        Sipp.Result a = answering.await();
        Sipp.Result b = cancelled.await();
        assertEquals(0, caller.exitCode(), "caller:\n" + caller.output() + "\nanswering:\n" + a.output() + "\ncancelled:\n" + b.output());
        assertEquals(0, a.exitCode(), "answering callee:\n" + a.output());
        assertEquals(0, b.exitCode(), "cancelled callee:\n" + b.output());
    }

    @Test
    void rfc3261_16_7_486FromBothBranches_one486Upstream_eachBranchAckedByProxy() throws Exception {
        try (Caller caller = new Caller(); Uas a = new Uas("a"); Uas b = new Uas("b")) {
            caller.invite(List.of("X-Ferry-Proxy: parallel", "X-Ferry-Targets: " + a.uri() + " " + b.uri()));
            Message inviteA = a.awaitRequest("INVITE");
            Message inviteB = b.awaitRequest("INVITE");
            a.assertProxied(inviteA, caller);
            b.assertProxied(inviteB, caller);
            a.respond(inviteA, 486, "Busy Here");
            a.assertAck(a.awaitRequest("ACK"), inviteA);
            b.respond(inviteB, 486, "Busy Here");
            b.assertAck(b.awaitRequest("ACK"), inviteB);

            Message busy = caller.awaitFinal();
            assertEquals(486, busy.status(), busy.toString());
            caller.assertOneVia(busy);
            caller.ackNon2xx(busy);
            caller.assertNoFinalFor(300, "RFC 3261 §16.7 step 6: one final response only");
        }
    }

    @Test
    void jsr289_10_2_1_sequentialSearch_firstBranchRingsPastProxyTimeout_cancelled_secondAnswers() throws Exception {
        try (Caller caller = new Caller(); Uas a = new Uas("a"); Uas b = new Uas("b")) {
            caller.invite(List.of("X-Ferry-Proxy: sequential", "X-Ferry-Proxy-Timeout: 2",
                    "X-Ferry-Targets: " + a.uri() + ", " + b.uri()));
            Message inviteA = a.awaitRequest("INVITE");
            a.assertProxied(inviteA, caller);
            a.respond(inviteA, 180, "Ringing");
            caller.assertOneVia(caller.awaitStatus(180));
            assertTrue(b.udp.silentFor(1000), "sequential: the second branch waits for the first");

            Message cancel = a.awaitRequest("CANCEL");
            a.assertCancels(cancel, inviteA);
            a.respond(cancel, 200, "OK");
            a.respond(inviteA, 487, "Request Terminated");
            a.assertAck(a.awaitRequest("ACK"), inviteA);

            Message inviteB = b.awaitRequest("INVITE");
            b.assertProxied(inviteB, caller);
            b.respond(inviteB, 200, "OK");
            Message ok = caller.awaitStatus(200);
            caller.assertOneVia(ok);
            caller.assertRecordRoute(ok);
            caller.ackAndBye(ok, b);
        }
    }

    @Test
    void rfc3261_16_7_step4_302Recursed_contactTried_2xxUpstream_3xxNotForwarded() throws Exception {
        try (Caller caller = new Caller(); Uas a = new Uas("a"); Uas b = new Uas("b")) {
            caller.invite(List.of("X-Ferry-Proxy: parallel", "X-Ferry-Recurse: true", "X-Ferry-Targets: " + a.uri()));
            Message inviteA = a.awaitRequest("INVITE");
            a.assertProxied(inviteA, caller);
            a.respond(inviteA, 302, "Moved Temporarily", List.of("Contact: <" + b.uri() + ">"));
            a.assertAck(a.awaitRequest("ACK"), inviteA);

            Message inviteB = b.awaitRequest("INVITE");
            b.assertProxied(inviteB, caller);
            assertTrue(inviteB.startLine().startsWith("INVITE " + b.uri() + " "), "the Contact of the 302 is the new target: " + inviteB);
            b.respond(inviteB, 200, "OK");
            Message ok = caller.awaitFinal();
            assertEquals(200, ok.status(), "the 302 is not forwarded: " + ok);
            caller.assertOneVia(ok);
            caller.ackAndBye(ok, b);
        }
    }

    @Test
    void rfc3261_16_7_step7_407FromTwoBranches_one407UpstreamWithBothChallenges() throws Exception {
        try (Caller caller = new Caller(); Uas a = new Uas("a"); Uas b = new Uas("b")) {
            caller.invite(List.of("X-Ferry-Proxy: parallel", "X-Ferry-Targets: " + a.uri() + ", " + b.uri()));
            Message inviteA = a.awaitRequest("INVITE");
            Message inviteB = b.awaitRequest("INVITE");
            a.respond(inviteA, 407, "Proxy Authentication Required",
                    List.of("Proxy-Authenticate: Digest realm=\"realm-a\", nonce=\"na\", algorithm=MD5, qop=\"auth\""));
            a.assertAck(a.awaitRequest("ACK"), inviteA);
            b.respond(inviteB, 407, "Proxy Authentication Required",
                    List.of("Proxy-Authenticate: Digest realm=\"realm-b\", nonce=\"nb\", algorithm=MD5, qop=\"auth\""));
            b.assertAck(b.awaitRequest("ACK"), inviteB);

            Message challenge = caller.awaitFinal();
            assertEquals(407, challenge.status(), challenge.toString());
            caller.assertOneVia(challenge);
            String all = String.join("\n", challenge.all("proxy-authenticate"));
            assertTrue(all.contains("realm=\"realm-a\"") && all.contains("realm=\"realm-b\""),
                    "RFC 3261 §16.7 step 7: both challenges collected:\n" + challenge);
            caller.ackNon2xx(challenge);
            caller.assertNoFinalFor(300, "one final response only");
        }
    }

    @Test
    void rfc3261_16_10_callerCancelsWhileRinging_cancelDownstream_487Upstream() throws Exception {
        try (Caller caller = new Caller(); Uas a = new Uas("a")) {
            caller.invite(List.of("X-Ferry-Proxy: parallel", "X-Ferry-Targets: " + a.uri()));
            Message inviteA = a.awaitRequest("INVITE");
            a.assertProxied(inviteA, caller);
            a.respond(inviteA, 180, "Ringing");
            caller.assertOneVia(caller.awaitStatus(180));

            caller.cancel();
            Message cancelOk = caller.awaitResponse("CANCEL", 200);
            caller.assertOneVia(cancelOk);
            Message cancel = a.awaitRequest("CANCEL");
            a.assertCancels(cancel, inviteA);
            a.respond(cancel, 200, "OK");
            a.respond(inviteA, 487, "Request Terminated");
            a.assertAck(a.awaitRequest("ACK"), inviteA);

            Message terminated = caller.awaitResponse("INVITE", 487);
            caller.assertOneVia(terminated);
            caller.ackNon2xx(terminated);
        }
    }

    @Test
    void rfc3261_16_10_cancelCrossing200_200Wins_callerAcksAndByes() throws Exception {
        try (Caller caller = new Caller(); Uas a = new Uas("a")) {
            caller.invite(List.of("X-Ferry-Proxy: parallel", "X-Ferry-Targets: " + a.uri()));
            Message inviteA = a.awaitRequest("INVITE");
            a.respond(inviteA, 180, "Ringing");
            caller.awaitStatus(180);
            a.respond(inviteA, 200, "OK");
            caller.cancel(); // crosses the 200 on its way up
            Message ok = caller.awaitResponse("INVITE", 200);
            caller.assertOneVia(ok);
            caller.assertRecordRoute(ok);
            Message cancelResponse = caller.awaitResponse("CANCEL", -1);
            assertTrue(cancelResponse.status() == 200 || cancelResponse.status() == 481,
                    "RFC 3261 §16.10: the CANCEL is answered (200, or 481 once the transaction is over): " + cancelResponse);
            caller.ackAndBye(ok, a);
        }
    }

    @Test
    void rfc5658_wsCallerToUdpCallee_doubleRecordRoute_byeFromCalleeReachesWebSocket_thenByeFromCaller() throws Exception {
        try (WsCaller caller = new WsCaller(); Uas callee = new Uas("callee")) {
            for (boolean calleeHangsUp : List.of(true, false)) {
                String callId = "ws-udp-" + SipWire.token() + "@it";
                String fromTag = SipWire.token();
                String branch = SipWire.branch();
                String from = "<sip:alice@example.com>;tag=" + fromTag;
                String to = "<" + callee.uri() + ">";
                caller.send(SipWire.request("INVITE", callee.uri(), List.of("Via: SIP/2.0/WS " + caller.host + ";branch=" + branch + ";rport",
                        "Max-Forwards: 70", "From: " + from, "To: " + to, "Call-ID: " + callId, "CSeq: 1 INVITE",
                        "Contact: " + caller.contact()), ""));

                Message invite = callee.awaitRequest("INVITE");
                assertEquals("69", invite.required("max-forwards").strip(), invite.toString());
                List<String> vias = invite.all("via");
                assertEquals(2, vias.size(), invite.toString());
                assertTrue(vias.get(0).startsWith("SIP/2.0/UDP "), "the proxy's Via names the outgoing transport:\n" + invite);
                assertTrue(vias.get(1).startsWith("SIP/2.0/WS " + caller.host), "the caller's Via below:\n" + invite);
                List<String> rr = invite.all("record-route");
                assertEquals(2, rr.size(), "RFC 5658 §3.1: two Record-Route entries, WS in and UDP out:\n" + invite);
                assertTrue(!rr.get(0).toLowerCase().contains("transport=ws") && rr.get(0).contains(";lr") && rr.get(0).contains("app=proxy"),
                        "the top (callee-side) entry is the UDP one:\n" + invite);
                assertTrue(rr.get(1).toLowerCase().contains("transport=ws") && rr.get(1).contains(";lr") && rr.get(1).contains("app=proxy"),
                        "the bottom (caller-side) entry is transport=ws:\n" + invite);

                callee.respond(invite, 180, "Ringing");
                callee.respond(invite, 200, "OK");
                Message ok = caller.awaitResponse("INVITE", 200);
                assertEquals(1, ok.all("via").size(), ok.toString());
                assertEquals(branch, SipWire.param(ok.required("via"), "branch").orElse(""), ok.toString());
                assertEquals(rr, ok.all("record-route"), "the Record-Route comes back unchanged:\n" + ok);

                // RFC 3261 §12.1.2: the caller's route set is the Record-Route reversed, the WS entry first
                List<String> callerRoute = List.of("Route: " + rr.get(1), "Route: " + rr.get(0));
                String calleeTo = ok.required("to");
                caller.send(SipWire.request("ACK", callee.uri(), concat(List.of("Via: SIP/2.0/WS " + caller.host + ";branch=" + SipWire.branch(),
                        "Max-Forwards: 70", "From: " + from, "To: " + calleeTo, "Call-ID: " + callId, "CSeq: 1 ACK"), callerRoute), ""));
                Message ack = callee.awaitRequest("ACK");
                assertTrue(ack.all("route").isEmpty(), "both Route entries popped (RFC 5658 §3.3):\n" + ack);
                assertEquals(2, ack.all("via").size(), ack.toString());

                if (calleeHangsUp) {
                    // the callee's route set is the Record-Route in order, the UDP entry first
                    String byeBranch = SipWire.branch();
                    callee.udp.send(SipWire.request("BYE", caller.contactUri(), concat(List.of(
                            "Via: SIP/2.0/UDP " + callee.udp.sentBy() + ";branch=" + byeBranch + ";rport", "Max-Forwards: 70",
                            "From: " + calleeTo, "To: " + from, "Call-ID: " + callId, "CSeq: 1 BYE"),
                            rr.stream().map(r -> "Route: " + r).toList()), ""), node.sipPort());
                    Message bye = caller.awaitRequest("BYE");
                    assertTrue(bye.startLine().startsWith("BYE " + caller.contactUri() + " "), bye.toString());
                    assertTrue(bye.all("route").isEmpty(), "both Route entries popped:\n" + bye);
                    List<String> byeVias = bye.all("via");
                    assertEquals(2, byeVias.size(), bye.toString());
                    assertTrue(byeVias.get(0).toUpperCase().startsWith("SIP/2.0/WS"), "the proxy's Via names the WebSocket:\n" + bye);
                    assertTrue(byeVias.get(1).contains(callee.udp.sentBy()), bye.toString());
                    assertEquals("69", bye.required("max-forwards").strip(), bye.toString());
                    caller.respond(bye, 200, "OK");
                    Message byeOk = callee.awaitResponse("BYE");
                    assertEquals(200, byeOk.status(), byeOk.toString());
                    assertEquals(1, byeOk.all("via").size(), byeOk.toString());
                    assertEquals(byeBranch, SipWire.param(byeOk.required("via"), "branch").orElse(""), byeOk.toString());
                } else {
                    String byeBranch = SipWire.branch();
                    caller.send(SipWire.request("BYE", callee.uri(), concat(List.of("Via: SIP/2.0/WS " + caller.host + ";branch=" + byeBranch,
                            "Max-Forwards: 70", "From: " + from, "To: " + calleeTo, "Call-ID: " + callId, "CSeq: 2 BYE"), callerRoute), ""));
                    Message bye = callee.awaitRequest("BYE");
                    assertTrue(bye.all("route").isEmpty(), bye.toString());
                    assertEquals(2, bye.all("via").size(), bye.toString());
                    assertEquals("69", bye.required("max-forwards").strip(), bye.toString());
                    callee.respond(bye, 200, "OK");
                    Message byeOk = caller.awaitResponse("BYE", 200);
                    assertEquals(1, byeOk.all("via").size(), byeOk.toString());
                    assertEquals(byeBranch, SipWire.param(byeOk.required("via"), "branch").orElse(""), byeOk.toString());
                }
            }
        }
    }

    @Test
    void rfc5626_5_3_wsCalleeFlowClosesWhileRinging_callerGetsFinalErrorAtOnce() throws Exception {
        try (Caller caller = new Caller(); WsCaller callee = new WsCaller()) {
            String flowId = callee.flowId();

            caller.invite(List.of("X-Ferry-Proxy: parallel", "X-Ferry-Targets: " + callee.contactUri(), "X-Ferry-Flow: " + flowId));
            Message invite = callee.awaitRequest("INVITE");
            assertEquals("69", invite.required("max-forwards").strip(), invite.toString());
            List<String> vias = invite.all("via");
            assertEquals(2, vias.size(), invite.toString());
            assertTrue(vias.get(0).toUpperCase().startsWith("SIP/2.0/WS"), "the proxy's Via names the WebSocket:\n" + invite);
            List<String> rr = invite.all("record-route");
            assertEquals(2, rr.size(), "RFC 5658: UDP in, WS out:\n" + invite);
            assertTrue(rr.get(0).toLowerCase().contains("transport=ws") && !rr.get(1).toLowerCase().contains("transport=ws"), invite.toString());
            callee.respond(invite, 180, "Ringing");
            caller.assertOneVia(caller.awaitStatus(180));

            long closed = System.nanoTime();
            callee.close(); // the flow goes away while the branch rings
            Message fail = caller.awaitFinal();
            long millis = (System.nanoTime() - closed) / 1_000_000;
            assertEquals(430, fail.status(),
                    "RFC 5626 §5.3: the branch's transaction fails with 430 Flow Failed, the only (so best) response:\n" + fail);
            assertTrue(millis < 5_000, "the branch fails when its flow closes, not at a timer: " + millis + " ms");
            caller.assertOneVia(fail);
            caller.ackNon2xx(fail);
        }
    }

    @Test
    void rfc5626_5_3_wsBranchFlowClosesWhileRinging_proxyGoesOnWithUdpBranch_200Upstream() throws Exception {
        try (Caller caller = new Caller(); WsCaller wsCallee = new WsCaller(); Uas udpCallee = new Uas("udp")) {
            String flowId = wsCallee.flowId();
            caller.invite(List.of("X-Ferry-Proxy: parallel", "X-Ferry-Targets: " + wsCallee.contactUri() + ", " + udpCallee.uri(),
                    "X-Ferry-Flow: " + flowId));
            Message wsInvite = wsCallee.awaitRequest("INVITE");
            Message udpInvite = udpCallee.awaitRequest("INVITE");
            udpCallee.assertProxied(udpInvite, caller);
            wsCallee.respond(wsInvite, 180, "Ringing");
            udpCallee.respond(udpInvite, 180, "Ringing");
            caller.awaitStatus(180);

            wsCallee.close(); // its branch fails with 430; the UDP branch still rings
            caller.assertNoFinalFor(1000, "RFC 3261 §16.7 step 6: no final response while a branch is pending");
            udpCallee.respond(udpInvite, 200, "OK");
            Message ok = caller.awaitFinal();
            assertEquals(200, ok.status(), ok.toString());
            caller.assertOneVia(ok);
            caller.assertRecordRoute(ok);
            caller.ackAndBye(ok, udpCallee);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A bare SIP-over-WebSocket user agent (RFC 7118): an invented .invalid host, one text frame per message. */
    static final class WsCaller implements AutoCloseable {
        final String host = SipWire.token() + ".invalid";
        final String toTag = SipWire.token();
        final RawWebSocket ws;
        final List<Message> skipped = new ArrayList<>();

        WsCaller() throws IOException {
            ws = RawWebSocket.connect(Integer.parseInt(FerryServerFixtures.property("ferry.it.httpPort")), "/" + node.app() + "/sip",
                    java.util.Map.of("X-Forwarded-For", "203.0.113." + java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 250)));
            assertEquals(101, ws.status, ws.body);
        }

        String contactUri() {
            return "sip:alice@" + host + ";transport=ws";
        }

        String contact() {
            return "<" + contactUri() + ">";
        }

        void send(String message) throws IOException {
            ws.sendText(message);
        }

        /** The id of this WebSocket's flow, as the proxy application answers it to a MESSAGE. */
        String flowId() throws IOException {
            send(SipWire.request("MESSAGE", "sip:proxy@127.0.0.1", List.of("Via: SIP/2.0/WS " + host + ";branch=" + SipWire.branch(),
                    "Max-Forwards: 70", "From: " + contact() + ";tag=" + SipWire.token(), "To: <sip:proxy@127.0.0.1>",
                    "Call-ID: flow-" + SipWire.token() + "@it", "CSeq: 1 MESSAGE"), ""));
            return awaitResponse("MESSAGE", 200).required("x-ferry-flow");
        }

        Message receive() throws IOException {
            while (true) {
                RawWebSocket.Frame f = ws.readSkippingPings();
                if (f.opcode() == 0x1) return SipWire.parse(f.text());
                if (f.opcode() == 0x8) throw new AssertionError("the WebSocket closed: " + f.closeCode());
            }
        }

        Message awaitResponse(String method, int status) throws IOException {
            while (true) {
                Message m = receive();
                if (m.status() == status && m.header("cseq").orElse("").endsWith(" " + method)) return m;
                if (m.status() < 0) skipped.add(m);
            }
        }

        Message awaitRequest(String method) throws IOException {
            for (Message m : skipped) {
                if (m.startLine().startsWith(method + " ")) {
                    skipped.remove(m);
                    return m;
                }
            }
            while (true) {
                Message m = receive();
                if (m.startLine().startsWith(method + " ")) return m;
            }
        }

        void respond(Message request, int status, String reason) throws IOException {
            StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
            request.all("via").forEach(v -> b.append("Via: ").append(v).append("\r\n"));
            b.append("From: ").append(request.required("from")).append("\r\n")
                    .append("To: ").append(request.required("to"))
                    .append(SipWire.param(request.required("to"), "tag").isPresent() ? "" : ";tag=" + toTag).append("\r\n")
                    .append("Call-ID: ").append(request.required("call-id")).append("\r\n")
                    .append("CSeq: ").append(request.required("cseq")).append("\r\n");
            request.all("record-route").forEach(r -> b.append("Record-Route: ").append(r).append("\r\n"));
            if (request.startLine().startsWith("INVITE ")) b.append("Contact: ").append(contact()).append("\r\n");
            b.append("Content-Length: 0\r\n\r\n");
            send(b.toString());
        }

        @Override
        public void close() throws IOException {
            ws.close();
        }
    }

    /** A bare UAC on a UDP socket, sending one INVITE to the proxy and following its dialog. */
    static final class Caller implements AutoCloseable {
        final SipWire.Udp udp = new SipWire.Udp();
        final String callId = "fork-" + SipWire.token() + "@it";
        final String fromTag = SipWire.token();
        final String branch = SipWire.branch();
        final String to = "<sip:callee@example.invalid>";
        final List<Message> skipped = new ArrayList<>();

        Caller() throws IOException {
        }

        String via() {
            return "SIP/2.0/UDP " + udp.sentBy() + ";branch=" + branch + ";rport";
        }

        void invite(List<String> extra) throws IOException {
            List<String> headers = new ArrayList<>(SipWire.headers("UDP", udp.sentBy(), branch, "<sip:caller@127.0.0.1>", fromTag,
                    to, callId, 1, "INVITE"));
            headers.add("Contact: <sip:caller@" + udp.sentBy() + ">");
            headers.addAll(extra);
            udp.send(SipWire.request("INVITE", "sip:callee@example.invalid", headers, ""), node.sipPort());
        }

        void cancel() throws IOException {
            List<String> headers = SipWire.headers("UDP", udp.sentBy(), branch, "<sip:caller@127.0.0.1>", fromTag, to, callId, 1, "CANCEL");
            udp.send(SipWire.request("CANCEL", "sip:callee@example.invalid", headers, ""), node.sipPort());
        }

        /** The next response to {@code method} with {@code status} (-1: any final), skipping others. */
        Message awaitResponse(String method, int status) throws IOException {
            for (int i = skipped.size() - 1; i >= 0; i--) {
                Message m = skipped.get(i);
                if (matches(m, method, status)) {
                    skipped.remove(i);
                    return m;
                }
            }
            while (true) {
                Message m = udp.receive();
                if (matches(m, method, status)) return m;
                if (m.status() >= 200) skipped.add(m);
            }
        }

        private static boolean matches(Message m, String method, int status) {
            boolean methodOk = m.status() > 0 && m.header("cseq").orElse("").endsWith(" " + method);
            return methodOk && (status == -1 ? m.status() >= 200 : m.status() == status);
        }

        /** Provisional responses may come within {@code millis}; a final one fails the test. */
        void assertNoFinalFor(int millis, String why) throws IOException {
            long end = System.nanoTime() + millis * 1_000_000L;
            int before = udp.socket.getSoTimeout();
            try {
                for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                    udp.socket.setSoTimeout((int) Math.max(1, left));
                    Message m = udp.receive();
                    if (m.status() >= 200) throw new AssertionError(why + ":\n" + m);
                }
            } catch (java.net.SocketTimeoutException e) {
                // nothing more came
            } finally {
                udp.socket.setSoTimeout(before);
            }
        }

        Message awaitStatus(int status) throws IOException {
            return awaitResponse("INVITE", status);
        }

        Message awaitFinal() throws IOException {
            return awaitResponse("INVITE", -1);
        }

        /** RFC 3261 §16.7 step 3: the proxy removed its Via, so ours is the only one, unchanged but for received/rport. */
        void assertOneVia(Message response) {
            List<String> vias = response.all("via");
            assertEquals(1, vias.size(), "one Via upstream:\n" + response);
            assertEquals(branch, SipWire.param(vias.get(0), "branch").orElse(""), response.toString());
            assertEquals(callId, response.required("call-id"));
        }

        /** RFC 3261 §16.6 step 4: the proxy's Record-Route, loose routing, with the application's parameter (JSR 289 §10.2.3). */
        void assertRecordRoute(Message response) {
            List<String> rr = response.all("record-route");
            assertEquals(1, rr.size(), "one Record-Route (UDP in, UDP out):\n" + response);
            assertTrue(rr.get(0).contains(";lr") && rr.get(0).contains("app=proxy"), response.toString());
        }

        /** ACK of a non-2xx final response: hop-by-hop, same branch as the INVITE (RFC 3261 §17.1.1.3). */
        void ackNon2xx(Message response) throws IOException {
            List<String> headers = List.of("Via: " + via(), "Max-Forwards: 70", "From: <sip:caller@127.0.0.1>;tag=" + fromTag,
                    "To: " + response.required("to"), "Call-ID: " + callId, "CSeq: 1 ACK");
            udp.send(SipWire.request("ACK", "sip:callee@example.invalid", headers, ""), node.sipPort());
        }

        /**
         * ACK of the 200 and a BYE, sent by the route set (RFC 3261 §12.2.1.1): to the proxy's
         * Record-Route, with the callee's Contact as Request-URI; the callee checks both and
         * answers the BYE, whose 200 comes back with one Via.
         */
        void ackAndBye(Message ok, Uas callee) throws IOException {
            String target = ok.required("contact").replaceAll("^.*<([^>]*)>.*$", "$1");
            List<String> route = ok.all("record-route").stream().map(r -> "Route: " + r).toList();
            for (String method : List.of("ACK", "BYE")) {
                String b = SipWire.branch();
                List<String> headers = new ArrayList<>(List.of("Via: SIP/2.0/UDP " + udp.sentBy() + ";branch=" + b + ";rport",
                        "Max-Forwards: 70", "From: <sip:caller@127.0.0.1>;tag=" + fromTag, "To: " + ok.required("to"),
                        "Call-ID: " + callId, "CSeq: " + (method.equals("ACK") ? "1 ACK" : "2 BYE")));
                headers.addAll(route);
                udp.send(SipWire.request(method, target, headers, ""), node.sipPort());
                Message in = callee.awaitRequest(method);
                assertTrue(in.startLine().startsWith(method + " " + target + " "), "the Request-URI is the remote target: " + in);
                assertTrue(in.all("route").isEmpty(), "RFC 3261 §16.4: the proxy popped its Route:\n" + in);
                List<String> vias = in.all("via");
                assertEquals(2, vias.size(), "the proxy's Via on top of ours:\n" + in);
                assertTrue(vias.get(1).contains(udp.sentBy()), in.toString());
                assertEquals("69", in.required("max-forwards").strip(), "RFC 3261 §16.6 step 3:\n" + in);
                if (method.equals("BYE")) {
                    callee.respond(in, 200, "OK");
                    Message byeOk = awaitResponse("BYE", 200);
                    assertEquals(1, byeOk.all("via").size(), byeOk.toString());
                    assertEquals(b, SipWire.param(byeOk.required("via"), "branch").orElse(""), byeOk.toString());
                }
            }
        }

        @Override
        public void close() {
            udp.close();
        }
    }

    /** A bare UAS on a UDP socket: answers what the proxy sends it, copying the Via stack and the Record-Route. */
    static final class Uas implements AutoCloseable {
        final SipWire.Udp udp = new SipWire.Udp();
        final String user;
        final String toTag = SipWire.token();

        Uas(String user) throws IOException {
            this.user = user;
        }

        String uri() {
            return "sip:" + user + "@" + udp.sentBy();
        }

        /** The next request with {@code method}; anything else (retransmissions, stray ACKs) is skipped. */
        Message awaitRequest(String method) throws IOException {
            while (true) {
                Message m = udp.receive();
                if (m.startLine().startsWith(method + " ")) return m;
            }
        }

        /** The next final response to {@code method}, skipping requests and provisional responses. */
        Message awaitResponse(String method) throws IOException {
            while (true) {
                Message m = udp.receive();
                if (m.status() >= 200 && m.header("cseq").orElse("").endsWith(" " + method)) return m;
            }
        }

        void respond(Message request, int status, String reason) throws IOException {
            respond(request, status, reason, List.of());
        }

        void respond(Message request, int status, String reason, List<String> extra) throws IOException {
            StringBuilder b = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
            request.all("via").forEach(v -> b.append("Via: ").append(v).append("\r\n"));
            if (status > 100 && status < 300) {
                request.all("record-route").forEach(r -> b.append("Record-Route: ").append(r).append("\r\n"));
            }
            String to = request.required("to");
            b.append("From: ").append(request.required("from")).append("\r\n")
                    .append("To: ").append(to).append(SipWire.param(to, "tag").isPresent() ? "" : ";tag=" + toTag).append("\r\n")
                    .append("Call-ID: ").append(request.required("call-id")).append("\r\n")
                    .append("CSeq: ").append(request.required("cseq")).append("\r\n");
            if (request.startLine().startsWith("INVITE ") && status < 300) {
                b.append("Contact: <").append(uri()).append(">\r\n");
            }
            extra.forEach(h -> b.append(h).append("\r\n"));
            b.append("Content-Length: 0\r\n\r\n");
            udp.send(b.toString(), node.sipPort());
        }

        /**
         * RFC 3261 §16.6: the INVITE the proxy forwarded: Max-Forwards 69 (step 3), its own Via with
         * an RFC 3261 branch on top of the caller's (step 8), its Record-Route (step 4).
         */
        void assertProxied(Message invite, Caller caller) {
            assertEquals("69", invite.required("max-forwards").strip(), invite.toString());
            List<String> vias = invite.all("via");
            assertEquals(2, vias.size(), invite.toString());
            assertTrue(SipWire.param(vias.get(0), "branch").orElse("").startsWith("z9hG4bK"), invite.toString());
            assertEquals(caller.via(), vias.get(1).replaceAll(";rport=\\d+", ";rport").replaceAll(";received=[^;]*", ""),
                    "the caller's Via below the proxy's:\n" + invite);
            List<String> rr = invite.all("record-route");
            assertEquals(1, rr.size(), invite.toString());
            assertTrue(rr.get(0).contains(";lr") && rr.get(0).contains("app=proxy"), invite.toString());
            assertEquals(caller.callId, invite.required("call-id"));
        }

        /** RFC 3261 §9.1: the CANCEL names the INVITE's transaction: same Request-URI, top Via, Call-ID, CSeq number. */
        void assertCancels(Message cancel, Message invite) {
            assertEquals(invite.startLine().replaceFirst("^INVITE", "CANCEL"), cancel.startLine());
            List<String> vias = cancel.all("via");
            assertEquals(1, vias.size(), "RFC 3261 §9.1: only the top Via of the INVITE:\n" + cancel);
            assertEquals(invite.all("via").get(0), vias.get(0), cancel.toString());
            assertEquals(invite.required("call-id"), cancel.required("call-id"));
            assertEquals(invite.required("cseq").replace("INVITE", "CANCEL"), cancel.required("cseq"));
        }

        /** RFC 3261 §17.1.1.3: the proxy's ACK of a non-2xx response: the INVITE's branch, CSeq number. */
        void assertAck(Message ack, Message invite) {
            List<String> vias = ack.all("via");
            assertEquals(1, vias.size(), "the proxy's own ACK has its Via only:\n" + ack);
            assertEquals(invite.all("via").get(0), vias.get(0), ack.toString());
            assertEquals(invite.required("cseq").replace("INVITE", "ACK"), ack.required("cseq"));
            assertTrue(SipWire.param(ack.required("to"), "tag").isPresent(), ack.toString());
        }

        @Override
        public void close() {
            udp.close();
        }
    }
}
