package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Fixtures;
import io.ferry.sip.SanityCheck.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7118 §8: the example messages parse, are written back byte for byte, and read as the RFC means. */
class Rfc7118ExamplesTest {

    private static final SipParser PARSER = new SipParser();
    private static final SipSerializer SERIALIZER = new SipSerializer();
    private static final SanityCheck CHECK = new SanityCheck("proxy.example.com", Set.of("path", "outbound", "gruu"));

    private static SipMessage parse(String name) throws SipParseException {
        return PARSER.parse(Fixtures.sip("rfc7118/" + name));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"8.1-f3-register", "8.1-f4-200-ok", "8.2-f1-invite", "8.2-f2-100-trying", "8.2-f3-invite",
            "8.2-f4-200-ok", "8.2-f5-200-ok", "8.2-f6-ack", "8.2-f7-ack", "8.2-f8-bye", "8.2-f9-bye", "8.2-f10-200-ok",
            "8.2-f11-200-ok"})
    void rfc7118_8_example_roundTripsByteForByte(String name) throws SipParseException {
        byte[] wire = Fixtures.sip("rfc7118/" + name);
        SipMessage message = PARSER.parse(wire);
        assertArrayEquals(wire, SERIALIZER.toBytes(message));
        assertEquals(wire.length, SERIALIZER.size(message));
    }

    @Test
    void rfc7118_8_1_f3_register_readsWssViaAndWsContact() throws SipParseException {
        SipRequest r = assertInstanceOf(SipRequest.class, parse("8.1-f3-register"));
        Via via = r.topVia().orElseThrow();
        assertEquals("WSS", via.transport());
        assertEquals("df7jal23ls0d.invalid", via.host());
        NameAddr contact = r.contacts().get(0);
        SipUri uri = assertInstanceOf(SipUri.class, contact.uri());
        assertEquals("ws", uri.transport());
        assertEquals(Optional.of("1"), contact.params().get("reg-id"));
        assertEquals("<urn:uuid:f81-7dec-14a06cf1>", contact.params().unquoted("+sip.instance"));
        assertEquals(List.of("path", "outbound", "gruu"), r.supported().tags());
        assertEquals(Optional.empty(), CHECK.check(r, Role.USER_AGENT));
        assertEquals(Optional.empty(), CHECK.check(r, Role.PROXY));
    }

    @Test
    void rfc7118_8_1_f4_200ok_readsGruuContactParameters() throws SipParseException {
        SipResponse r = assertInstanceOf(SipResponse.class, parse("8.1-f4-200-ok"));
        NameAddr contact = r.contacts().get(0);
        assertEquals("sip:alice@example.com;gr=urn:uuid:f81-7dec-14a06cf1", contact.params().unquoted("pub-gruu"));
        assertEquals("sip:87ash54=3dd.98a@example.com;gr", contact.params().unquoted("temp-gruu"));
        assertEquals(Optional.of("3600"), contact.params().get("expires"));
        assertEquals(Optional.empty(), CHECK.check(r, Role.USER_AGENT));
    }

    @Test
    void rfc7118_8_2_f1_invite_foldInsideContactUri_answers400UntilUnfolded() throws SipParseException {
        SipRequest literal = assertInstanceOf(SipRequest.class, parse("8.2-f1-invite"));
        assertEquals("Bad Contact", CHECK.check(literal, Role.PROXY).orElseThrow().reason());
        String oneLine = new String(Fixtures.sip("rfc7118/8.2-f1-invite"), StandardCharsets.US_ASCII)
                .replace("<sip:alice@example.com\r\n ;gr=", "<sip:alice@example.com;gr=");
        SipRequest unfolded = assertInstanceOf(SipRequest.class, PARSER.parse(oneLine.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), CHECK.check(unfolded, Role.PROXY));
        SipUri contact = assertInstanceOf(SipUri.class, unfolded.contacts().get(0).uri());
        assertEquals(Optional.of("urn:uuid:f81-7dec-14a06cf1"), contact.params().get("gr"));
        assertTrue(contact.params().has("ob"));
        SipUri route = assertInstanceOf(SipUri.class, unfolded.routes().get(0).uri());
        assertEquals(443, route.port());
        assertEquals("ws", route.transport());
        assertTrue(route.lr());
    }

    @Test
    void rfc7118_8_2_f4_200ok_proxyForwardsToTheWssClient() throws SipParseException {
        SipResponse r = assertInstanceOf(SipResponse.class, parse("8.2-f4-200-ok"));
        assertEquals("192.0.2.10", r.topVia().orElseThrow().received());
        assertEquals(2, r.recordRoutes().size());
        assertEquals(Optional.empty(), CHECK.check(r, Role.PROXY));
    }

    @Test
    void rfc7118_8_2_f6_ack_routeListWithTrailingCommaReadsTwoRoutes() throws SipParseException {
        SipRequest r = assertInstanceOf(SipRequest.class, parse("8.2-f6-ack"));
        assertEquals(List.of("sip:h7kjh12s@proxy.example.com:443;transport=ws;lr", "sip:proxy.example.com;transport=udp;lr"),
                r.routes().stream().map(a -> a.uri().toString()).toList());
        assertEquals(Optional.empty(), CHECK.check(r, Role.PROXY));
    }

    @Test
    void rfc7118_8_2_f9_bye_toTheWssClientPassesAtTheClient() throws SipParseException {
        SipRequest r = assertInstanceOf(SipRequest.class, parse("8.2-f9-bye"));
        assertEquals(List.of("WSS", "UDP"), r.vias().stream().map(Via::transport).toList());
        assertEquals(69, r.maxForwards().orElseThrow().hops());
        assertEquals(Optional.empty(), CHECK.check(r, Role.USER_AGENT));
    }
}
