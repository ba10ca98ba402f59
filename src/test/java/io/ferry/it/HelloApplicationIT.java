package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example application of docs/writing-sip-applications.md (com.example.hello), deployed as the
 * document describes: its classes in Ferry's WAR, and a DAR that routes to it.
 */
class HelloApplicationIT {

    private static SipAppDeployment node;

    @BeforeAll
    static void deploy() {
        node = SampleNode.HELLO.deploy();
    }

    @AfterAll
    static void undeploy() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void rfc7118_messageOverWebSocket_isGreeted_andTheFlowIsWs() throws Exception {
        NodeSipClient.Result r = NodeSipClient.run(node.wsUrl(), "message", List.of("--from-user", "alice",
                "--ruri", "sip:hello@ferry.example", "--expect", "X-Hello: Hello, alice", "--expect", "X-Hello-Flow: WS"));
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void rfc7118_callMeBack_isAnOptionsOnTheClientsOwnWebSocket_viaTheFlowExtension() throws Exception {
        NodeSipClient.Result r = NodeSipClient.run(node.wsUrl(), "callback", List.of("--from-user", "alice",
                "--ruri", "sip:hello@ferry.example", "--expect", "X-Hello-Flow: WS"));
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void rfc3428_messageOverUdp_isGreeted_andTheFlowIsUdp() throws Exception {
        try (SipWire.Udp udp = new SipWire.Udp()) {
            SipWire.Exchange x = SipWire.send(udp, node.sipPort(), "MESSAGE", "sip:hello@127.0.0.1", "<sip:bob@example.com>",
                    "<sip:hello@127.0.0.1>", List.of(), "text/plain", "hi");
            assertEquals(200, x.response().status(), x.response().toString());
            x.assertEchoesRequest();
            assertEquals("Hello, bob", x.response().required("x-hello"));
            assertEquals("UDP", x.response().required("x-hello-flow"));
        }
    }

    @Test
    void rfc3261_21_4_24_inviteIsDeclined486() throws Exception {
        try (SipWire.Udp udp = new SipWire.Udp()) {
            SipWire.Exchange x = SipWire.send(udp, node.sipPort(), "INVITE", "sip:hello@127.0.0.1", "<sip:bob@example.com>",
                    "<sip:hello@127.0.0.1>", List.of("Contact: <sip:bob@" + udp.sentBy() + ">"), "", "");
            assertEquals(486, x.response().status(), x.response().toString());
            x.assertEchoesRequest();
            // RFC 3261 §17.1.1.3: ACK the non-2xx in its transaction, so the server stops retransmitting
            udp.send(SipWire.request("ACK", "sip:hello@127.0.0.1", List.of(
                    "Via: SIP/2.0/UDP " + udp.sentBy() + ";branch=" + x.branch() + ";rport",
                    "Max-Forwards: 70",
                    "From: <sip:bob@example.com>;tag=" + x.fromTag(),
                    "To: " + x.response().required("to"),
                    "Call-ID: " + x.callId(),
                    "CSeq: 1 ACK"), ""), node.sipPort());
            assertEquals(true, udp.silentFor(1_500), "RFC 3261 §17.2.1: an ACKed 486 is not retransmitted");
        }
    }
}
