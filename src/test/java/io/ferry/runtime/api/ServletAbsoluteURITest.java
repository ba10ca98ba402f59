package io.ferry.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.servlet.sip.URI;
import org.junit.jupiter.api.Test;

class ServletAbsoluteURITest {

    @Test
    void jsr289_createURI_anyScheme_isRepresented() throws Exception {
        URI u = AddressFactory.createURI("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        assertInstanceOf(ServletAbsoluteURI.class, u);
        assertEquals("urn", u.getScheme());
        assertFalse(u.isSipURI());
        assertEquals("urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6", u.toString());
        assertNull(u.getParameter("x"));
        assertFalse(u.getParameterNames().hasNext());
    }

    @Test
    void rfc3986_equality_schemeCaseInsensitive_restExact() throws Exception {
        URI a = AddressFactory.createURI("mailto:alice@atlanta.com");
        assertEquals(a, AddressFactory.createURI("MAILTO:alice@atlanta.com"));
        assertEquals(a.hashCode(), AddressFactory.createURI("MAILTO:alice@atlanta.com").hashCode());
        assertNotEquals(a, AddressFactory.createURI("mailto:bob@atlanta.com"));
        assertNotEquals(a, AddressFactory.createURI("sip:alice@atlanta.com"));
    }

    @Test
    void rfc3986_parameters_refused() throws Exception {
        URI a = AddressFactory.createURI("urn:x:y");
        assertThrows(IllegalArgumentException.class, () -> a.setParameter("a", "b"));
        a.removeParameter("a");
        assertEquals("urn:x:y", a.toString());
        URI ro = ((ServletURI) a).readOnlyCopy();
        assertThrows(IllegalStateException.class, () -> ro.removeParameter("a"));
    }
}
