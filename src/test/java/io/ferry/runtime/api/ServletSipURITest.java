package io.ferry.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.servlet.sip.SipURI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServletSipURITest {

    private static SipURI sip(String text) throws Exception {
        return assertInstanceOf(SipURI.class, AddressFactory.createURI(text));
    }

    private static List<String> list(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    // RFC 3261 §19.1.4: the equivalent URIs it lists
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sip:%61lice@atlanta.com;transport=TCP | sip:alice@AtLanTa.CoM;Transport=tcp",
            "sip:carol@chicago.com | sip:carol@chicago.com;newparam=5",
            "sip:carol@chicago.com | sip:carol@chicago.com;security=on",
            "sip:carol@chicago.com;newparam=5 | sip:carol@chicago.com;security=on",
            "sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com | sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com",
            "sip:alice@atlanta.com?subject=project%20x&priority=urgent | sip:alice@atlanta.com?priority=urgent&subject=project%20x",
    })
    void rfc3261_19_1_4_uriEquality_equalPairs(String a, String b) throws Exception {
        SipURI x = sip(a);
        SipURI y = sip(b);
        assertEquals(x, y);
        assertEquals(y, x);
        assertEquals(x.hashCode(), y.hashCode(), "hashCode consistent with equals");
    }

    // RFC 3261 §19.1.4: the non-equivalent URIs it lists
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SIP:ALICE@AtLanTa.CoM;Transport=udp | sip:alice@AtLanTa.CoM;Transport=UDP",
            "sip:bob@biloxi.com | sip:bob@biloxi.com:5060",
            "sip:bob@biloxi.com | sip:bob@biloxi.com;transport=udp",
            "sip:bob@biloxi.com | sip:bob@biloxi.com:6000;transport=tcp",
            "sip:carol@chicago.com | sip:carol@chicago.com?Subject=next%20meeting",
            "sip:bob@phone21.boxesbybob.com | sip:bob@192.0.2.4",
            "sip:carol@chicago.com;security=on | sip:carol@chicago.com;security=off",
            "sip:alice@atlanta.com | sips:alice@atlanta.com",
            "sip:alice@atlanta.com;maddr=239.255.255.1 | sip:alice@atlanta.com",
            "sip:alice:pw@atlanta.com | sip:alice@atlanta.com",
            "sip:a%3bb@atlanta.com | sip:a;b@atlanta.com",
    })
    void rfc3261_19_1_4_uriEquality_unequalPairs(String a, String b) throws Exception {
        assertNotEquals(sip(a), sip(b));
        assertNotEquals(sip(b), sip(a));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sip:alice@atlanta.com",
            "sips:alice:secretword@atlanta.com:5061;transport=tcp;lr;maddr=239.255.255.1?subject=project%20x&priority=urgent",
            "sip:+1-212-555-1212:1234@gateway.com;user=phone",
            "sip:alice@192.0.2.4",
            "sip:[2001:db8::10]:5070;transport=ws",
            "sip:atlanta.com;method=REGISTER?to=alice%40atlanta.com",
            "sip:bob@biloxi.com;%6C%72",
    })
    void rfc3261_19_1_3_examples_roundTrip(String text) throws Exception {
        assertEquals(text, sip(text).toString());
    }

    @Test
    void rfc3261_19_1_1_components_readThroughApi() throws Exception {
        SipURI u = sip("sips:alice:secret%20word@atlanta.com:5061;transport=tcp;lr;ttl=15;maddr=239.255.255.1;method=INVITE;user=ip?subject=project%20x&priority=urgent");
        assertTrue(u.isSecure());
        assertEquals("sips", u.getScheme());
        assertTrue(u.isSipURI());
        assertEquals("alice", u.getUser());
        assertEquals("secret word", u.getUserPassword());
        assertEquals("atlanta.com", u.getHost());
        assertEquals(5061, u.getPort());
        assertEquals("tcp", u.getTransportParam());
        assertTrue(u.getLrParam());
        assertEquals("", u.getParameter("lr"), "flag parameter is the empty string");
        assertEquals(15, u.getTTLParam());
        assertEquals("239.255.255.1", u.getMAddrParam());
        assertEquals("INVITE", u.getMethodParam());
        assertEquals("ip", u.getUserParam());
        assertEquals("project x", u.getHeader("Subject"), "header names case-insensitive, value unescaped");
        assertEquals(List.of("subject", "priority"), list(u.getHeaderNames()));
        assertEquals(List.of("transport", "lr", "ttl", "maddr", "method", "user"), list(u.getParameterNames()));
        assertNull(u.getParameter("nothere"));
        assertEquals("tcp", u.getParameter("TRANSPORT"), "parameter names case-insensitive");
    }

    @Test
    void rfc3261_19_1_2_setUser_escapesReservedCharacters() throws Exception {
        SipURI u = AddressFactory.createSipURI("alice smith", "atlanta.com");
        assertEquals("sip:alice%20smith@atlanta.com", u.toString());
        assertEquals("alice smith", u.getUser());
        u.setUser("a@b:c%d");
        assertEquals("a@b:c%d", u.getUser());
        assertEquals("sip:a%40b%3Ac%25d@atlanta.com", u.toString());
        u.setUser("+1-212;isub=1?x");
        assertEquals("sip:+1-212;isub=1?x@atlanta.com", u.toString(), "user-unreserved ; ? stay");
        u.setUserPassword("p@ss");
        assertEquals("sip:+1-212;isub=1?x:p%40ss@atlanta.com", u.toString());
        assertEquals("p@ss", u.getUserPassword());
        u.setUser(null);
        assertEquals("sip:atlanta.com", u.toString(), "no user, no password");
        assertThrows(IllegalArgumentException.class, () -> u.setUserPassword("x"));
    }

    @Test
    void rfc3261_19_1_2_getUser_unescapes() throws Exception {
        assertEquals("alice", sip("sip:%61lice@atlanta.com").getUser());
        assertEquals("bob smith", sip("sip:bob%20smith@atlanta.com").getUser());
        assertEquals("é", sip("sip:%C3%A9@atlanta.com").getUser());
    }

    @Test
    void rfc3261_19_1_2_parameterAndHeaderValues_escapedOnSet() throws Exception {
        SipURI u = AddressFactory.createSipURI(null, "atlanta.com");
        u.setParameter("foo", "a b;c");
        assertEquals("sip:atlanta.com;foo=a%20b%3Bc", u.toString());
        assertEquals("a b;c", u.getParameter("foo"));
        u.setHeader("Subject", "project x&y");
        assertEquals("sip:atlanta.com;foo=a%20b%3Bc?Subject=project%20x%26y", u.toString());
        assertEquals("project x&y", u.getHeader("subject"));
        u.setHeader("SUBJECT", "z");
        assertEquals("sip:atlanta.com;foo=a%20b%3Bc?SUBJECT=z", u.toString(), "replaced, not added");
        u.removeHeader("subject");
        u.removeParameter("FOO");
        assertEquals("sip:atlanta.com", u.toString());
    }

    @Test
    void rfc3261_19_1_1_setters_buildTheUri() throws Exception {
        SipURI u = AddressFactory.createSipURI("bob", "biloxi.com");
        u.setPort(5080);
        u.setSecure(true);
        u.setTransportParam("tls");
        u.setLrParam(true);
        u.setTTLParam(1);
        u.setMAddrParam("239.255.255.1");
        u.setMethodParam("INVITE");
        u.setUserParam("phone");
        assertEquals("sips:bob@biloxi.com:5080;transport=tls;lr;ttl=1;maddr=239.255.255.1;method=INVITE;user=phone", u.toString());
        u.setLrParam(false);
        u.setTTLParam(-1);
        u.setMAddrParam(null);
        u.setParameter("method", null);
        u.setUserParam(null);
        u.setPort(-1);
        u.setSecure(false);
        assertEquals("sip:bob@biloxi.com;transport=tls", u.toString());
        assertFalse(u.getLrParam());
        assertEquals(-1, u.getTTLParam());
        assertEquals(-1, u.getPort());
    }

    @Test
    void rfc3261_25_1_setHost_ipv6GetsBrackets() throws Exception {
        SipURI u = AddressFactory.createSipURI("alice", "atlanta.com");
        u.setHost("2001:db8::1");
        assertEquals("sip:alice@[2001:db8::1]", u.toString());
        assertEquals("[2001:db8::1]", u.getHost());
    }

    @Test
    void rfc3261_25_1_invalidComponents_rejectedByParser() throws Exception {
        SipURI u = AddressFactory.createSipURI("alice", "atlanta.com");
        assertThrows(IllegalArgumentException.class, () -> u.setHost("bad host"));
        assertThrows(IllegalArgumentException.class, () -> u.setHost(""));
        assertThrows(IllegalArgumentException.class, () -> u.setPort(70000));
        assertThrows(IllegalArgumentException.class, () -> u.setTTLParam(256));
        assertThrows(IllegalArgumentException.class, () -> u.setUser(""));
        assertThrows(IllegalArgumentException.class, () -> AddressFactory.createSipURI("a", "-bad-.com"));
        assertEquals("sip:alice@atlanta.com", u.toString(), "unchanged after refused changes");
    }

    @Test
    void jsr289_uriClone_isIndependent() throws Exception {
        SipURI u = sip("sip:alice@atlanta.com;transport=tcp?subject=x");
        SipURI c = (SipURI) u.clone();
        assertNotSame(u, c);
        assertEquals(u, c);
        c.setUser("bob");
        c.setParameter("transport", "udp");
        c.setHeader("subject", "y");
        assertEquals("sip:alice@atlanta.com;transport=tcp?subject=x", u.toString());
        assertEquals("sip:bob@atlanta.com;transport=udp?subject=y", c.toString());
    }

    @Test
    void jsr289_5_4_1_readOnlyUri_throwsIllegalState_cloneIsMutable() throws Exception {
        ServletURI ro = AddressFactory.createURI("sip:alice@atlanta.com").readOnlyCopy();
        SipURI u = (SipURI) ro;
        assertTrue(ro.isReadOnly());
        assertThrows(IllegalStateException.class, () -> u.setUser("bob"));
        assertThrows(IllegalStateException.class, () -> u.setHost("x.com"));
        assertThrows(IllegalStateException.class, () -> u.setPort(1));
        assertThrows(IllegalStateException.class, () -> u.setSecure(true));
        assertThrows(IllegalStateException.class, () -> u.setParameter("lr", ""));
        assertThrows(IllegalStateException.class, () -> u.removeParameter("lr"));
        assertThrows(IllegalStateException.class, () -> u.setHeader("a", "b"));
        assertThrows(IllegalStateException.class, () -> u.removeHeader("a"));
        assertEquals("sip:alice@atlanta.com", u.toString());
        SipURI c = (SipURI) u.clone();
        c.setUser("bob");
        assertEquals("sip:bob@atlanta.com", c.toString());
    }

    @Test
    void jsr289_equals_acceptsAnotherImplementationByItsText() throws Exception {
        SipURI ours = sip("sip:alice@atlanta.com");
        javax.servlet.sip.URI theirs = new ForeignUri("sip:alice@ATLANTA.com");
        assertEquals(ours, theirs);
        assertNotEquals(ours, new ForeignUri("sip:bob@atlanta.com"));
        assertNotEquals(ours, "sip:alice@atlanta.com");
    }

    /** A URI of another implementation, known only by its text. */
    private record ForeignUri(String text) implements javax.servlet.sip.URI {
        @Override public javax.servlet.sip.URI clone() { return this; }
        @Override public String getParameter(String key) { return null; }
        @Override public Iterator<String> getParameterNames() { return List.<String>of().iterator(); }
        @Override public String getScheme() { return text.substring(0, text.indexOf(':')); }
        @Override public boolean isSipURI() { return true; }
        @Override public void removeParameter(String name) { throw new IllegalStateException(); }
        @Override public void setParameter(String name, String value) { throw new IllegalStateException(); }
        @Override public String toString() { return text; }
    }
}
