package io.ferry.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.NameAddr;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TelURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServletAddressTest {

    private static Address addr(String text) throws Exception {
        return AddressFactory.createAddress(text);
    }

    private static ServletAddress system(String text, Mutability m) throws Exception {
        return ServletAddress.of(NameAddr.parse(text), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"Bob\" <sips:bob@biloxi.com>;tag=a48s",
            "Anonymous <sip:c8oqz84zk7z@privacy.org>;tag=hyh8",
            "<sip:alice@atlanta.com>;expires=3600;q=0.7",
            "sip:alice@atlanta.com;tag=1928301774",
            "<sip:alice@atlanta.com;transport=tcp>",
            "\"Mr. Watson\" <mailto:watson@bell-telephone.com>;q=0.1",
            "<tel:+1-201-555-0123>;tag=x",
            "<sip:bob@192.0.2.4>;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-AABBCCDDEEFF>\";reg-id=1",
            "*",
    })
    void rfc3261_20_10_addressValues_roundTrip(String text) throws Exception {
        assertEquals(text, addr(text).toString());
    }

    @Test
    void rfc3261_20_10_addrSpec_parametersBelongToTheAddress() throws Exception {
        Address a = addr("sip:alice@atlanta.com;tag=1;transport=tcp");
        assertEquals("1", a.getParameter("tag"));
        assertEquals("tcp", a.getParameter("transport"));
        assertNull(a.getURI().getParameter("transport"));
        Address b = addr("<sip:alice@atlanta.com;transport=tcp>;tag=1");
        assertEquals("tcp", b.getURI().getParameter("transport"));
        assertNull(b.getParameter("transport"));
    }

    @Test
    void rfc3261_25_1_quotedDisplayName_withEscapes() throws Exception {
        Address a = addr("\"Bob \\\"the\\\" Builder \\\\ Co\" <sip:bob@biloxi.com>");
        assertEquals("Bob \"the\" Builder \\ Co", a.getDisplayName());
        a.setDisplayName("A \"B\" \\ C");
        assertEquals("\"A \\\"B\\\" \\\\ C\" <sip:bob@biloxi.com>", a.toString());
        assertEquals("A \"B\" \\ C", addr(a.toString()).getDisplayName(), "round trip through the parser");
        a.setDisplayName(null);
        assertNull(a.getDisplayName());
        assertEquals("<sip:bob@biloxi.com>", a.toString());
        assertThrows(IllegalArgumentException.class, () -> a.setDisplayName("x\r\nVia: evil"));
    }

    @Test
    void rfc3261_25_1_tokenDisplayName_returnedAsWritten() throws Exception {
        assertEquals("Anonymous", addr("Anonymous <sip:c8oqz84zk7z@privacy.org>").getDisplayName());
        assertNull(addr("<sip:a@b.com>").getDisplayName());
    }

    @Test
    void rfc3261_10_2_2_wildcardContact() throws Exception {
        Address a = addr(" * ");
        assertTrue(a.isWildcard());
        assertNull(a.getURI());
        assertEquals("*", a.toString());
        assertEquals("*", a.getValue());
        assertEquals(a, AddressFactory.createWildcard());
        assertNotEquals(a, addr("<sip:a@b.com>"));
        assertNotEquals(addr("<sip:a@b.com>"), a);
        assertThrows(IllegalStateException.class, () -> a.setDisplayName("x"));
        assertThrows(IllegalStateException.class, () -> a.setParameter("expires", "0"));
        assertFalse(addr("<sip:a@b.com>").isWildcard());
    }

    // JSR 289 Address.equals: URIs by their equals, parameters as URI parameters (RFC 3261 §19.1.4)
    // with no well-known names, display names ignored
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"Alice\" <sip:alice@atlanta.com>;tag=1 | \"Someone else\" <sip:alice@ATLANTA.com>;tag=1",
            "<sip:%61lice@atlanta.com>;tag=1 | <sip:alice@atlanta.com>",
            "<sip:alice@atlanta.com>;expires=60 | <sip:alice@atlanta.com>;q=0.5",
            "<sip:alice@atlanta.com>;foo=BAR | <sip:alice@atlanta.com>;FOO=bar",
            "<sip:carol@chicago.com;newparam=5> | <sip:carol@chicago.com>",
            "<tel:+1-201-555-0123>;x=\"a b\" | <tel:+12015550123>;x=\"a b\"",
    })
    void jsr289_addressEquality_equalPairs(String a, String b) throws Exception {
        assertEquals(addr(a), addr(b));
        assertEquals(addr(b), addr(a));
        assertEquals(addr(a).hashCode(), addr(b).hashCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<sip:alice@atlanta.com>;tag=1 | <sip:alice@atlanta.com>;tag=2",
            "<sip:alice@atlanta.com> | <sip:bob@atlanta.com>",
            "<sip:alice@atlanta.com> | <sip:alice@atlanta.com:5060>",
            "<sip:alice@atlanta.com>;expires=60 | <sip:alice@atlanta.com>;expires=61",
            "<sip:alice@atlanta.com;transport=tcp> | <sip:alice@atlanta.com>",
    })
    void jsr289_addressEquality_unequalPairs(String a, String b) throws Exception {
        assertNotEquals(addr(a), addr(b));
        assertNotEquals(addr(b), addr(a));
    }

    @Test
    void jsr289_parameters_caseInsensitiveNames_quotedValuesUnquoted() throws Exception {
        Address a = addr("<sip:bob@192.0.2.4>;+sip.instance=\"<urn:uuid:1>\";Expires=60;ob");
        assertEquals("<urn:uuid:1>", a.getParameter("+SIP.INSTANCE"));
        assertEquals("60", a.getParameter("expires"));
        assertEquals("", a.getParameter("ob"));
        assertNull(a.getParameter("none"));
        List<String> names = new ArrayList<>();
        a.getParameterNames().forEachRemaining(names::add);
        assertEquals(List.of("+sip.instance", "Expires", "ob"), names);
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> e : a.getParameters()) pairs.add(e.getKey() + "=" + e.getValue());
        assertEquals(List.of("+sip.instance=<urn:uuid:1>", "Expires=60", "ob="), pairs);
        assertThrows(UnsupportedOperationException.class, () -> a.getParameters().clear());
    }

    @Test
    void jsr289_setParameter_quotesWhenNeeded_nullRemoves() throws Exception {
        Address a = addr("<sip:bob@biloxi.com>");
        a.setParameter("+sip.instance", "<urn:uuid:1>");
        a.setParameter("reg-id", "1");
        a.setParameter("ob", "");
        a.setParameter("received", "[2001:db8::1]");
        assertEquals("<sip:bob@biloxi.com>;+sip.instance=\"<urn:uuid:1>\";reg-id=1;ob;received=[2001:db8::1]", a.toString());
        a.setParameter("REG-ID", "2");
        assertEquals("2", a.getParameter("reg-id"));
        a.setParameter("ob", null);
        a.removeParameter("+sip.instance");
        a.removeParameter("absent");
        assertEquals("<sip:bob@biloxi.com>;reg-id=2;received=[2001:db8::1]", a.toString());
        assertThrows(IllegalArgumentException.class, () -> a.setParameter("bad name", "x"));
        assertThrows(NullPointerException.class, () -> a.setParameter(null, "x"));
    }

    @Test
    void rfc3261_20_10_qAndExpires() throws Exception {
        Address a = addr("<sip:bob@biloxi.com>;q=0.7;expires=3600");
        assertEquals(0.7f, a.getQ());
        assertEquals(3600, a.getExpires());
        a.setQ(0.5f);
        a.setExpires(0);
        assertEquals("<sip:bob@biloxi.com>;q=0.5;expires=0", a.toString());
        a.setQ(1.0f);
        assertEquals("1.0", a.getParameter("q"));
        a.setQ(0.1234f);
        assertEquals("0.123", a.getParameter("q"), "RFC 3261 §25.1 qvalue has at most three decimals");
        a.setQ(0f);
        assertEquals("0.0", a.getParameter("q"));
        assertThrows(IllegalArgumentException.class, () -> a.setQ(1.5f));
        assertThrows(IllegalArgumentException.class, () -> a.setQ(-0.5f));
        assertThrows(IllegalArgumentException.class, () -> a.setQ(Float.NaN));
        a.setQ(-1.0f);
        a.setExpires(-1);
        assertEquals(-1.0f, a.getQ());
        assertEquals(-1, a.getExpires());
        assertEquals("<sip:bob@biloxi.com>", a.toString());
        assertEquals(-1, addr("<sip:b@c.com>;expires=\"Thu, 01 Dec 1994 16:00:00 GMT\"").getExpires(), "RFC 2543 date is not delta-seconds");
        assertEquals(Integer.MAX_VALUE, addr("<sip:b@c.com>;expires=99999999999").getExpires());
    }

    @Test
    void jsr289_uri_getAndSet() throws Exception {
        Address a = addr("\"Bob\" <sip:bob@biloxi.com>;tag=1");
        SipURI u = (SipURI) a.getURI();
        u.setUser("robert");
        assertEquals("\"Bob\" <sip:robert@biloxi.com>;tag=1", a.toString(), "the URI is live");
        a.setURI(AddressFactory.createURI("tel:+1-201-555-0123"));
        assertTrue(a.getURI() instanceof TelURL);
        assertEquals("\"Bob\" <tel:+1-201-555-0123>;tag=1", a.toString());
        assertThrows(NullPointerException.class, () -> a.setURI(null));
        Address plain = addr("sip:carol@chicago.com");
        plain.setURI(AddressFactory.createURI("sip:carol@chicago.com;transport=tcp"));
        assertEquals("<sip:carol@chicago.com;transport=tcp>", plain.toString(), "URI parameters need angle brackets");
    }

    @Test
    void jsr289_getValue_setValue() throws Exception {
        Address a = addr("\"Bob\" <sip:bob@biloxi.com>;tag=1");
        assertEquals("\"Bob\" <sip:bob@biloxi.com>", a.getValue());
        a.setValue("<sip:alice@atlanta.com>;expires=5");
        assertEquals("<sip:alice@atlanta.com>;tag=1;expires=5", a.toString());
        assertNull(a.getDisplayName());
        assertThrows(IllegalArgumentException.class, () -> a.setValue("<sip:broken"));
    }

    @Test
    void jsr289_clone_deepCopyWithoutTag() throws Exception {
        Address a = addr("\"Bob\" <sip:bob@biloxi.com;transport=tcp>;tag=1;expires=60");
        Address c = (Address) a.clone();
        assertNotSame(a.getURI(), c.getURI());
        assertEquals("\"Bob\" <sip:bob@biloxi.com;transport=tcp>;expires=60", c.toString(), "JSR 289: the clone has no tag");
        ((SipURI) c.getURI()).setUser("eve");
        c.setDisplayName("Eve");
        c.setParameter("expires", "1");
        assertEquals("\"Bob\" <sip:bob@biloxi.com;transport=tcp>;tag=1;expires=60", a.toString());
        ServletAddress copy = ((ServletAddress) a).copy(Mutability.MUTABLE);
        assertEquals(a.toString(), copy.toString(), "copy keeps the tag");
        assertNotSame(a.getURI(), copy.getURI());
    }

    @Test
    void jsr289_5_4_1_readOnlyFromTag_throwsIllegalState() throws Exception {
        ServletAddress from = system("\"Alice\" <sip:alice@atlanta.com>;tag=1928301774", Mutability.TAG_LOCKED);
        assertThrows(IllegalStateException.class, () -> from.setParameter("tag", "x"));
        assertThrows(IllegalStateException.class, () -> from.setParameter("TAG", "x"));
        assertThrows(IllegalStateException.class, () -> from.removeParameter("tag"));
        assertThrows(IllegalStateException.class, () -> from.setValue("<sip:bob@biloxi.com>;tag=2"));
        from.setDisplayName("A.");
        from.setParameter("foo", "bar");
        ((SipURI) from.getURI()).setUser("alicia");
        assertEquals("\"A.\" <sip:alicia@atlanta.com>;tag=1928301774;foo=bar", from.toString());
        assertEquals("1928301774", from.getParameter("tag"));
    }

    @Test
    void jsr289_5_4_1_readOnlyAddress_throwsIllegalState_onEveryChange() throws Exception {
        ServletAddress a = system("\"Alice\" <sip:alice@atlanta.com>;tag=1;expires=60", Mutability.READ_ONLY);
        assertThrows(IllegalStateException.class, () -> a.setDisplayName("x"));
        assertThrows(IllegalStateException.class, () -> a.setURI(AddressFactory.createURI("sip:x@y.com")));
        assertThrows(IllegalStateException.class, () -> a.setParameter("foo", "bar"));
        assertThrows(IllegalStateException.class, () -> a.removeParameter("expires"));
        assertThrows(IllegalStateException.class, () -> a.setQ(0.5f));
        assertThrows(IllegalStateException.class, () -> a.setExpires(1));
        assertThrows(IllegalStateException.class, () -> a.setValue("<sip:x@y.com>"));
        assertThrows(IllegalStateException.class, () -> ((SipURI) a.getURI()).setUser("eve"), "the URI is read-only too");
        assertEquals("\"Alice\" <sip:alice@atlanta.com>;tag=1;expires=60", a.toString());
        Address c = (Address) a.clone();
        c.setDisplayName("Eve");
        ((SipURI) c.getURI()).setUser("eve");
        assertEquals("\"Eve\" <sip:eve@atlanta.com>;expires=60", c.toString(), "a clone is mutable");
    }

    @Test
    void jsr289_5_4_1_readOnlyCopy_isASnapshot() throws Exception {
        ServletAddress a = (ServletAddress) addr("<sip:alice@atlanta.com>;tag=1");
        ServletAddress ro = a.readOnlyCopy();
        ((SipURI) a.getURI()).setUser("bob");
        assertEquals("<sip:alice@atlanta.com>;tag=1", ro.toString());
        assertEquals(Mutability.READ_ONLY, ro.mutability());
        assertEquals("<sip:alice@atlanta.com>;tag=1", ro.toNameAddr().toString());
    }

    @Test
    void jsr289_setURI_readOnlyUri_isCopied() throws Exception {
        Address a = addr("<sip:alice@atlanta.com>");
        ServletURI ro = AddressFactory.createURI("sip:bob@biloxi.com").readOnlyCopy();
        a.setURI(ro);
        ((SipURI) a.getURI()).setUser("carol");
        assertEquals("sip:bob@biloxi.com", ro.toString());
        ServletURI mutable = AddressFactory.createURI("sip:dave@biloxi.com");
        a.setURI(mutable);
        assertSame(mutable, a.getURI());
    }

    @Test
    void jsr289_address_serializableAsText() throws Exception {
        ServletAddress a = system("\"Bob\" <sip:bob@biloxi.com>;tag=1", Mutability.TAG_LOCKED);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(a);
            out.writeObject(a.getURI());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            ServletAddress back = (ServletAddress) in.readObject();
            assertEquals(a.toString(), back.toString());
            assertEquals(Mutability.TAG_LOCKED, back.mutability());
            assertEquals(a.getURI(), in.readObject());
        }
    }
}
