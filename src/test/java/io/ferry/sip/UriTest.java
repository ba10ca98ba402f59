package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UriTest {

    @Test
    void rfc3261_19_1_1_fullSipUri_componentsAsWritten() throws Exception {
        SipUri u = assertInstanceOf(SipUri.class,
                Uri.parse("sips:alice:secretword@atlanta.com:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent"));
        assertTrue(u.secure());
        assertEquals("sips", u.scheme());
        assertEquals("alice", u.user());
        assertEquals("secretword", u.password());
        assertEquals("atlanta.com", u.host());
        assertEquals(5061, u.port());
        assertEquals("tcp", u.transport());
        assertTrue(u.lr());
        assertEquals("239.255.255.1", u.maddr());
        assertEquals(2, u.headers().size());
        assertEquals("project%20x", u.headers().get(0).value());
        assertEquals("sips:alice:secretword@atlanta.com:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent",
                u.toString());
    }

    @Test
    void rfc3261_19_1_3_examples_parse() throws Exception {
        for (String s : new String[] {
                "sip:alice@atlanta.com", "sip:alice:secretword@atlanta.com;transport=tcp",
                "sips:alice@atlanta.com?subject=project%20x&priority=urgent",
                "sip:+1-212-555-1212:1234@gateway.com;user=phone", "sips:1212@gateway.com",
                "sip:alice@192.0.2.4", "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com",
                "sip:alice;day=tuesday@atlanta.com"}) {
            assertEquals(s, Uri.parse(s).toString());
        }
        SipUri semi = SipUri.parse("sip:alice;day=tuesday@atlanta.com");
        assertEquals("alice;day=tuesday", semi.user());
        assertTrue(semi.params().isEmpty());
        assertEquals("phone", SipUri.parse("sip:+1-212-555-1212:1234@gateway.com;user=phone").params().value("user"));
    }

    @Test
    void rfc3261_19_1_1_ipv6Reference_andPort() throws Exception {
        SipUri u = SipUri.parse("sip:[2001:db8::10]:5070;transport=udp");
        assertEquals("[2001:db8::10]", u.host());
        assertEquals("2001:db8::10", u.hostAddress());
        assertEquals(5070, u.port());
        assertTrue(u.hasIpHost());
        assertTrue(SipUri.parse("sip:[::ffff:192.0.2.1]").hasIpHost());
        assertFalse(SipUri.parse("sip:example.com").hasIpHost());
        assertTrue(SipUri.parse("sip:192.0.2.1").hasIpHost());
    }

    @Test
    void rfc3261_19_1_2_escapedUser_isDecodedOnRequest() throws Exception {
        SipUri u = SipUri.parse("sip:%61lice%20smith@atlanta.com");
        assertEquals("%61lice%20smith", u.user());
        assertEquals("alice smith", u.userDecoded());
        assertEquals("sip:alice%20smith@atlanta.com", SipUri.of("alice smith", "atlanta.com").toString());
        assertEquals("sip:a;b=c@atlanta.com", SipUri.of("a;b=c", "atlanta.com").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sip:", "sip:@example.com", "sip:alice@", "sip:alice@exa mple.com", "sip:alice@example.com:",
            "sip:alice@example.com:65536", "sip:alice@example.com:5060x", "sip:alice@[2001:db8::1",
            "sip:alice@[2001:db8::g]", "sip:alice@-example.com", "sip:al<ice@example.com", "sip:alice@example.com;=x",
            "sip:alice@example.com;a=", "sip:alice@example.com?x", "sip:alice%2@example.com", "sip:a@b..c",
            "tel:", "tel:123", "tel:+12a", "tel:+1;bad name=x", "tel:+1;a\"b", "sip:a@b;bad name=x", "sip:a@b;x=1 2", "1sip:x", ":x", "mailto:", "http:a b"})
    void rfc3261_25_1_malformedUris_answer400(String text) {
        SipParseException e = assertThrows(SipParseException.class, () -> Uri.parse(text));
        assertEquals(400, e.status());
    }

    @Test
    void rfc3966_telUri_globalAndLocal() throws Exception {
        TelUri g = assertInstanceOf(TelUri.class, Uri.parse("tel:+1-201-555-0123;ext=42"));
        assertTrue(g.isGlobal());
        assertEquals("+12015550123", g.digits());
        assertEquals("42", g.params().value("ext"));
        TelUri l = assertInstanceOf(TelUri.class, Uri.parse("tel:7042;phone-context=example.com"));
        assertFalse(l.isGlobal());
        assertTrue(g.matches(Uri.parse("tel:+1.201.555.0123;EXT=42")));
        assertFalse(g.matches(Uri.parse("tel:+1-201-555-0123")));
        assertEquals("tel:+1-201-555-0123;ext=42", g.toString());
    }

    @Test
    void rfc3261_25_1_otherSchemes_areAbsoluteUris() throws Exception {
        AbsoluteUri u = assertInstanceOf(AbsoluteUri.class, Uri.parse("URN:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
        assertEquals("urn", u.scheme());
        assertTrue(u.matches(Uri.parse("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6")));
        assertFalse(u.matches(Uri.parse("urn:uuid:x")));
        assertEquals("URN:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", u.toString());
    }

    /** RFC 3261 §19.1.4: every pair the RFC lists as equivalent. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
            "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
            "sip:carol@chicago.com | sip:carol@chicago.com;security=on",
            "sip:carol@chicago.com;newparam=5 | sip:carol@chicago.com;security=on",
            "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
            "sip:alice@atlanta.com?subject=project%20x&priority=urgent | sip:alice@atlanta.com?priority=urgent&subject=project%20x"})
    void rfc3261_19_1_4_equivalentPairs_match(String a, String b) throws Exception {
        Uri x = Uri.parse(a.strip());
        Uri y = Uri.parse(b.strip());
        assertTrue(x.matches(y), a + " vs " + b);
        assertTrue(y.matches(x), b + " vs " + a);
    }

    /** RFC 3261 §19.1.4: every pair the RFC lists as not equivalent. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
            "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
            "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
            "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
            "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
            "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
            "sip:carol@chicago.com;security=on | sip:carol@chicago.com;security=off"})
    void rfc3261_19_1_4_nonEquivalentPairs_doNotMatch(String a, String b) throws Exception {
        Uri x = Uri.parse(a.strip());
        Uri y = Uri.parse(b.strip());
        assertFalse(x.matches(y), a + " vs " + b);
        assertFalse(y.matches(x), b + " vs " + a);
    }

    @Test
    void rfc3261_19_1_4_schemeAndPasswordRules() throws Exception {
        assertFalse(Uri.parse("sip:alice@atlanta.com").matches(Uri.parse("sips:alice@atlanta.com")));
        assertFalse(Uri.parse("sip:alice:a@atlanta.com").matches(Uri.parse("sip:alice:A@atlanta.com")));
        assertTrue(Uri.parse("sip:alice@atlanta.com;ttl=5;user=ip").matches(Uri.parse("sip:alice@atlanta.com;USER=IP;ttl=5")));
        assertFalse(Uri.parse("sip:alice@atlanta.com;maddr=1.2.3.4").matches(Uri.parse("sip:alice@atlanta.com")));
        assertFalse(Uri.parse("sip:alice@atlanta.com").matches(Uri.parse("tel:+1234")));
    }

    @Test
    void rfc3261_19_1_4_escapedReservedCharacter_differsFromTheCharacter() throws Exception {
        assertFalse(Uri.parse("sip:alice%3Bx@atlanta.com").matches(Uri.parse("sip:alice;x@atlanta.com")));
        assertTrue(Uri.parse("sip:alice%3bx@atlanta.com").matches(Uri.parse("sip:alice%3Bx@atlanta.com")));
        assertTrue(Uri.parse("sip:%61lice%7e@atlanta.com").matches(Uri.parse("sip:alice~@atlanta.com")));
        assertTrue(Uri.parse("sip:a@atlanta.com;%6C%72;n%61me=v%61lue%25%34%31")
                .matches(Uri.parse("sip:a@atlanta.com;lr;name=value%2541")));
        assertFalse(Uri.parse("sip:a@atlanta.com;%6C%72;n%61me=v%61lue%25%34%31")
                .matches(Uri.parse("sip:a@atlanta.com;lr;name=valueA")));
    }

    @Test
    void rfc3261_19_1_2_uriEscapes_publicHelpers() {
        assertEquals("a%20b%40c", UriEscapes.escape("a b@c", UriEscapes.Component.USER));
        assertEquals("a b@c", UriEscapes.unescape("a%20b%40c"));
        assertEquals("alice%3B", UriEscapes.normalize("%61lice%3b"));
        assertEquals(3, UriEscapes.firstInvalid("abc<d", 0, 5, UriEscapes.Component.USER));
        assertEquals(-1, UriEscapes.firstInvalid("a%20b", 0, 5, UriEscapes.Component.USER));
        assertTrue(UriEscapes.allowed(UriEscapes.Component.PARAM, ':'));
        assertFalse(UriEscapes.allowed(UriEscapes.Component.PASSWORD, ';'));
    }

    @Test
    void rfc3261_25_1_genericParamList_parsesOrRejectsWhole() throws Exception {
        Parameters p = Parameters.parse(";lr;transport=tcp; x = \"a b\"");
        assertEquals(3, p.size());
        assertTrue(p.has("lr"));
        assertEquals("tcp", p.value("transport"));
        assertEquals("a b", p.unquoted("x"));
        assertEquals(";lr;transport=tcp;x=\"a b\"", p.toString());
        assertEquals(Parameters.parse(";a=1;b"), Parameters.parse("a=1;b"));
        assertTrue(Parameters.parse("").isEmpty());
        assertThrows(SipParseException.class, () -> Parameters.parse(";a b"));
        assertThrows(SipParseException.class, () -> Parameters.parse(";a=\"x"));
        assertThrows(SipParseException.class, () -> Parameters.parse(";=x"));
    }

    @Test
    void sipUri_copiesOnChange() throws Exception {
        SipUri u = SipUri.parse("sip:bob@biloxi.com");
        SipUri lr = u.withParam("lr", null).withPort(5080).withParam("transport", "ws");
        assertEquals("sip:bob@biloxi.com:5080;lr;transport=ws", lr.toString());
        assertEquals("sip:bob@biloxi.com", u.toString());
        assertEquals("sip:bob@biloxi.com:5080;lr", lr.withoutParam("transport").toString());
        assertNull(u.transport());
    }
}
