package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {

    private static Headers parsed() throws SipParseException {
        return new SipParser().parse(SipParserTest.crlf("""
                OPTIONS sip:bob@biloxi.com SIP/2.0
                Via: SIP/2.0/UDP a;branch=z9hG4bK1
                v: SIP/2.0/UDP b;branch=z9hG4bK2
                Route: <sip:p1;lr>
                X-A: 1
                Call-ID: c
                l: 0

                """)).headers();
    }

    private static List<String> lines(Headers h) {
        return h.asList().stream().map(HeaderField::toString).toList();
    }

    @Test
    void rfc3261_7_3_3_lookup_byFullOrCompactName_anyCase() throws Exception {
        Headers h = parsed();
        assertEquals(6, h.size());
        assertEquals(2, h.count("VIA"));
        assertEquals(2, h.count("V"));
        assertEquals(List.of("SIP/2.0/UDP a;branch=z9hG4bK1", "SIP/2.0/UDP b;branch=z9hG4bK2"), h.values("via"));
        assertEquals("0", h.firstValue("Content-Length").orElseThrow());
        assertEquals("l", h.first("content-length").orElseThrow().name());
        assertEquals(0, h.indexOf("v"));
        assertEquals(-1, h.indexOf("Contact"));
        assertTrue(h.firstValue("X-B").isEmpty());
        assertEquals("1\r\nCall-ID: ".length(), h.get(4).offset() - h.get(3).offset());
    }

    @Test
    void edits_keepOrder_andUntouchedFieldsByteForByte() throws Exception {
        Headers h = parsed();
        assertEquals(List.of("Via: SIP/2.0/UDP a;branch=z9hG4bK1", "v: SIP/2.0/UDP b;branch=z9hG4bK2", "Route: <sip:p1;lr>",
                "x-a: 2", "Call-ID: c", "l: 0"), lines(h.with("x-a", "2")));
        assertEquals(List.of("Route: <sip:p1;lr>", "X-A: 1", "Call-ID: c", "l: 0"), lines(h.without("Via")));
        assertEquals(List.of("Via: SIP/2.0/UDP a;branch=z9hG4bK1", "v: SIP/2.0/UDP b;branch=z9hG4bK2",
                "Record-Route: <sip:me;lr>", "Route: <sip:p1;lr>", "X-A: 1", "Call-ID: c", "l: 0"),
                lines(h.insert(2, HeaderField.of("Record-Route", "<sip:me;lr>"))));
        assertEquals("Route: <sip:p0;lr>", lines(h.prepend("Route", "<sip:p0;lr>")).get(2));
        assertEquals("Max-Forwards: 70", lines(h.prepend("Max-Forwards", "70")).get(0));
        assertEquals("Max-Forwards: 70", lines(h.append("Max-Forwards", "70")).get(6));
        assertEquals(List.of("X-A: 1", "Call-ID: c", "l: 0"), lines(h.without("v").without("Route")));
        assertEquals(List.of("Via: x", "Via: y", "Route: <sip:p1;lr>"),
                lines(h.without("X-A").without("Call-ID").without("l").replace(0, HeaderField.of("Via", "x"), HeaderField.of("Via", "y"))
                        .replace(2)));
        assertSame(h, h.without("Contact"));
        assertEquals(h, parsed());
        assertEquals(h.hashCode(), parsed().hashCode());
    }

    @Test
    void headerField_of_rejectsInjection() {
        assertThrows(IllegalArgumentException.class, () -> HeaderField.of("X-A", "1\r\nVia: evil"));
        assertThrows(IllegalArgumentException.class, () -> HeaderField.of("X A", "1"));
        assertThrows(IllegalArgumentException.class, () -> HeaderField.of("", "1"));
        HeaderField f = HeaderField.of("X-A", "  padded  ");
        assertEquals("padded", f.value());
        assertEquals(-1, f.offset());
        assertEquals("X-A: padded", f.toString());
        assertFalse(f.isList());
        assertTrue(HeaderField.of("k", "a, b").isList());
        assertEquals(List.of("a", "b"), HeaderField.of("k", "a, b").values());
    }

    @Test
    void rfc3261_16_4_removingTheTopRouteValue_keepsTheOthers() throws Exception {
        Headers h = new SipParser().parse(SipParserTest.crlf("""
                INVITE sip:bob@biloxi.com SIP/2.0
                Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>
                Route: <sip:p3.example.com;lr>
                Content-Length: 0

                """)).headers();
        Headers popped = h.withoutFirstValue("route");
        assertEquals(List.of("<sip:p2.example.com;lr>", "<sip:p3.example.com;lr>"), popped.values("Route"));
        assertEquals(List.of("<sip:p3.example.com;lr>"), popped.withoutFirstValue("Route").values("Route"));
        assertEquals(List.of("<sip:me;lr>", "<sip:p2.example.com;lr>", "<sip:p3.example.com;lr>"),
                h.withFirstValue("Route", "<sip:me;lr>").values("Route"));
        assertSame(h, h.withoutFirstValue("Record-Route"));
        assertEquals("Record-Route: <sip:me;lr>", h.withFirstValue("record-route", "<sip:me;lr>").get(0).toString());
    }
}
