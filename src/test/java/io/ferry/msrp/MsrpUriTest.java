package io.ferry.msrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MsrpUriTest {

    private static MsrpUri u(String s) { return MsrpUri.parse(s); }

    @ParameterizedTest
    @ValueSource(strings = {
            "msrp://host.example.com:8493/asfd34;tcp",
            "msrps://alice@intra.example.com;tcp",
            "msrps://alice@a.example.com:443;ws",
            "msrps://df7jal23ls0d.invalid:2855/98cjs;ws",
            "msrp://abc.invalid:2855/9di4eae923wzd;ws",
            "msrp://[2001:db8::1]:2855/s1;tcp",
            "msrp://192.0.2.7:2855/a+b=c/d;tcp;foo=bar;baz",
            "MSRP://Host.Example.COM:1/x;TCP"})
    void rfc4975_6_uri_parseThenFormat_givesTheSameText(String text) {
        assertEquals(text, u(text).format());
    }

    @Test
    void rfc4975_6_components_areSplitAsTheGrammarSays() {
        MsrpUri a = u("msrps://alice@a.example.com:443;ws");
        assertEquals("msrps", a.scheme());
        assertEquals("alice", a.userInfo());
        assertEquals("a.example.com", a.host());
        assertEquals(443, a.port());
        assertNull(a.sessionId());
        assertEquals("ws", a.transport());
        assertTrue(a.isSecure());
        assertTrue(a.isWebSocket());
        MsrpUri b = u("msrp://192.0.2.7:2855/a+b=c/d;tcp;foo=bar;baz");
        assertEquals("a+b=c/d", b.sessionId());
        assertEquals(List.of("foo=bar", "baz"), b.parameters());
        assertFalse(b.isSecure());
        MsrpUri c = u("msrp://[2001:db8::1]:2855/s1;tcp");
        assertEquals("[2001:db8::1]", c.host());
        assertEquals(2855, c.port());
    }

    @Test
    void rfc7977_6_wsTransport_isRecognised() {
        MsrpUri ws = u("msrp://abc.invalid:2855/9di4eae923wzd;ws");
        assertTrue(ws.isWebSocket());
        assertEquals(MsrpUri.WS, ws.transport());
        assertFalse(u("msrp://abc.invalid:2855/9di4eae923wzd;tcp").isWebSocket());
        assertTrue(u("msrps://abc.invalid:2855/9di4eae923wzd;wss").isWebSocket());
        assertNotEquals(u("msrps://abc.invalid:2855/x;ws"), u("msrps://abc.invalid:2855/x;wss"));
    }

    @Test
    void rfc4975_6_1_schemeHostAndTransport_compareCaseInsensitively() {
        assertEquals(u("msrp://bob.example.com:8888/9di4eae923wzd;tcp"), u("MSRP://BOB.Example.com:8888/9di4eae923wzd;TCP"));
        assertEquals(u("msrp://bob.example.com:8888/9di4eae923wzd;tcp").hashCode(), u("MSRP://BOB.Example.com:8888/9di4eae923wzd;TCP").hashCode());
    }

    @Test
    void rfc4975_6_1_sessionId_comparesCaseSensitively() {
        assertNotEquals(u("msrp://bob.example.com:8888/9di4eae923wzd;tcp"), u("msrp://bob.example.com:8888/9DI4eae923wzd;tcp"));
    }

    @Test
    void rfc4975_6_1_uriWithoutSessionId_neverEqualsOneWithIt() {
        assertNotEquals(u("msrps://relay.example.com:2855;tcp"), u("msrps://relay.example.com:2855/abc;tcp"));
    }

    @Test
    void rfc4975_6_1_port_mustMatch_andAnExplicitPortNeverEqualsNone() {
        assertNotEquals(u("msrp://a.example.com:1/s;tcp"), u("msrp://a.example.com:2/s;tcp"));
        assertNotEquals(u("msrp://a.example.com:2855/s;tcp"), u("msrp://a.example.com/s;tcp"));
    }

    @Test
    void rfc4975_6_1_differentTransports_neverMatch() {
        assertNotEquals(u("msrp://a.example.com:1/s;tcp"), u("msrp://a.example.com:1/s;ws"));
    }

    @Test
    void rfc4975_6_1_userinfoAndUriParameters_areNotCompared() {
        assertEquals(u("msrps://alice@a.example.com:443;ws"), u("msrps://a.example.com:443;ws"));
        assertEquals(u("msrp://a.example.com:1/s;tcp;x=1"), u("msrp://a.example.com:1/s;tcp"));
    }

    @Test
    void rfc4975_6_1_percentEncodedUnreservedCharacters_areDecodedBeforeComparison() {
        assertEquals(u("msrp://%61.example.com:1/s;tcp"), u("msrp://A.example.com:1/s;tcp"));
        assertEquals(u("msrp://%61.example.com:1/s;tcp").hashCode(), u("msrp://a.example.com:1/s;tcp").hashCode());
    }

    @Test
    void rfc4975_6_1_ipv6Literals_compareAsAddresses() {
        assertEquals(u("msrp://[2001:DB8::1]:2855/s;tcp"), u("msrp://[2001:db8:0:0:0:0:0:1]:2855/s;tcp"));
        assertEquals(u("msrp://[::ffff:192.0.2.1]:2855/s;tcp"), u("msrp://[::ffff:c000:201]:2855/s;tcp"));
        assertNotEquals(u("msrp://[2001:db8::1]:2855/s;tcp"), u("msrp://[2001:db8::2]:2855/s;tcp"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://a.example.com:1/s;tcp",
            "msrp://a.example.com:1/s",
            "msrp://a.example.com:1/;tcp",
            "msrp://:1/s;tcp",
            "msrp://a.example.com:99999/s;tcp",
            "msrp://a.example.com:/s;tcp",
            "msrp://a.example.com:1/s s;tcp",
            "msrp://a.example.com:1/s;t-c-p",
            "msrp://[2001:db8::1::2]:1/s;tcp",
            "msrp://[12345::]:1/s;tcp",
            "msrp://a.exa mple.com:1/s;tcp",
            "msrp://a.example.com:1/s;tcp;",
            "msrp//a.example.com:1/s;tcp"})
    void rfc4975_9_malformedUris_areRejected(String text) {
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> u(text));
        assertEquals(MsrpViolation.URI_INVALID, e.violation());
    }

    @Test
    void limits_uriLongerThanTheLimit_isRejectedBeforeParsing() {
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> MsrpUri.parse("msrp://" + "a".repeat(100) + ":1/s;tcp", 50));
        assertEquals(MsrpViolation.URI_TOO_LONG, e.violation());
        assertEquals(413, e.status());
    }

    @Test
    void withers_returnChangedCopies() {
        MsrpUri relay = MsrpUri.of("msrps", "relay.example.com", 2855, null, MsrpUri.TCP);
        MsrpUri session = relay.withSessionId("jui787s2f");
        assertEquals("msrps://relay.example.com:2855/jui787s2f;tcp", session.format());
        assertEquals("msrps://relay.example.com:443/jui787s2f;ws", session.withPort(443).withTransport("ws").format());
        assertNull(relay.sessionId());
    }
}
