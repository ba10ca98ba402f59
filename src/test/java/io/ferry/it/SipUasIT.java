package io.ferry.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code uas} sample application (io.ferry.sipapps.uas) on its own node: INVITE dialogs,
 * MESSAGE and OPTIONS over UDP and TCP (sipp) and over WS (the Node client), checked on the wire
 * by the scenarios and in the application's view through its event log (transport, remote
 * address, session state, tags).
 */
class SipUasIT {

    private static SipAppDeployment node;

    @BeforeAll
    static void deploy() {
        node = SampleNode.UAS.deploy();
    }

    @AfterAll
    static void undeploy() {
        if (node != null) {
            node.close();
        }
    }

    private static String id(String what) {
        return what + "-" + SipWire.token();
    }

    /** The value of {@code key} in an event line. */
    static String value(String line, String key) {
        return optionalValue(line, key).orElseThrow(() -> new AssertionError("no " + key + " in " + line));
    }

    static Optional<String> optionalValue(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return Optional.of(part.substring(key.length() + 1));
            }
        }
        return Optional.empty();
    }

    /** The one event matching {@code parts}, once it is there. */
    static String awaitOne(SipAppDeployment node, String... parts) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !node.events(parts).isEmpty());
        try {
            List<String> found = node.events(parts);
            assertEquals(1, found.size(), "one event " + String.join(" ", parts) + ": " + found);
            return found.get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"u1, UDP", "t1, TCP"})
    void rfc3261_13_inviteDialogOverSipp_rings_answersWithSdp_takesAckAndBye(String sippTransport, String transport) throws Exception {
        String test = id("invite-" + sippTransport);
        Sipp.Result r = Sipp.run("invite-dialog", sippTransport, node.sipPort(), List.of("-key", "test_id", test));
        assertEquals(0, r.exitCode(), r.output());

        String invite = awaitOne(node, "app=uas", "event=request", "method=INVITE", "test=" + test);
        String callId = value(invite, "call-id");
        assertTrue(invite.contains(" initial=true transport=" + transport + " remote=127.0.0.1 "), invite);
        assertTrue(invite.contains(" to-tag=- state=INITIAL "), "JSR 289 §6.2.1: a new UAS session is INITIAL: " + invite);
        assertTrue(invite.contains(" flow-transport=" + transport + " "), "io.ferry.flow names the same transport: " + invite);
        assertTrue(invite.contains(" cseq=1_INVITE "), invite);

        // JSR 289 §6.2.1: 1xx with a tag -> EARLY, 2xx -> CONFIRMED; BYE answered -> TERMINATED
        String ringing = awaitOne(node, "app=uas", "event=sent-180", "call-id=" + callId);
        assertTrue(ringing.contains("state=EARLY"), ringing);
        String answered = awaitOne(node, "app=uas", "event=sent-200", "call-id=" + callId);
        assertTrue(answered.contains("state=CONFIRMED"), answered);
        String localTag = value(answered, "to-tag");
        assertNotEquals("null", localTag);
        assertTrue(value(answered, "contact").contains("sip:"), "a Contact for the dialog's remote target: " + answered);

        String ack = awaitOne(node, "app=uas", "event=request", "method=ACK", "call-id=" + callId);
        assertTrue(ack.contains(" initial=false ") && ack.contains(" to-tag=" + localTag + " ") && ack.contains(" state=CONFIRMED "), ack);
        assertTrue(ack.contains(" cseq=1_ACK "), "RFC 3261 §13.2.2.4: the ACK has the INVITE's CSeq number: " + ack);
        String bye = awaitOne(node, "app=uas", "event=request", "method=BYE", "call-id=" + callId);
        assertTrue(bye.contains(" initial=false ") && bye.contains(" to-tag=" + localTag + " ") && bye.contains(" cseq=2_BYE "), bye);
        String byeAnswered = awaitOne(node, "app=uas", "event=sent-bye-200", "call-id=" + callId);
        assertTrue(byeAnswered.contains("state=TERMINATED"), byeAnswered);

        List<String> order = node.events("app=uas", "call-id=" + callId).stream()
                .map(l -> value(l, "event") + optionalValue(l, "method").map(m -> ":" + m).orElse("")).toList();
        assertEquals(List.of("request:INVITE", "sent-180", "sent-200", "request:ACK", "request:BYE", "sent-bye-200"), order);
    }

    @Test
    void rfc3428_messageOverUdp_isAnswered200_andSeenAsUdpFrom127001() throws Exception {
        String test = id("message-u1");
        Sipp.Result r = Sipp.run("message", "u1", node.sipPort(), List.of("-key", "test_id", test));
        assertEquals(0, r.exitCode(), r.output());
        String message = awaitOne(node, "app=uas", "event=request", "method=MESSAGE", "test=" + test);
        assertTrue(message.contains(" initial=true transport=UDP remote=127.0.0.1 "), message);
        assertTrue(message.contains(" state=INITIAL "), "JSR 289 §6.2.1: MESSAGE creates no dialog: " + message);
        String body = awaitOne(node, "app=uas", "event=message-body", "call-id=" + value(message, "call-id"));
        assertTrue(body.contains("content-type=text/plain"), body);
    }

    @Test
    void rfc3261_11_optionsOverTcp_isAnswered200_andSeenAsTcp() throws Exception {
        String test = id("options-t1");
        Sipp.Result r = Sipp.run("options-checked", "t1", node.sipPort(), List.of("-key", "test_id", test));
        assertEquals(0, r.exitCode(), r.output());
        String options = awaitOne(node, "app=uas", "event=request", "method=OPTIONS", "test=" + test);
        assertTrue(options.contains(" transport=TCP remote=127.0.0.1 "), options);
    }

    @Test
    void rfc7118_inviteDialogOverWebSocket_isSeenAsWs_fromTheForwardedClientAddress() throws Exception {
        String test = id("invite-ws");
        NodeSipClient.Result r = NodeSipClient.run(node.wsUrl(), "invite",
                List.of("--test-id", test, "--ruri", "sip:uas@ferry.example", "--forwarded-for", "198.51.100.77"));
        assertEquals(0, r.exitCode(), r.output());
        String invite = awaitOne(node, "app=uas", "event=request", "method=INVITE", "test=" + test);
        assertTrue(invite.contains(" transport=WS remote=198.51.100.77 "), "getTransport() is WS and getRemoteAddr() the client: " + invite);
        assertTrue(invite.contains(" flow-transport=WS "), invite);
        assertTrue(value(invite, "contact").contains(".invalid;transport=ws>"), "RFC 7118 §5 Contact reaches the app as sent: " + invite);
        String callId = value(invite, "call-id");
        awaitOne(node, "app=uas", "event=request", "method=ACK", "call-id=" + callId, "transport=WS");
        awaitOne(node, "app=uas", "event=request", "method=BYE", "call-id=" + callId, "transport=WS");
        assertTrue(awaitOne(node, "app=uas", "event=sent-bye-200", "call-id=" + callId).contains("state=TERMINATED"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"message, MESSAGE", "options, OPTIONS"})
    void rfc7118_nonInviteOverWebSocket_isAnswered200WithOurViaBranch(String scenario, String method) throws Exception {
        String test = id(scenario + "-ws");
        NodeSipClient.Result r = NodeSipClient.run(node.wsUrl(), scenario, List.of("--test-id", test, "--ruri", "sip:uas@ferry.example"));
        assertEquals(0, r.exitCode(), r.output());
        String seen = awaitOne(node, "app=uas", "event=request", "method=" + method, "test=" + test);
        assertTrue(seen.contains(" transport=WS "), seen);
    }
}
