package io.ferry.it;

import static io.ferry.it.SipUasIT.awaitOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Servlet selection by sip.xml mapping rules (JSR 289 servlet-selection; the {@code mapping}
 * sample application with src/test/resources/sipapps/mapping.sip.xml as its WAR's
 * WEB-INF/sip.xml). The servlet that answered names itself in {@code X-Ferry-Servlet}.
 */
class SipMappingIT {

    private static SipAppDeployment node;

    @BeforeAll
    static void deploy() {
        node = SampleNode.MAPPING.deploy();
    }

    @AfterAll
    static void undeploy() {
        if (node != null) {
            node.close();
        }
    }

    @ParameterizedTest(name = "{0} {1} from \"{2}\" -> {3}")
    @CsvSource({
            // subdomain-of request.uri.host: the domain itself and any name below it, never a mere suffix
            "MESSAGE, sip:acct@eu.billing.example.com, Bob,           billing",
            "MESSAGE, sip:acct@billing.example.com,    Bob,           billing",
            "MESSAGE, sip:acct@BILLING.Example.COM,    Bob,           billing",
            "MESSAGE, sip:acct@notbilling.example.com, Bob,           fallback",
            "MESSAGE, sip:acct@billing.example.com.evil.example, Bob, fallback",
            // rules are tried in document order: billing before vip
            "MESSAGE, sip:acct@billing.example.com,    The VIP desk,  billing",
            // contains ignore-case on the From display name, under or(equal, equal)
            "MESSAGE, sip:desk@example.com,            The VIP desk,  vip",
            "OPTIONS, sip:desk@example.com,            vip lounge,    vip",
            "OPTIONS, sip:desk@example.com,            Carol,         fallback",
            // the billing rule is and(equal MESSAGE, ...): an OPTIONS to a billing host falls through to fallback
            "OPTIONS, sip:acct@billing.example.com,    Carol,         fallback",
    })
    void jsr289_servletMapping_selectsTheServletOfTheFirstMatchingRule(String method, String requestUri, String display, String servlet)
            throws Exception {
        try (SipWire.Udp udp = new SipWire.Udp()) {
            SipWire.Exchange x = SipWire.send(udp, node.sipPort(), method, requestUri, "\"" + display + "\" <sip:caller@example.net>",
                    "<" + requestUri + ">", List.of(), method.equals("MESSAGE") ? "text/plain" : "", method.equals("MESSAGE") ? "hi" : "");
            assertEquals(200, x.response().status(), x.response().toString());
            x.assertEchoesRequest();
            assertEquals(servlet, x.response().required("x-ferry-servlet"), x.response().toString());
            awaitOne(node, "app=mapping", "event=request", "servlet=" + servlet, "call-id=" + x.callId());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            // not(equal ignore-case INVITE) excludes INVITE from fallback, and no other rule takes INVITE
            "INVITE,  sip:desk@example.com",
            // not(exists request.uri.param.maddr) excludes it from fallback
            "OPTIONS, sip:desk@example.com;maddr=192.0.2.1",
    })
    void jsr289_servletMapping_requestThatMatchesNoRule_isRejectedWithoutAnyServlet(String method, String requestUri) throws Exception {
        try (SipWire.Udp udp = new SipWire.Udp()) {
            SipWire.Exchange x = SipWire.send(udp, node.sipPort(), method, requestUri, "\"Carol\" <sip:carol@example.net>",
                    "<sip:desk@example.com>", method.equals("INVITE") ? List.of("Contact: <sip:carol@" + udp.sentBy() + ">") : List.of(),
                    "", "");
            SipWire.Message r = x.response();
            assertTrue(r.status() >= 400, "no servlet matched, so the container rejects it: " + r);
            assertTrue(r.header("x-ferry-servlet").isEmpty(), r.toString());
            if (method.equals("INVITE")) {
                // RFC 3261 §17.1.1.3: the ACK for a non-2xx final response, in the INVITE's transaction
                udp.send(SipWire.request("ACK", requestUri, List.of(
                        "Via: SIP/2.0/UDP " + udp.sentBy() + ";branch=" + x.branch() + ";rport",
                        "Max-Forwards: 70",
                        "From: \"Carol\" <sip:carol@example.net>;tag=" + x.fromTag(),
                        "To: " + r.required("to"),
                        "Call-ID: " + x.callId(),
                        "CSeq: 1 ACK"), ""), node.sipPort());
            }
            assertTrue(node.events("app=mapping", "call-id=" + x.callId()).isEmpty(), "no servlet saw it");
        }
    }
}
