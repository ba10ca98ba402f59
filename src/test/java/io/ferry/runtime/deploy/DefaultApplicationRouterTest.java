package io.ferry.runtime.deploy;

import org.junit.jupiter.api.Test;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import javax.servlet.sip.ar.SipTargetedRequestType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static javax.servlet.sip.ar.SipApplicationRoutingDirective.CONTINUE;
import static javax.servlet.sip.ar.SipApplicationRoutingDirective.NEW;
import static javax.servlet.sip.ar.SipApplicationRoutingDirective.REVERSE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultApplicationRouterTest {

    private static final String DAR = String.join("\n",
            "INVITE: (\"screening\", \"DAR:From\", \"ORIGINATING\", \"\", \"NO_ROUTE\", \"0\"), "
                    + "(\"forwarding\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"1\"), "
                    + "(\"voicemail\", \"DAR:To\", \"TERMINATING\", \"sip:vm.example.com;lr\", \"ROUTE\", \"2\")",
            "MESSAGE: (\"archive\", \"DAR:P-Asserted-Identity\", \"NEUTRAL\", \"sip:archive.example.com\", \"ROUTE_BACK\", \"0\"), "
                    + "(\"im\", \"sip:service@example.com\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"1\"), "
                    + "(\"account\", \"DAR:X-Account\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"2\")");

    private static DefaultApplicationRouter router(String... deployed) throws DarConfigurationException {
        DefaultApplicationRouter r = new DefaultApplicationRouter(DarConfiguration.parse(DAR));
        r.init();
        r.applicationDeployed(List.of(deployed));
        return r;
    }

    private static SipServletRequest invite() {
        return FakeSipServletRequest.of("INVITE", "sip:bob@example.com",
                "From", "\"Alice\" <sip:alice@example.com>;tag=1928301774",
                "To", "Bob <sip:bob@example.com>");
    }

    private static SipApplicationRouterInfo next(DefaultApplicationRouter r, SipServletRequest req,
                                                 SipApplicationRoutingDirective d, Serializable state) {
        return r.getNextApplication(req, SipApplicationRoutingRegion.NEUTRAL_REGION, d, null, state);
    }

    @Test
    void jsr289_appC_newRequest_selectsFirstApplicationWithItsTuple() throws Exception {
        SipApplicationRouterInfo i = next(router("screening", "forwarding", "voicemail"), invite(), NEW, null);
        assertEquals("screening", i.getNextApplicationName());
        assertEquals(SipApplicationRoutingRegion.ORIGINATING_REGION, i.getRoutingRegion());
        assertEquals("sip:alice@example.com", i.getSubscriberURI());
        assertEquals(SipRouteModifier.NO_ROUTE, i.getRouteModifier());
        assertArrayEquals(new String[0], i.getRoutes());
        assertEquals(new DefaultApplicationRouter.DarState("INVITE", 0), i.getStateInfo());
    }

    @Test
    void jsr289_appC_continue_walksTheListInOrder_thenNamesNoApplication() throws Exception {
        DefaultApplicationRouter r = router("screening", "forwarding", "voicemail");
        SipApplicationRouterInfo first = next(r, invite(), NEW, null);
        SipApplicationRouterInfo second = next(r, invite(), CONTINUE, first.getStateInfo());
        assertEquals("forwarding", second.getNextApplicationName());
        assertEquals(SipApplicationRoutingRegion.TERMINATING_REGION, second.getRoutingRegion());
        assertEquals("sip:bob@example.com", second.getSubscriberURI());
        SipApplicationRouterInfo third = next(r, invite(), CONTINUE, second.getStateInfo());
        assertEquals("voicemail", third.getNextApplicationName());
        assertEquals(SipRouteModifier.ROUTE, third.getRouteModifier());
        assertArrayEquals(new String[] {"sip:vm.example.com;lr"}, third.getRoutes());
        SipApplicationRouterInfo done = next(r, invite(), CONTINUE, third.getStateInfo());
        assertNull(done.getNextApplicationName());
        assertEquals(SipRouteModifier.NO_ROUTE, done.getRouteModifier());
        assertArrayEquals(new String[0], done.getRoutes());
    }

    @Test
    void jsr289_appC_reverse_continuesAfterThePreviousApplicationLikeContinue() throws Exception {
        DefaultApplicationRouter r = router("screening", "forwarding");
        SipApplicationRouterInfo first = next(r, invite(), NEW, null);
        assertEquals("forwarding", next(r, invite(), REVERSE, first.getStateInfo()).getNextApplicationName());
    }

    @Test
    void jsr289_appC_new_startsOverEvenWithStateInfo() throws Exception {
        DefaultApplicationRouter r = router("screening", "forwarding");
        SipApplicationRouterInfo first = next(r, invite(), NEW, null);
        SipApplicationRouterInfo second = next(r, invite(), CONTINUE, first.getStateInfo());
        assertEquals("screening", next(r, invite(), NEW, second.getStateInfo()).getNextApplicationName());
        assertEquals("screening", next(r, invite(), CONTINUE, null).getNextApplicationName());
    }

    @Test
    void jsr289_appC_stateOfAnotherMethod_isNotContinued() throws Exception {
        DefaultApplicationRouter r = router("screening", "forwarding", "archive");
        SipServletRequest message = FakeSipServletRequest.of("MESSAGE", "sip:bob@example.com",
                "From", "<sip:alice@example.com>", "To", "<sip:bob@example.com>", "P-Asserted-Identity", "<sip:alice@corp.example.com>");
        SipApplicationRouterInfo m = next(r, message, NEW, null);
        assertEquals("archive", m.getNextApplicationName());
        assertEquals("screening", next(r, invite(), CONTINUE, m.getStateInfo()).getNextApplicationName());
    }

    @Test
    void jsr289_appRouter_undeployedApplications_areSkipped() throws Exception {
        DefaultApplicationRouter r = router("forwarding", "voicemail");
        assertEquals("forwarding", next(r, invite(), NEW, null).getNextApplicationName());
        r.applicationUndeployed(List.of("forwarding"));
        SipApplicationRouterInfo i = next(r, invite(), NEW, null);
        assertEquals("voicemail", i.getNextApplicationName());
        assertEquals(new DefaultApplicationRouter.DarState("INVITE", 2), i.getStateInfo());
        r.applicationDeployed(List.of("screening"));
        assertEquals("screening", next(r, invite(), NEW, null).getNextApplicationName());
        r.destroy();
        assertNull(next(r, invite(), NEW, null).getNextApplicationName());
    }

    @Test
    void jsr289_appC_unconfiguredMethod_namesNoApplication() throws Exception {
        SipServletRequest options = FakeSipServletRequest.of("OPTIONS", "sip:example.com", "From", "<sip:a@example.com>", "To", "<sip:example.com>");
        SipApplicationRouterInfo i = next(router("screening"), options, NEW, null);
        assertNull(i.getNextApplicationName());
        assertNull(i.getStateInfo());
    }

    @Test
    void jsr289_appC_subscriberIdentity_fromAnyAddressHeader_literal_rawValue_orAbsent() throws Exception {
        DefaultApplicationRouter r = router("archive", "im", "account");
        SipServletRequest message = FakeSipServletRequest.of("MESSAGE", "sip:bob@example.com",
                "From", "<sip:alice@example.com>", "To", "<sip:bob@example.com>",
                "P-Asserted-Identity", "\"Alice\" <sip:alice@corp.example.com>", "X-Account", "acct-42");
        SipApplicationRouterInfo archive = next(r, message, NEW, null);
        assertEquals("sip:alice@corp.example.com", archive.getSubscriberURI());
        assertEquals(SipRouteModifier.ROUTE_BACK, archive.getRouteModifier());
        assertArrayEquals(new String[] {"sip:archive.example.com"}, archive.getRoutes());
        SipApplicationRouterInfo im = next(r, message, CONTINUE, archive.getStateInfo());
        assertEquals("sip:service@example.com", im.getSubscriberURI());
        SipApplicationRouterInfo account = next(r, message, CONTINUE, im.getStateInfo());
        assertEquals("acct-42", account.getSubscriberURI());

        SipServletRequest noPai = FakeSipServletRequest.of("MESSAGE", "sip:bob@example.com", "From", "<sip:alice@example.com>");
        assertNull(next(r, noPai, NEW, null).getSubscriberURI());
    }

    @Test
    void jsr289_targetedRequest_targetedRequest_answersWithTheTargetsTuple() throws Exception {
        DefaultApplicationRouter r = router("screening", "forwarding", "voicemail");
        SipApplicationRouterInfo i = r.getNextApplication(invite(), null, NEW,
                new SipTargetedRequestInfo(SipTargetedRequestType.ENCODED_URI, "voicemail"), null);
        assertEquals("voicemail", i.getNextApplicationName());
        assertEquals(SipApplicationRoutingRegion.TERMINATING_REGION, i.getRoutingRegion());
        SipApplicationRouterInfo other = r.getNextApplication(invite(), null, NEW,
                new SipTargetedRequestInfo(SipTargetedRequestType.JOIN, "conference"), null);
        assertEquals("conference", other.getNextApplicationName());
        assertEquals(SipApplicationRoutingRegion.NEUTRAL_REGION, other.getRoutingRegion());
    }

    @Test
    void jsr289_appC_stateInfo_isSerializable() throws Exception {
        Serializable state = next(router("screening"), invite(), NEW, null).getStateInfo();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(state);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(state, in.readObject());
        }
    }

    @Test
    void sipApplicationRouter_init_onlyOnce_andPropertiesReplaceConfiguration() throws Exception {
        DefaultApplicationRouter r = new DefaultApplicationRouter(DarConfiguration.EMPTY);
        Properties p = new Properties();
        p.setProperty("OPTIONS", "(\"uas\", \"DAR:To\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"0\")");
        r.init(p);
        assertEquals(1, r.configuration().rulesFor("OPTIONS").size());
        assertThrows(IllegalStateException.class, r::init);

        DefaultApplicationRouter bad = new DefaultApplicationRouter(DarConfiguration.EMPTY);
        Properties q = new Properties();
        q.setProperty("OPTIONS", "(\"uas\")");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.init(q));
        assertTrue(e.getMessage().contains("entry 'OPTIONS'"), e.getMessage());
        bad.init();   // a failed init(Properties) leaves the router uninitialised
    }

    @Test
    void jsr289_appC_configurationProperty_namesTheDarFile_otherPropertiesIgnored() throws Exception {
        Path f = Files.createTempFile("dar", ".properties");
        try {
            Files.writeString(f, "OPTIONS: (\"uas\", \"DAR:To\", \"NEUTRAL\", \"\", \"NO_ROUTE\", \"0\")\n");
            Properties p = new Properties();
            p.setProperty(DefaultApplicationRouter.CONFIGURATION_PROPERTY, f.toUri().toString());
            p.setProperty("java.version", "17");
            DefaultApplicationRouter r = new DefaultApplicationRouter(DarConfiguration.EMPTY);
            r.init(p);
            assertEquals(List.of("OPTIONS"), List.copyOf(r.configuration().rules().keySet()));
        } finally {
            Files.delete(f);
        }
        Properties missing = new Properties();
        missing.setProperty(DefaultApplicationRouter.CONFIGURATION_PROPERTY, "/nonexistent/ferry/dar.properties");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DefaultApplicationRouter(DarConfiguration.EMPTY).init(missing));
        assertTrue(e.getMessage().contains("/nonexistent/ferry/dar.properties"), e.getMessage());
    }
}
