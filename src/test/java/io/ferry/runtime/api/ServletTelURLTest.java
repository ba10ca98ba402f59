package io.ferry.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.servlet.sip.TelURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServletTelURLTest {

    private static TelURL tel(String text) throws Exception {
        return assertInstanceOf(TelURL.class, AddressFactory.createURI(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tel:+1-201-555-0123 | tel:+1.201.555.0123",
            "tel:+1-201-555-0123 | tel:+1(201)5550123",
            "tel:7042;phone-context=example.com | tel:7042;PHONE-CONTEXT=Example.COM",
            "tel:+1-201-555-0123;ext=22;isub=1 | tel:+12015550123;isub=1;ext=22",
            "tel:+1-201-555-0123;foo=a%62 | tel:+12015550123;foo=ab",
            "tel:7a3f;phone-context=+1-201 | tel:7A3F;phone-context=+1-201",
    })
    void rfc3966_4_telEquality_equalPairs(String a, String b) throws Exception {
        assertEquals(tel(a), tel(b));
        assertEquals(tel(b), tel(a));
        assertEquals(tel(a).hashCode(), tel(b).hashCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tel:+1-201-555-0123 | tel:+1-201-555-0124",
            "tel:+1-201-555-0123 | tel:+1-201-555-0123;ext=22",
            "tel:+1-201-555-0123;ext=21 | tel:+1-201-555-0123;ext=22",
            "tel:+7042 | tel:7042;phone-context=+1",
            "tel:7042;phone-context=example.com | tel:7042;phone-context=example.net",
    })
    void rfc3966_4_telEquality_unequalPairs(String a, String b) throws Exception {
        assertNotEquals(tel(a), tel(b));
        assertNotEquals(tel(b), tel(a));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tel:+1-201-555-0123", "tel:7042;phone-context=example.com", "tel:+358-555-1234567;postd=pp22",
            "tel:863-1234;phone-context=+1-914-555", "tel:+1-201-555-0123;ext=22;isub=1"})
    void rfc3966_3_examples_roundTrip(String text) throws Exception {
        assertEquals(text, tel(text).toString());
        assertFalse(tel(text).isSipURI());
        assertEquals("tel", tel(text).getScheme());
    }

    @Test
    void rfc3966_5_1_4_globalNumber_phoneNumberWithoutPlus() throws Exception {
        TelURL t = tel("tel:+1-201-555-0123;ext=22");
        assertTrue(t.isGlobal());
        assertEquals("1-201-555-0123", t.getPhoneNumber());
        assertNull(t.getPhoneContext());
        assertEquals("22", t.getParameter("EXT"));
    }

    @Test
    void rfc3966_5_1_5_localNumber_hasPhoneContext() throws Exception {
        TelURL t = tel("tel:7042;phone-context=example.com");
        assertFalse(t.isGlobal());
        assertEquals("7042", t.getPhoneNumber());
        assertEquals("example.com", t.getPhoneContext());
    }

    @Test
    void rfc3966_setPhoneNumber_globalAndLocal() throws Exception {
        TelURL t = tel("tel:7042;phone-context=example.com;ext=1");
        t.setPhoneNumber("+1-201-555-0123");
        assertEquals("tel:+1-201-555-0123;ext=1", t.toString(), "phone-context dropped for a global number");
        assertTrue(t.isGlobal());
        t.setPhoneNumber("7042", "example.com");
        assertEquals("tel:7042;ext=1;phone-context=example.com", t.toString());
        assertEquals("example.com", t.getPhoneContext());
    }

    @Test
    void rfc3966_setPhoneNumber_invalid_throwsIllegalArgument() throws Exception {
        TelURL t = tel("tel:+1-201-555-0123");
        assertThrows(IllegalArgumentException.class, () -> t.setPhoneNumber("1-201-555-0123"), "global number needs +");
        assertThrows(IllegalArgumentException.class, () -> t.setPhoneNumber("+1-abc"));
        assertThrows(IllegalArgumentException.class, () -> t.setPhoneNumber("+1;ext=2"));
        assertThrows(IllegalArgumentException.class, () -> t.setPhoneNumber("+"));
        assertThrows(IllegalArgumentException.class, () -> t.setPhoneNumber("+1234", "example.com"), "local number has no +");
        assertThrows(IllegalArgumentException.class, () -> t.setPhoneNumber("7042", null));
        assertEquals("tel:+1-201-555-0123", t.toString());
    }

    @Test
    void rfc3966_3_parameters_escapedAndCaseInsensitive() throws Exception {
        TelURL t = tel("tel:+1-201-555-0123");
        t.setParameter("foo", "a b");
        assertEquals("tel:+1-201-555-0123;foo=a%20b", t.toString());
        assertEquals("a b", t.getParameter("FOO"));
        t.setParameter("FOO", "c");
        assertEquals("tel:+1-201-555-0123;foo=c", t.toString(), "replaced under its written name");
        t.setParameter("flag", "");
        assertEquals("", t.getParameter("flag"));
        t.removeParameter("foo");
        t.setParameter("flag", null);
        assertEquals("tel:+1-201-555-0123", t.toString());
        assertThrows(IllegalArgumentException.class, () -> t.setParameter("bad name", "x"));
    }

    @Test
    void rfc3966_3_trailingGarbage_rejected() {
        assertThrows(javax.servlet.sip.ServletParseException.class, () -> AddressFactory.createURI("tel:+1;bad name=x"));
    }

    @Test
    void jsr289_5_4_1_readOnlyTel_throwsIllegalState() throws Exception {
        TelURL t = (TelURL) AddressFactory.createURI("tel:+1-201-555-0123").readOnlyCopy();
        assertThrows(IllegalStateException.class, () -> t.setPhoneNumber("+1"));
        assertThrows(IllegalStateException.class, () -> t.setPhoneNumber("1", "example.com"));
        assertThrows(IllegalStateException.class, () -> t.setParameter("a", "b"));
        assertThrows(IllegalStateException.class, () -> t.removeParameter("a"));
        TelURL c = (TelURL) t.clone();
        c.setPhoneNumber("+44");
        assertEquals("tel:+44", c.toString());
        assertEquals("tel:+1-201-555-0123", t.toString());
    }
}
