package io.ferry.it;

import static io.ferry.it.SipUasIT.awaitOne;
import static io.ferry.it.SipUasIT.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code uac} sample application (io.ferry.sipapps.uac): an HTTP request makes it send a
 * MESSAGE or an INVITE through the SipFactory to a sipp UAS, over UDP and TCP. sipp checks what
 * arrives (uas-message.xml, uas-invite.xml); the event log shows the responses as the application
 * saw them, its ACK and its BYE.
 */
class SipUacIT {

    private static SipAppDeployment node;

    @BeforeAll
    static void deploy() {
        node = SampleNode.UAC.deploy();
    }

    @AfterAll
    static void undeploy() {
        if (node != null) {
            node.close();
        }
    }

    /** Starts the sipp UAS, triggers the application, and returns the Call-ID it reported. */
    private static String call(String scenario, String sippTransport, String method, String test) throws Exception {
        int port = FreePorts.udpAndTcp();
        Sipp.Running uas = Sipp.listen(scenario, sippTransport, port, List.of());
        Sipp.awaitListening(sippTransport, port);
        // name-addr form: in addr-spec form ";transport=tcp" would be a parameter of the address, not of the URI (RFC 3261 §20.10)
        String to = "<sip:sipp@127.0.0.1:" + port + (sippTransport.startsWith("t") ? ";transport=tcp" : "") + ">";
        HttpResponse<String> trigger = node.httpGet("/sipapps/uac?method=" + method + "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8)
                + "&test=" + test);
        assertEquals(202, trigger.statusCode(), trigger.body());
        Sipp.Result r = uas.await();
        assertEquals(0, r.exitCode(), r.output());
        String triggered = awaitOne(node, "app=uac", "event=trigger", "test=" + test);
        assertTrue(triggered.contains("factory-injected=true factory-attribute=true"),
                "JSR 289 §18: @Resource SipFactory in an HTTP servlet, and the ServletContext attribute: " + triggered);
        return value(trigger.body().strip().split(" ")[0], "call-id");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"u1, UDP", "t1, TCP"})
    void rfc3428_messageFromHttpTrigger_reachesSipp_and200IsSeenByTheApplication(String sippTransport, String transport) throws Exception {
        String test = "uac-message-" + sippTransport + "-" + SipWire.token();
        String callId = call("uas-message", sippTransport, "MESSAGE", test);
        String sent = awaitOne(node, "app=uac", "event=sent", "call-id=" + callId);
        assertTrue(sent.contains(" method=MESSAGE initial=true "), sent);
        String ok = awaitOne(node, "app=uac", "event=response", "status=200", "call-id=" + callId);
        assertTrue(ok.contains(" transport=" + transport + " remote=127.0.0.1 "), ok);
        assertTrue(value(ok, "to-tag").contains("SIPpTag01"), "the UAS's To tag reaches the application: " + ok);
        assertTrue(ok.contains(" cseq=") && value(ok, "cseq").endsWith("_MESSAGE"), ok);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"u1, UDP", "t1, TCP"})
    void rfc3261_13_2_inviteFromHttpTrigger_getsRingingAndOk_sendsAckThenBye(String sippTransport, String transport) throws Exception {
        String test = "uac-invite-" + sippTransport + "-" + SipWire.token();
        String callId = call("uas-invite", sippTransport, "INVITE", test);
        String ringing = awaitOne(node, "app=uac", "event=response", "status=180", "call-id=" + callId);
        assertTrue(ringing.contains(" state=EARLY "), "JSR 289 §6.2.1: a tagged 1xx makes the session EARLY: " + ringing);
        String ok = awaitOne(node, "app=uac", "event=response", "status=200", "method=INVITE", "call-id=" + callId);
        assertTrue(ok.contains(" transport=" + transport + " "), ok);
        assertTrue(ok.contains(" state=CONFIRMED "), ok);
        assertEquals(value(ringing, "to-tag"), value(ok, "to-tag"), "one dialog");
        assertTrue(value(ok, "contact").startsWith("<sip:sipp@127.0.0.1:"), ok);
        assertEquals("-", value(ok, "record-route"), "no proxy on the path: " + ok);
        String inviteCseq = value(ok, "cseq").split("_")[0];

        String ack = awaitOne(node, "app=uac", "event=ack-sent", "call-id=" + callId);
        assertEquals(inviteCseq + "_ACK", value(ack, "cseq"), "RFC 3261 §13.2.2.4: " + ack);
        assertEquals(value(ok, "to-tag"), value(ack, "to-tag"));
        String bye = awaitOne(node, "app=uac", "event=bye-sent", "call-id=" + callId);
        assertTrue(Long.parseLong(value(bye, "cseq").split("_")[0]) > Long.parseLong(inviteCseq), "RFC 3261 §12.2.1.1: " + bye);
        assertEquals(value(ok, "from-tag"), value(bye, "from-tag"));
        String byeOk = awaitOne(node, "app=uac", "event=response", "status=200", "method=BYE", "call-id=" + callId);
        assertTrue(byeOk.contains(" state=TERMINATED "), byeOk);
        assertNotEquals("-", value(byeOk, "to-tag"));
    }
}
