package io.ferry.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TelURL;
import javax.servlet.sip.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressFactoryTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "sip:", "<sip:alice@atlanta.com", "\"Bob <sip:bob@biloxi.com>", "sip:alice@atlanta.com extra",
            "Bob sip:bob@biloxi.com", "<sip:a b@c.com>", "<nonsense>"})
    void jsr289_createAddress_badInput_throwsServletParseException(String text) {
        ServletParseException e = assertThrows(ServletParseException.class, () -> AddressFactory.createAddress(text));
        assertTrue(e.getMessage().contains("RFC"), "the message names the rule: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice@atlanta.com", "sip:", "sip:alice@", "sip:alice@atlanta.com:99999", "tel:", "tel:abc",
            "tel:1234", "sip:alice@atlanta.com;", "sip:[::1"})
    void jsr289_createURI_badInput_throwsServletParseException(String text) {
        assertThrows(ServletParseException.class, () -> AddressFactory.createURI(text));
    }

    @Test
    void jsr289_createURI_typeByScheme() throws Exception {
        assertInstanceOf(SipURI.class, AddressFactory.createURI("sip:alice@atlanta.com"));
        SipURI s = assertInstanceOf(SipURI.class, AddressFactory.createURI("SIPS:alice@atlanta.com"));
        assertTrue(s.isSecure());
        assertEquals("sips", s.getScheme());
        assertInstanceOf(TelURL.class, AddressFactory.createURI("tel:+1-201-555-0123"));
        assertInstanceOf(ServletAbsoluteURI.class, AddressFactory.createURI("urn:service:sos"));
    }

    @Test
    void jsr289_createAddress_fromUri_copiesTheUri() throws Exception {
        URI u = AddressFactory.createURI("sip:alice@atlanta.com");
        Address a = AddressFactory.createAddress(u);
        assertEquals("<sip:alice@atlanta.com>", a.toString());
        assertNotSame(u, a.getURI());
        assertNull(a.getDisplayName());
        Address b = AddressFactory.createAddress(u, "Alice \"A\"");
        assertEquals("\"Alice \\\"A\\\"\" <sip:alice@atlanta.com>", b.toString());
        assertEquals("Alice \"A\"", b.getDisplayName());
    }

    @Test
    void jsr289_createSipURI_userUnescaped() {
        SipURI u = AddressFactory.createSipURI("alice smith", "atlanta.com");
        assertEquals("sip:alice%20smith@atlanta.com", u.toString());
        assertEquals("sip:atlanta.com", AddressFactory.createSipURI(null, "atlanta.com").toString());
        assertThrows(IllegalArgumentException.class, () -> AddressFactory.createSipURI("a", "at lanta.com"));
        assertThrows(IllegalArgumentException.class, () -> AddressFactory.createSipURI("a", null));
    }

    @Test
    void jsr289_createAddress_wildcard() throws Exception {
        assertTrue(AddressFactory.createAddress("*").isWildcard());
        assertTrue(AddressFactory.createWildcard().isWildcard());
    }
}
