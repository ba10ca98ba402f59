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
 * Two applications composed by the Default Application Router (JSR 289 §15, Appendix C;
 * io.ferry.sipapps.composition, composition.dar.properties): {@code first} answers OPTIONS as a
 * UAS so the chain ends there; it passes MESSAGE on with CONTINUE, and {@code second} answers it.
 * The regions and subscriber URIs are those of the DAR tuples.
 */
class SipCompositionIT {

    private static final String CAROL = "\"Carol\" <sip:carol@example.com>";
    private static final String DAVE = "<sip:dave@example.org>";

    private static SipAppDeployment node;

    @BeforeAll
    static void deploy() {
        node = SampleNode.COMPOSITION.deploy();
    }

    @AfterAll
    static void undeploy() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void jsr289_15_firstAnswersOptionsAsUas_soSecondNeverSeesIt() throws Exception {
        SipWire.Exchange x;
        try (SipWire.Udp udp = new SipWire.Udp()) {
            x = SipWire.send(udp, node.sipPort(), "OPTIONS", "sip:dave@example.org", CAROL, DAVE, List.of(), "", "");
        }
        assertEquals(200, x.response().status(), x.response().toString());
        x.assertEchoesRequest();
        assertEquals("first", x.response().required("x-ferry-app"));
        String first = awaitOne(node, "app=first", "event=request", "method=OPTIONS", "call-id=" + x.callId());
        assertTrue(first.contains(" region=ORIGINATING subscriber=sip:carol@example.com "), "DAR tuple 1 (DAR:From): " + first);
        assertTrue(first.contains(" initial=true ") && first.contains(" application=first"), first);
        assertTrue(node.events("app=second", "method=OPTIONS").isEmpty(), "a UAS ends the chain: " + node.events("app=second"));
    }

    @Test
    void jsr289_15_2_2_firstContinuesMessage_secondAnswersInTheTerminatingRegion() throws Exception {
        SipWire.Exchange x;
        try (SipWire.Udp udp = new SipWire.Udp()) {
            x = SipWire.send(udp, node.sipPort(), "MESSAGE", "sip:dave@example.org", CAROL, DAVE, List.of(), "text/plain", "hi dave");
        }
        SipWire.Message ok = x.response();
        assertEquals(200, ok.status(), ok.toString());
        x.assertEchoesRequest();
        assertEquals("second", ok.required("x-ferry-app"), "second answered: " + ok);
        assertEquals("first", ok.required("x-ferry-chain"), "through first: " + ok);
        assertTrue(ok.all("record-route").isEmpty(), ok.toString());

        String atFirst = awaitOne(node, "app=first", "event=request", "method=MESSAGE", "call-id=" + x.callId());
        assertTrue(atFirst.contains(" region=ORIGINATING subscriber=sip:carol@example.com "), atFirst);
        String continued = awaitOne(node, "app=first", "event=continued", "upstream-call-id=" + x.callId());
        String leg = value(continued, "call-id");
        assertNotEquals(x.callId(), leg, "createRequest(orig, false) gives the new leg its own Call-ID");
        String atSecond = awaitOne(node, "app=second", "event=request", "method=MESSAGE", "call-id=" + leg);
        assertTrue(atSecond.contains(" initial=true "), atSecond);
        assertTrue(atSecond.contains(" region=TERMINATING subscriber=sip:dave@example.org "), "DAR tuple 2 (DAR:To): " + atSecond);
        assertNotEquals(x.fromTag(), value(atSecond, "from-tag"), "the new leg has a new From tag (SipFactory.createRequest javadoc)");
        String relayed = awaitOne(node, "app=first", "event=response", "call-id=" + leg);
        assertTrue(relayed.contains(" status=200 ") && relayed.contains(" from-app=second"), relayed);
    }

    @Test
    void jsr289_15_messageOverTcpFromSipp_isAnsweredThroughBothApplications() throws Exception {
        String test = "composition-t1-" + SipWire.token();
        Sipp.Result r = Sipp.run("message", "t1", node.sipPort(), List.of("-key", "test_id", test));
        assertEquals(0, r.exitCode(), r.output());
        String atFirst = awaitOne(node, "app=first", "event=request", "method=MESSAGE", "test=" + test);
        assertTrue(atFirst.contains(" transport=TCP "), atFirst);
        String leg = value(awaitOne(node, "app=first", "event=continued", "upstream-call-id=" + value(atFirst, "call-id")), "call-id");
        awaitOne(node, "app=second", "event=request", "method=MESSAGE", "call-id=" + leg);
    }
}
