package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderViewsTest {

    @Test
    void rfc3261_20_42_via_allParts() throws Exception {
        Via v = Via.parse("SIP / 2.0 / TCP  pc33.atlanta.com : 5066 ;branch=z9hG4bK776asdhds ; received=192.0.2.1;x=\"q\";ttl=16");
        assertEquals("SIP", v.protocolName());
        assertEquals("2.0", v.protocolVersion());
        assertEquals("TCP", v.transport());
        assertEquals("pc33.atlanta.com", v.host());
        assertEquals(5066, v.port());
        assertEquals("pc33.atlanta.com:5066", v.sentBy());
        assertEquals("z9hG4bK776asdhds", v.branch());
        assertEquals("192.0.2.1", v.received());
        assertEquals("\"q\"", v.params().value("x"));
        assertEquals("16", v.params().value("ttl"));
    }

    @Test
    void rfc3261_20_42_via_ipv6SentByAndReceived() throws Exception {
        Via v = Via.parse("SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bK1;received=2001:db8::9:255");
        assertEquals("[2001:db8::9:1]", v.host());
        assertEquals(5060, v.port());
        assertEquals("2001:db8::9:255", v.received());
    }

    @Test
    void rfc3581_rport_withAndWithoutValue() throws Exception {
        Via bare = Via.parse("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK1");
        assertTrue(bare.hasRport());
        assertEquals(OptionalInt.empty(), bare.rport());
        Via filled = bare.withReceived("192.0.2.7").withRport(40123);
        assertEquals("SIP/2.0/UDP 10.0.0.1:5060;rport=40123;branch=z9hG4bK1;received=192.0.2.7", filled.toString());
        assertEquals(OptionalInt.of(40123), filled.rport());
        assertEquals("192.0.2.7", filled.received());
        Via none = Via.parse("SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK1");
        assertFalse(none.hasRport());
        assertEquals("SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK1;received=192.0.2.7",
                none.withReceived("192.0.2.7").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SIP/2.0", "SIP/2.0/UDP", "SIP/2.0/UDP host:99999", "SIP/2.0/UDPhost",
            "SIP/2.0/UDP host;", "SIP/2.0/UDP host;branch=\"x", "SIP/2.0/UDP host (comment)"})
    void rfc3261_20_42_malformedVia_answers400(String value) {
        SipParseException e = assertThrows(SipParseException.class, () -> Via.parse(value));
        assertEquals(400, e.status());
        assertEquals("Bad Via", e.reason());
        assertEquals(SipParseFailure.BAD_HEADER_VALUE, e.failure());
    }

    @Test
    void rfc3261_20_10_nameAddr_forms() throws Exception {
        NameAddr quoted = NameAddr.parse("\"Mr. \\\"Watson\\\"\" <sip:watson@worcester.bell-telephone.com>;tag=abc;x");
        assertEquals("\"Mr. \\\"Watson\\\"\"", quoted.displayName());
        assertEquals("Mr. \"Watson\"", quoted.displayNameUnquoted());
        assertEquals("abc", quoted.tag());
        assertTrue(quoted.params().has("x"));
        assertNull(quoted.params().value("x"));

        NameAddr tokens = NameAddr.parse("Bob  Smith <sips:bob@biloxi.com>");
        assertEquals("Bob  Smith", tokens.displayName());
        assertTrue(((SipUri) tokens.uri()).secure());

        NameAddr spec = NameAddr.parse("sip:alice@atlanta.com;tag=88sja8x");
        assertFalse(spec.angleBrackets());
        assertEquals("88sja8x", spec.tag());
        assertTrue(((SipUri) spec.uri()).params().isEmpty());

        NameAddr inner = NameAddr.parse("<sip:alice@atlanta.com;transport=tcp>;expires=60");
        assertEquals("tcp", ((SipUri) inner.uri()).transport());
        assertEquals("60", inner.params().value("expires"));
        assertEquals("<sip:alice@atlanta.com;transport=tcp>;expires=60", inner.toString());

        NameAddr tel = NameAddr.parse("<tel:+12125551212>");
        assertEquals("tel", tel.uri().scheme());
    }

    @Test
    void rfc3261_10_2_2_contactWildcard() throws Exception {
        assertSame(NameAddr.WILDCARD, NameAddr.parse(" * "));
        assertTrue(NameAddr.WILDCARD.isWildcard());
        assertNull(NameAddr.WILDCARD.uri());
        SipMessage m = new SipParser().parse(SipParserTest.crlf("""
                REGISTER sip:example.com SIP/2.0
                Via: SIP/2.0/UDP a;branch=z9hG4bK1
                To: <sip:a@example.com>
                From: <sip:a@example.com>;tag=1
                Call-ID: x
                CSeq: 2 REGISTER
                Contact: *
                Expires: 0
                Content-Length: 0

                """));
        assertTrue(m.contacts().get(0).isWildcard());
        assertEquals(0, m.expires().orElseThrow().seconds());
    }

    @Test
    void rfc3261_20_20_fromWithWildcard_isRejected() throws Exception {
        SipMessage m = new SipParser().parse(SipParserTest.crlf("""
                OPTIONS sip:example.com SIP/2.0
                From: *
                Content-Length: 0

                """));
        SipParseException e = assertThrows(SipParseException.class, m::from);
        assertEquals("Bad From", e.reason());
    }

    @Test
    void nameAddr_copiesOnChange() throws Exception {
        NameAddr to = NameAddr.parse("Bob <sip:bob@biloxi.com>");
        assertEquals("Bob <sip:bob@biloxi.com>;tag=a6c85cf", to.withTag("a6c85cf").toString());
        assertEquals("\"B \\\"x\\\"\" <sip:bob@biloxi.com>", to.withDisplayName("B \"x\"").toString());
        assertEquals("sip:alice@atlanta.com;tag=1", NameAddr.parse("sip:alice@atlanta.com").withTag("1").toString());
    }

    @Test
    void rfc3261_20_16_cseq_rangeAndForm() throws Exception {
        assertEquals(new CSeq(4711, "INVITE"), CSeq.parse(" 4711   INVITE "));
        assertEquals(2147483647L, CSeq.parse("2147483647 ACK").number());
        assertThrows(SipParseException.class, () -> CSeq.parse("2147483648 ACK"));
        assertThrows(SipParseException.class, () -> CSeq.parse("36893488147419103232 INVITE"));
        assertThrows(SipParseException.class, () -> CSeq.parse("1INVITE"));
        assertThrows(SipParseException.class, () -> CSeq.parse("INVITE"));
        assertThrows(SipParseException.class, () -> CSeq.parse("1 INVITE x"));
    }

    @Test
    void rfc4475_3_1_2_4_scalarsOutOfRange_areRejected() throws Exception {
        assertEquals(255, MaxForwards.parse("255").hops());
        assertEquals("Bad Max-Forwards", assertThrows(SipParseException.class, () -> MaxForwards.parse("300")).reason());
        assertEquals(4294967295L, Expires.parse("4294967295").seconds());
        assertThrows(SipParseException.class, () -> Expires.parse("4294967296"));
        assertThrows(SipParseException.class, () -> Expires.parse("1 0"));
        assertEquals(5, ContentLength.parse(" 5 ").length());
        assertEquals(69, new MaxForwards(70).decremented().hops());
    }

    @Test
    void rfc3261_20_15_contentType() throws Exception {
        ContentType ct = ContentType.parse("multipart/mixed ; boundary=\"unique-boundary-1\"");
        assertTrue(ct.is("MULTIPART", "Mixed"));
        assertEquals("multipart/mixed", ct.mediaType());
        assertEquals("unique-boundary-1", ct.params().unquoted("boundary"));
        assertThrows(SipParseException.class, () -> ContentType.parse("text"));
    }

    @Test
    void rfc3261_20_44_challenge_andCredentials_keepQuoting() throws Exception {
        AuthHeader c = AuthHeader.parse("Digest realm=\"127.0.0.1\", nonce=\"awXaRGsF2Rj1wHA908KvDntE0/9pbayw\", qop=\"auth\", algorithm=MD5, stale=FALSE");
        assertTrue(c.isScheme("digest"));
        assertEquals("127.0.0.1", c.param("realm").orElseThrow());
        assertEquals("awXaRGsF2Rj1wHA908KvDntE0/9pbayw", c.param("NONCE").orElseThrow());
        assertTrue(c.params().get(2).quoted());
        assertFalse(c.params().get(3).quoted());
        assertEquals("MD5", c.param("algorithm").orElseThrow());
        assertEquals("Digest realm=\"127.0.0.1\", nonce=\"awXaRGsF2Rj1wHA908KvDntE0/9pbayw\", qop=\"auth\", algorithm=MD5, stale=FALSE",
                c.toString());
        AuthHeader escaped = AuthHeader.parse("Digest username=\"a\\\"b\", uri=\"sip:x\"");
        assertEquals("a\"b", escaped.param("username").orElseThrow());
        assertThrows(SipParseException.class, () -> AuthHeader.parse("Digest realm"));
        assertThrows(SipParseException.class, () -> AuthHeader.parse("Digest realm=\"x"));
        assertThrows(SipParseException.class, () -> AuthHeader.parse("Digest a=b c=d"));
    }

    @Test
    void rfc3261_19_2_optionTags() throws Exception {
        SipMessage m = new SipParser().parse(SipParserTest.crlf("""
                OPTIONS sip:example.com SIP/2.0
                Supported: path, gruu
                k: outbound
                Require: 100rel
                Proxy-Require: foo, bar
                Content-Length: 0

                """));
        assertEquals(List.of("path", "gruu", "outbound"), m.supported().tags());
        assertTrue(m.supported().contains("GRUU"));
        assertTrue(m.require().contains("100rel"));
        assertEquals(2, m.proxyRequire().tags().size());
        SipMessage bad = m.withHeader("Require", "a b");
        assertEquals("Bad Require", assertThrows(SipParseException.class, bad::require).reason());
    }

    @Test
    void parameters_caseInsensitiveNames_flagsAndCopies() throws Exception {
        Via v = Via.parse("SIP/2.0/UDP h;BRANCH=z9hG4bK1;lr");
        assertEquals("z9hG4bK1", v.branch());
        assertEquals("", v.params().get("lr").orElseThrow());
        assertTrue(v.params().get("nope").isEmpty());
        assertEquals(";BRANCH=z9hG4bK2;lr", v.params().with("branch", "z9hG4bK2").toString());
        assertEquals(";lr", v.params().without("Branch").toString());
    }
}
