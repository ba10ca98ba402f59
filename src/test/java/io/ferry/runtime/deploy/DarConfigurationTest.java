package io.ferry.runtime.deploy;

import io.ferry.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DarConfigurationTest {

    private static String fixture(String name) {
        return new String(Fixtures.bytes("jsr289/dar/" + name + ".properties"), StandardCharsets.UTF_8);
    }

    @Test
    void jsr289_appC_specExample_givesOrderedApplicationsPerMethod() throws Exception {
        DarConfiguration c = DarConfiguration.parse(fixture("appendix-c"));
        assertEquals(List.of("INVITE", "SUBSCRIBE"), List.copyOf(c.rules().keySet()));
        List<DarRule> invite = c.rulesFor("INVITE");
        assertEquals(List.of(
                new DarRule("OriginatingCallWaiting", "DAR:From", SipApplicationRoutingRegion.ORIGINATING_REGION, "", SipRouteModifier.NO_ROUTE, "0"),
                new DarRule("CallForwarding", "DAR:To", SipApplicationRoutingRegion.TERMINATING_REGION, "", SipRouteModifier.NO_ROUTE, "1")),
                invite);
        assertEquals(1, c.rulesFor("SUBSCRIBE").size());
        assertEquals(List.of(), c.rulesFor("MESSAGE"));
        assertEquals(List.of(), c.rulesFor("invite"));   // RFC 3261 §7.1: methods are case-sensitive
    }

    @Test
    void jsr289_appC_whitespaceContinuationQuotingAndCrlf_areRead() throws Exception {
        DarConfiguration c = DarConfiguration.parse(fixture("whitespace-quoting"));
        List<DarRule> message = c.rulesFor("MESSAGE");
        assertEquals(3, message.size());
        assertEquals(new DarRule("im-log", "DAR:P-Asserted-Identity", SipApplicationRoutingRegion.NEUTRAL_REGION,
                "sip:log.example.com;lr", SipRouteModifier.ROUTE, "0"), message.get(0));
        assertEquals("im\"quoted\\app", message.get(1).applicationName());
        assertEquals("sip:operator@example.com", message.get(1).subscriberIdentity());
        assertEquals(SipRouteModifier.ROUTE_BACK, message.get(2).routeModifier());
        assertEquals(1, c.rulesFor("OPTIONS").size());
    }

    @Test
    void jsr289_appC_loadFromFile_equalsParse() throws Exception {
        Path f = Files.createTempFile("dar", ".properties");
        try {
            Files.writeString(f, fixture("appendix-c"));
            assertEquals(DarConfiguration.parse(fixture("appendix-c")).rules(), DarConfiguration.load(f).rules());
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void jsr289_appC_location_fileUriOrPath_otherSchemesRefused() throws Exception {
        Path f = Files.createTempFile("dar", ".properties");
        try {
            Files.writeString(f, fixture("appendix-c"));
            DarConfiguration expected = DarConfiguration.parse(fixture("appendix-c"));
            assertEquals(expected.rules(), DarConfiguration.loadLocation(f.toUri().toString()).rules());
            assertEquals(expected.rules(), DarConfiguration.loadLocation(f.toString()).rules());
        } finally {
            Files.delete(f);
        }
        DarConfigurationException e = assertThrows(DarConfigurationException.class,
                () -> DarConfiguration.loadLocation("http://config.example.com/dar.properties"));
        assertTrue(e.problem().contains("neither a file: URI nor a path"), e.problem());
    }

    @Test
    void jsr289_appC_propertiesReadByTheJdk_giveTheSameRules() throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(fixture("appendix-c")));
        assertEquals(DarConfiguration.parse(fixture("appendix-c")).rules(), DarConfiguration.fromProperties(p).rules());
    }

    @ParameterizedTest(name = "line {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "INVITE ('a', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE', '0')|1|expected ':' after method INVITE",
            "INVITE: ('a', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE')|1|has 5 fields",
            "INVITE: ('a', 'DAR:From', 'ORIGINATED', '', 'NO_ROUTE', '0')|1|routing region 'ORIGINATED'",
            "INVITE: ('a', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTES', '0')|1|route modifier 'NO_ROUTES'",
            "INVITE: ('a', 'DAR:From', 'ORIGINATING', '', 'ROUTE', '0')|1|ROUTE needs a route",
            "INVITE: ('a', 'DAR:From', 'ORIGINATING', 'http://x', 'ROUTE', '0')|1|is not a SIP URI",
            "INVITE: ('', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE', '0')|1|empty application name",
            "INVITE: ('a, 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE', '0')|1|expected",
            "INVITE: ('a', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE', '0)|1|unterminated quoted field",
            "INVITE: ('a', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE', '0') ('b', 'DAR:To', 'NEUTRAL', '', 'NO_ROUTE', '1')|1|expected ','",
            "INVITE: a|1|expected '('",
            "INVITE:|1|no application tuples",
            "IN VITE: ('a', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE', '0')|1|expected ':' after method IN",
            "INV<ITE: ('a', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE', '0')|1|not a SIP token",
            "# ok\\nINVITE: ('a', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE', '0')\\nINVITE: ('b', 'DAR:To', 'NEUTRAL', '', 'NO_ROUTE', '0')|3|configured twice",
            "\\n\\nBYE: ('a', 'DAR:From', 'ORIGINATING', '', 'NO_ROUTE', '0'),\\\\\\n  ('b' 'DAR:To')|3|expected ')'",
    })
    void jsr289_appC_badLines_nameTheLineAndTheProblem(String text, int line, String problem) {
        String dar = text.replace('\'', '"').replace("\\n", "\n").replace("\\\\", "\\");
        DarConfigurationException e = assertThrows(DarConfigurationException.class, () -> DarConfiguration.parse(dar));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertTrue(e.getMessage().startsWith("DAR configuration line " + line + ":"), e.getMessage());
    }

    @Test
    void jsr289_appC_badPropertiesEntry_namesTheMethod() {
        Properties p = new Properties();
        p.setProperty("REGISTER", "(\"reg\", \"DAR:To\", \"SOMEWHERE\", \"\", \"NO_ROUTE\", \"0\")");
        DarConfigurationException e = assertThrows(DarConfigurationException.class, () -> DarConfiguration.fromProperties(p));
        assertTrue(e.getMessage().contains("entry 'REGISTER'"), e.getMessage());
        assertEquals(-1, e.line());
    }

    @Test
    void jsr289_appC_commentsAndBlankLinesOnly_giveNoRules() throws Exception {
        assertTrue(DarConfiguration.parse("# nothing\n\n! still nothing\n").rules().isEmpty());
    }
}
