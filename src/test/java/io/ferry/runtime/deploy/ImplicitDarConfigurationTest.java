package io.ferry.runtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import org.junit.jupiter.api.Test;

class ImplicitDarConfigurationTest {

    @Test
    void everyInitialMethod_goesToTheApplicationsInOrder() {
        DarConfiguration dar = ImplicitDarConfiguration.forApplications(List.of("edge", "registrar"));
        for (String method : ImplicitDarConfiguration.METHODS) {
            assertEquals(List.of("edge", "registrar"), dar.rulesFor(method).stream().map(DarRule::applicationName).toList(), method);
        }
        assertEquals(List.of(), dar.rulesFor("ACK"), "ACK never reaches the router");
        assertEquals(List.of(), dar.rulesFor("CANCEL"), "CANCEL never reaches the router");
    }

    @Test
    void appendixC_implicitConfiguration_routesNeutral_andContinuesToTheNextApplication() {
        DefaultApplicationRouter router = new DefaultApplicationRouter(ImplicitDarConfiguration.forApplications(List.of("a", "b")));
        router.init();
        router.applicationDeployed(List.of("a", "b"));
        javax.servlet.sip.SipServletRequest invite = FakeSipServletRequest.of("INVITE", "sip:bob@example.com", "From", "<sip:alice@example.com>", "To", "<sip:bob@example.com>");
        SipApplicationRouterInfo first = router.getNextApplication(invite, null, SipApplicationRoutingDirective.NEW, null, null);
        assertEquals("a", first.getNextApplicationName());
        assertEquals(SipApplicationRoutingRegion.NEUTRAL_REGION, first.getRoutingRegion());
        assertNull(first.getSubscriberURI());
        SipApplicationRouterInfo second = router.getNextApplication(invite, first.getRoutingRegion(),
                SipApplicationRoutingDirective.CONTINUE, null, first.getStateInfo());
        assertEquals("b", second.getNextApplicationName());
    }

    @Test
    void noApplications_noRules() {
        assertEquals(0, ImplicitDarConfiguration.forApplications(List.of()).rules().size());
    }
}
