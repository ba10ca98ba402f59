package io.ferry.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.sip.Parameters;
import java.util.List;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServletParameterableTest {

    private static Parameters charset(String v) {
        return Parameters.of(List.of(new Parameters.Param("charset", v)));
    }

    @Test
    void jsr289_parameterable_valueAndParameters() {
        Parameterable p = ServletParameterable.of("text/plain", charset("UTF-8"));
        assertEquals("text/plain", p.getValue());
        assertEquals("UTF-8", p.getParameter("CHARSET"));
        p.setParameter("format", "flowed");
        p.setValue("text/html");
        assertEquals("text/html;charset=UTF-8;format=flowed", p.toString());
        assertThrows(IllegalArgumentException.class, () -> p.setValue("a;b=c"));
    }

    @Test
    void rfc3261_7_3_1_parameterableEquality_valueCaseInsensitive() {
        assertEquals(ServletParameterable.of("Text/Plain", charset("utf-8")), ServletParameterable.of("text/plain", charset("UTF-8")));
        assertEquals(ServletParameterable.of("text/plain", charset("utf-8")).hashCode(),
                ServletParameterable.of("TEXT/plain", Parameters.empty()).hashCode());
        assertNotEquals(ServletParameterable.of("text/plain", charset("utf-8")), ServletParameterable.of("text/plain", charset("latin1")));
        assertNotEquals(ServletParameterable.of("text/plain", Parameters.empty()), ServletParameterable.of("text/html", Parameters.empty()));
    }

    @Test
    void jsr289_5_4_1_readOnlyParameterable_throwsIllegalState_cloneIsMutable() {
        ServletParameterable via = new ServletParameterable("SIP/2.0/WSS df7jal23ls0d.invalid",
                Parameters.of(List.of(new Parameters.Param("branch", "z9hG4bKnashds7"))), Mutability.READ_ONLY);
        assertThrows(IllegalStateException.class, () -> via.setValue("x"));
        assertThrows(IllegalStateException.class, () -> via.setParameter("received", "1.2.3.4"));
        assertThrows(IllegalStateException.class, () -> via.removeParameter("branch"));
        ServletParameterable c = via.clone();
        c.setParameter("rport", "");
        assertEquals("SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnashds7;rport", c.toString());
        assertEquals("SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKnashds7", via.toString());
    }

    @Test
    void rfc3261_7_3_1_createParameterable_splitsValueAndParameters() throws Exception {
        Parameterable p = AddressFactory.createParameterable("text/plain ; charset=UTF-8;format=\"flowed; x\"");
        assertEquals("text/plain", p.getValue());
        assertEquals("UTF-8", p.getParameter("charset"));
        assertEquals("flowed; x", p.getParameter("format"));
        Parameterable a = AddressFactory.createParameterable("\"a;b\" <sip:alice@atlanta.com;lr>;purpose=icon");
        assertEquals("\"a;b\" <sip:alice@atlanta.com;lr>", a.getValue());
        assertEquals("icon", a.getParameter("purpose"));
        assertEquals("60", AddressFactory.createParameterable("60").getValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ;a=b", "text/plain;", "text/plain;a=b junk", "text/plain;=b", "text/plain;a=\"open", "a\r\nVia: x;b=c"})
    void rfc3261_25_1_createParameterable_badInput_throwsServletParseException(String text) {
        assertThrows(ServletParseException.class, () -> AddressFactory.createParameterable(text));
    }

    @Test
    void rfc3261_25_1_controlCharacters_refused() throws Exception {
        Parameterable p = ServletParameterable.of("text/plain", Parameters.empty());
        assertThrows(IllegalArgumentException.class, () -> p.setParameter("a", "x\r\nVia: evil"));
        assertThrows(IllegalArgumentException.class, () -> p.setValue("x\r\nVia: evil"));
        javax.servlet.sip.Address a = AddressFactory.createAddress("<sip:a@b.com>");
        assertThrows(IllegalArgumentException.class, () -> a.setParameter("a", "x\ny"));
        assertThrows(IllegalArgumentException.class, () -> a.setDisplayName("x\u0000y"));
        assertEquals("<sip:a@b.com>", a.toString());
    }
}
