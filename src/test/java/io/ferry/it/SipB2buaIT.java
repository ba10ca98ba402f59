package io.ferry.it;

import static io.ferry.it.SipUasIT.awaitOne;
import static io.ferry.it.SipUasIT.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code b2bua} sample application (io.ferry.sipapps.b2bua, JSR 289 §12) bridges a Node
 * WebSocket caller (src/test/js/sip-ws-client.js, scenario invite: INVITE, 180, 200 with SDP,
 * ACK, BYE) to a sipp UAS over UDP (uas-invite.xml: 180, 200, then checks the ACK and the BYE it
 * gets); a sipp callee that hangs up (b2bua-bye-*.xml); a sipp caller that cancels while the callee
 * rings (b2bua-cancel-*.xml). Both ends check their own wire; the event log shows the two legs and
 * their links.
 */
class SipB2buaIT {

    private static SipAppDeployment node;

    @BeforeAll
    static void deploy() {
        node = SampleNode.B2BUA.deploy();
    }

    @AfterAll
    static void undeploy() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void jsr289_12_wsCallerBridgedToUdpCallee_responsesRelayed_ackOnBothLegs_byePropagated() throws Exception {
        String test = "b2bua-ws-udp-" + SipWire.token();
        int port = FreePorts.udpAndTcp();
        Sipp.Running callee = Sipp.listen("uas-invite", "u1", port, List.of());
        Sipp.awaitListening("u1", port);

        NodeSipClient.Result caller = NodeSipClient.run(node.wsUrl(), "invite",
                List.of("--test-id", test, "--ruri", "sip:sipp@127.0.0.1:" + port));
        assertEquals(0, caller.exitCode(), "the caller's checks (180 and 200 on one dialog, SDP answer, 200 to BYE):\n" + caller.output());
        Sipp.Result r = callee.await();
        assertEquals(0, r.exitCode(), "the callee's checks (ACK and BYE in its dialog, CSeq rules):\n" + r.output());

        String out = awaitOne(node, "app=b2bua", "event=invite-out", "test=" + test);
        String callerCallId = value(out, "linked-call-id");
        String calleeCallId = value(out, "call-id");
        assertNotEquals(callerCallId, calleeCallId, "JSR 289 §12: the callee leg has its own Call-ID");
        String ok = awaitOne(node, "app=b2bua", "event=response", "method=INVITE", "status=200", "call-id=" + calleeCallId);
        assertTrue(ok.contains(" transport=UDP "), "the callee leg is UDP: " + ok);
        awaitOne(node, "app=b2bua", "event=ack-out", "call-id=" + calleeCallId);
        String bye = awaitOne(node, "app=b2bua", "event=bye-out", "call-id=" + calleeCallId);
        assertEquals(callerCallId, value(bye, "linked-call-id"), "the BYE of the callee leg copies the caller's BYE");
        String byeIn = awaitOne(node, "app=b2bua", "event=response", "method=BYE", "status=200", "call-id=" + calleeCallId);
        assertEquals(callerCallId, value(byeIn, "linked-call-id"), "the 200 to BYE goes back to the caller's BYE");
    }

    @Test
    void jsr289_12_callerCancel_mappedToCancelOnCalleeLeg_487Upstream() throws Exception {
        String test = "b2bua-cancel-" + SipWire.token();
        int port = FreePorts.udpAndTcp();
        Sipp.Running callee = Sipp.listen("b2bua-cancel-callee", "u1", port, List.of());
        Sipp.awaitListening("u1", port);

        Sipp.Result caller = Sipp.run("b2bua-cancel-caller", "u1", node.sipPort(),
                List.of("-key", "test_id", test, "-key", "callee_port", Integer.toString(port)));
        assertEquals(0, caller.exitCode(), "the caller's checks (180 relayed, 200 to CANCEL, 487):\n" + caller.output());
        Sipp.Result r = callee.await();
        assertEquals(0, r.exitCode(), "the callee's checks (CANCEL with the INVITE's CSeq, ACK of the 487):\n" + r.output());

        String out = awaitOne(node, "app=b2bua", "event=invite-out", "test=" + test);
        String calleeCallId = value(out, "call-id");
        String cancel = awaitOne(node, "app=b2bua", "event=cancel-out", "call-id=" + calleeCallId);
        assertEquals(value(out, "linked-call-id"), value(cancel, "linked-call-id"), "the CANCEL answers the caller's CANCEL");
        String terminated = awaitOne(node, "app=b2bua", "event=response", "status=487", "call-id=" + calleeCallId);
        assertTrue(terminated.contains(" method=INVITE "), terminated);
    }

    @Test
    void jsr289_12_calleeBye_propagatedToCaller_200RelayedBack() throws Exception {
        String test = "b2bua-callee-bye-" + SipWire.token();
        int port = FreePorts.udpAndTcp();
        Sipp.Running callee = Sipp.listen("b2bua-bye-callee", "u1", port, List.of());
        Sipp.awaitListening("u1", port);

        Sipp.Result caller = Sipp.run("b2bua-bye-caller", "u1", node.sipPort(),
                List.of("-key", "test_id", test, "-key", "callee_port", Integer.toString(port)));
        assertEquals(0, caller.exitCode(), "the caller's checks (200, then a BYE in its dialog):\n" + caller.output());
        Sipp.Result r = callee.await();
        assertEquals(0, r.exitCode(), "the callee's checks (200 to its BYE):\n" + r.output());

        String out = awaitOne(node, "app=b2bua", "event=invite-out", "test=" + test);
        String callerCallId = value(out, "linked-call-id");
        String bye = awaitOne(node, "app=b2bua", "event=bye-out", "call-id=" + callerCallId);
        assertEquals(value(out, "call-id"), value(bye, "linked-call-id"), "the caller's BYE copies the callee's");
    }
}
