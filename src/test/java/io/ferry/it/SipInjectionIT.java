package io.ferry.it;

import static io.ferry.it.SipUasIT.awaitOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code injection} sample application: JSR 289 §18 resources and an EJB injected into a SIP
 * servlet, shown in the headers of its 200 to OPTIONS.
 */
class SipInjectionIT {

    private static SipAppDeployment node;

    @BeforeAll
    static void deploy() {
        node = SampleNode.INJECTION.deploy();
    }

    @AfterAll
    static void undeploy() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void jsr289_18_resourcesAndEjb_areInjectedIntoTheSipServlet() throws Exception {
        try (SipWire.Udp udp = new SipWire.Udp()) {
            SipWire.Exchange x = SipWire.send(udp, node.sipPort(), "OPTIONS", "sip:injection@127.0.0.1:" + node.sipPort(),
                    "\"Bob\" <sip:bob@example.com>", "<sip:injection@127.0.0.1>", List.of(), "", "");
            SipWire.Message ok = x.response();
            assertEquals(200, ok.status(), ok.toString());
            x.assertEchoesRequest();
            // "true": injected, and the very object of the ServletContext attribute (JSR 289 §2.3.4);
            // "present": injected, another object (JSR 289 does not demand the same instance); "false": missing
            for (String resource : List.of("x-injected-sipfactory", "x-injected-timerservice", "x-injected-sipsessionsutil")) {
                assertTrue(List.of("true", "present").contains(ok.required(resource)), resource + ": " + ok);
            }
            assertEquals("true", ok.required("x-injected-sipsessionsutil-finds-own-session"), ok.toString());
            assertEquals("hello-bob-from-ejb", ok.required("x-injected-ejb"), "the @EJB ran: " + ok);
        }
        awaitOne(node, "app=injection", "event=request", "EJB=hello-bob-from-ejb");
    }
}
