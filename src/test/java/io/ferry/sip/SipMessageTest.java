package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipMessageTest {

    private final SipParser parser = new SipParser();
    private final SipSerializer serializer = new SipSerializer();

    private SipRequest request(String text) throws SipParseException {
        return (SipRequest) parser.parse(SipParserTest.crlf(text));
    }

    private static String text(SipMessage m) {
        return new String(new SipSerializer().toBytes(m), StandardCharsets.UTF_8);
    }

    @Test
    void rfc3261_8_2_6_createResponse_copiesHeadersAndAddsToTag() throws Exception {
        SipRequest r = request("""
                INVITE sip:bob@biloxi.com SIP/2.0
                v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1
                Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1
                Max-Forwards: 70
                To: Bob <sip:bob@biloxi.com>
                From: Alice <sip:alice@atlanta.com>;tag=1928301774
                Call-ID: a84b4c76e66710
                CSeq: 314159 INVITE
                Record-Route: <sip:p1.example.com;lr>
                Contact: <sip:alice@pc33.atlanta.com>
                Timestamp: 54
                Content-Length: 0

                """);
        SipResponse ringing = r.createResponse(180, null, () -> "a6c85cf");
        assertEquals("""
                SIP/2.0 180 Ringing
                v: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1
                Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1
                To: Bob <sip:bob@biloxi.com>;tag=a6c85cf
                From: Alice <sip:alice@atlanta.com>;tag=1928301774
                Call-ID: a84b4c76e66710
                CSeq: 314159 INVITE
                Record-Route: <sip:p1.example.com;lr>
                Content-Length: 0

                """.replace("\n", "\r\n"), text(ringing));

        SipResponse trying = r.createResponse(100, "Trying");
        assertEquals("Bob <sip:bob@biloxi.com>", trying.headers().firstValue("To").orElseThrow());
        assertEquals("54", trying.headers().firstValue("Timestamp").orElseThrow());
        assertFalse(trying.headers().contains("Record-Route"));

        SipResponse busy = r.createResponse(486, "Busy Here");
        assertTrue(busy.to().orElseThrow().tag().length() >= 8);
        assertFalse(busy.headers().contains("Record-Route"));
        assertEquals(486, ((SipResponse) parser.parse(serializer.toBytes(busy))).status());
    }

    @Test
    void rfc3261_8_2_6_2_existingToTag_isKept() throws Exception {
        SipRequest bye = request("""
                BYE sip:alice@pc33.atlanta.com SIP/2.0
                Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bKnashds10
                To: Alice <sip:alice@atlanta.com>;tag=1928301774
                From: Bob <sip:bob@biloxi.com>;tag=a6c85cf
                Call-ID: a84b4c76e66710
                CSeq: 231 BYE
                Content-Length: 0

                """);
        SipResponse ok = bye.createResponse(200, "OK", () -> { throw new AssertionError("no tag needed"); });
        assertEquals("1928301774", ok.to().orElseThrow().tag());
        assertEquals(200, ok.status());
        assertEquals("OK", ok.reason());
    }

    @Test
    void rfc3261_16_6_withTopVia_andWithoutTopVia_onCombinedField() throws Exception {
        SipRequest r = request("""
                OPTIONS sip:bob@biloxi.com SIP/2.0
                Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2
                Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3
                Content-Length: 0

                """);
        SipRequest proxied = r.withPrependedHeader("Via", "SIP/2.0/WSS ferry.example.com;branch=z9hG4bKf1");
        assertEquals(List.of("ferry.example.com", "a.example.com", "b.example.com", "c.example.com"),
                proxied.vias().stream().map(Via::host).toList());
        SipRequest stripped = r.withoutTopVia();
        assertEquals(List.of("b.example.com", "c.example.com"), stripped.vias().stream().map(Via::host).toList());
        assertEquals(List.of("c.example.com"), stripped.withoutTopVia().vias().stream().map(Via::host).toList());
        assertTrue(stripped.withoutTopVia().withoutTopVia().vias().isEmpty());
        SipRequest received = r.withTopVia(r.topVia().orElseThrow().withReceived("192.0.2.9"));
        assertEquals("192.0.2.9", received.topVia().orElseThrow().received());
        assertEquals(3, received.vias().size());
        assertTrue(text(received).contains("Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1;received=192.0.2.9\r\n"
                + "Via: SIP/2.0/UDP b.example.com;branch=z9hG4bK2\r\nVia: SIP/2.0/UDP c.example.com"));
    }

    @Test
    void withRequestUri_withBody_andHeaderEdits_returnCopies() throws Exception {
        SipRequest r = request(SipParserTest.REGISTER_F1);
        SipRequest moved = r.withRequestUri(SipUri.parse("sip:bob@192.0.2.4;transport=ws"));
        assertEquals("sip:bob@192.0.2.4;transport=ws", moved.requestUriText());
        assertEquals("ws", ((SipUri) moved.requestUri()).transport());
        assertEquals("sip:registrar.biloxi.com", r.requestUriText());
        assertTrue(text(moved).startsWith("REGISTER sip:bob@192.0.2.4;transport=ws SIP/2.0\r\nVia:"));

        SipRequest withBody = r.withBody("application/sdp", new byte[] {1, 2, 3});
        assertEquals(3, withBody.contentLength().orElseThrow().length());
        assertEquals("application/sdp", withBody.contentType().orElseThrow().mediaType());
        assertEquals(3, withBody.bodyLength());
        SipRequest noBody = withBody.withBody(null, new byte[0]);
        assertFalse(noBody.headers().contains("Content-Type"));
        assertEquals(0, noBody.contentLength().orElseThrow().length());

        assertFalse(r.withoutHeader("expires").headers().contains("Expires"));
        assertEquals(r.headers().size(), r.withHeader("X-New", "1").headers().size() - 1);
        assertEquals("X-New: 1", r.withAppendedHeader("X-New", "1").headers().get(r.headers().size()).toString());
        assertNotEquals(r, r.withHeader("Expires", "60"));
        assertEquals(r, request(SipParserTest.REGISTER_F1));
        assertThrows(IllegalArgumentException.class, () -> r.withHeader("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> r.withHeader("X", "a\r\nInjected: 1"));
        assertThrows(IllegalArgumentException.class, () -> r.withRequestUri("sip:a b"));
    }

    @Test
    void body_isImmutable_whenTheBytesWereCopied() throws Exception {
        byte[] msg = SipParserTest.inviteWithSdp();
        SipRequest r = (SipRequest) parser.parseCopy(msg, 0, msg.length);
        byte[] before = r.bodyBytes();
        msg[msg.length - 3] = 'X';
        r.bodyBytes()[0] = 'X';
        assertEquals(new String(before, StandardCharsets.US_ASCII), new String(r.bodyBytes(), StandardCharsets.US_ASCII));
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> r.body().put((byte) 1));
        byte[] src = {1, 2};
        SipRequest b = r.withBody("x/y", src);
        src[0] = 9;
        assertEquals(1, b.bodyBytes()[0]);
    }

    @Test
    void sipResponse_withStatus() throws Exception {
        SipResponse ok = (SipResponse) parser.parse(SipParserTest.crlf(SipParserTest.OK_F9));
        SipResponse busy = ok.withStatus(486, "Busy Here");
        assertTrue(text(busy).startsWith("SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP server10"));
        assertEquals("Busy Here", busy.reason());
        assertEquals(4, busy.statusClass());
        assertEquals("Request-URI Too Long", SipStatus.reasonPhrase(414));
    }

    @Test
    void views_areParsedOnce_perMessage_andNotCarriedIntoEditedCopies() throws Exception {
        SipRequest r = request(SipParserTest.REGISTER_F1);
        Via via = r.topVia().orElseThrow();
        org.junit.jupiter.api.Assertions.assertSame(via, r.topVia().orElseThrow());
        org.junit.jupiter.api.Assertions.assertSame(r.cseq().orElseThrow(), r.cseq().orElseThrow());
        org.junit.jupiter.api.Assertions.assertSame(r.from().orElseThrow(), r.from().orElseThrow());
        org.junit.jupiter.api.Assertions.assertSame(r.to().orElseThrow(), r.to().orElseThrow());
        SipRequest edited = r.withTopVia(via.withReceived("192.0.2.1"));
        assertEquals("192.0.2.1", edited.topVia().orElseThrow().received());
        assertEquals(null, r.topVia().orElseThrow().received());
        SipRequest noVia = r.withoutHeader("Via");
        assertTrue(noVia.topVia().isEmpty());
        assertTrue(noVia.topVia().isEmpty());
    }
}
