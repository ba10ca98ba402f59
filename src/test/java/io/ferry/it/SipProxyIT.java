package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code proxy} test application (io.ferry.sipapps.proxy) on its own node: a sipp caller's
 * INVITE dialog proxied with Record-Route to a sipp callee (JSR 289 §10, RFC 3261 §16). Both
 * scenarios check the wire: Max-Forwards decrement, the Via stack on each side, Record-Route and
 * the popped route set of the ACK and BYE.
 */
class SipProxyIT {

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

    @ParameterizedTest(name = "caller {0}, callee {1}")
    @CsvSource({"u1, u1", "u1, t1"})
    void rfc3261_16_inviteDialogThroughRecordRoutingProxy_wireCheckedOnBothSides(String callerTransport, String calleeTransport) throws Exception {
        int port = FreePorts.udpAndTcp();
        Sipp.Running callee = Sipp.listen("proxy-callee", calleeTransport, port, List.of());
        Sipp.awaitListening(calleeTransport, port);
        String calleeUri = "sip:callee@127.0.0.1:" + port + (calleeTransport.startsWith("t") ? ";transport=tcp" : "");
        Sipp.Result caller = Sipp.run("proxy-caller", callerTransport, node.sipPort(), List.of("-key", "callee_uri", calleeUri));
        Sipp.Result answered = callee.await();
        assertEquals(0, caller.exitCode(), "caller:\n" + caller.output() + "\ncallee:\n" + answered.output());
        assertEquals(0, answered.exitCode(), "callee:\n" + answered.output());
    }
}
