package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipParserTest {

    private final SipParser parser = new SipParser();

    /** The text with every LF turned into CRLF, as UTF-8. */
    static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static final String REGISTER_F1 = """
            REGISTER sip:registrar.biloxi.com SIP/2.0
            Via: SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7
            Max-Forwards: 70
            To: Bob <sip:bob@biloxi.com>
            From: Bob <sip:bob@biloxi.com>;tag=456248
            Call-ID: 843817637684230@998sdasdh09
            CSeq: 1826 REGISTER
            Contact: <sip:bob@192.0.2.4>
            Expires: 7200
            Content-Length: 0

            """;

    static final String SDP = """
            v=0
            o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.com
            s=-
            c=IN IP4 pc33.atlanta.com
            t=0 0
            m=audio 49172 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            """;

    static String invite(int contentLength) {
        return """
                INVITE sip:bob@biloxi.com SIP/2.0
                Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8
                Max-Forwards: 70
                To: Bob <sip:bob@biloxi.com>
                From: Alice <sip:alice@atlanta.com>;tag=1928301774
                Call-ID: a84b4c76e66710
                CSeq: 314159 INVITE
                Contact: <sip:alice@pc33.atlanta.com>
                Content-Type: application/sdp
                Content-Length: %d

                """.formatted(contentLength);
    }

    static byte[] inviteWithSdp() {
        byte[] sdp = crlf(SDP);
        byte[] head = crlf(invite(sdp.length));
        byte[] all = new byte[head.length + sdp.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(sdp, 0, all, head.length, sdp.length);
        return all;
    }

    static final String OK_F9 = """
            SIP/2.0 200 OK
            Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bKnashds8;received=192.0.2.3
            Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2
            Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds;received=192.0.2.1
            Record-Route: <sip:server10.biloxi.com;lr>, <sip:bigbox3.site3.atlanta.com;lr>
            To: Bob <sip:bob@biloxi.com>;tag=a6c85cf
            From: Alice <sip:alice@atlanta.com>;tag=1928301774
            Call-ID: a84b4c76e66710
            CSeq: 314159 INVITE
            Contact: <sip:bob@192.0.2.4>
            Content-Length: 0

            """;

    private SipParseException reject(String text) {
        return reject(crlf(text));
    }

    private SipParseException reject(byte[] bytes) {
        return assertThrows(SipParseException.class, () -> parser.parse(bytes, 0, bytes.length));
    }

    @Test
    void rfc3261_24_1_register_parsesEveryField() throws Exception {
        SipRequest r = assertInstanceOf(SipRequest.class, parser.parse(crlf(REGISTER_F1)));
        assertEquals("REGISTER", r.method());
        assertEquals("sip:registrar.biloxi.com", r.requestUriText());
        SipUri ruri = assertInstanceOf(SipUri.class, r.requestUri());
        assertEquals("registrar.biloxi.com", ruri.host());
        assertEquals(9, r.headers().size());
        Via via = r.topVia().orElseThrow();
        assertEquals("UDP", via.transport());
        assertEquals("bobspc.biloxi.com", via.host());
        assertEquals(5060, via.port());
        assertEquals("z9hG4bKnashds7", via.branch());
        assertEquals(70, r.maxForwards().orElseThrow().hops());
        assertEquals("Bob", r.to().orElseThrow().displayName());
        assertEquals("456248", r.from().orElseThrow().tag());
        assertNull(r.to().orElseThrow().tag());
        assertEquals("843817637684230@998sdasdh09", r.callId().orElseThrow());
        assertEquals(new CSeq(1826, "REGISTER"), r.cseq().orElseThrow());
        assertEquals("sip:bob@192.0.2.4", r.contacts().get(0).uri().toString());
        assertEquals(7200, r.expires().orElseThrow().seconds());
        assertEquals(0, r.contentLength().orElseThrow().length());
        assertEquals(0, r.bodyLength());
    }

    @Test
    void rfc3261_24_2_inviteWithSdp_bodyIsContentLengthBytes() throws Exception {
        byte[] msg = inviteWithSdp();
        SipRequest r = (SipRequest) parser.parse(msg);
        assertEquals("INVITE", r.method());
        assertTrue(r.contentType().orElseThrow().is("application", "sdp"));
        assertArrayEquals(crlf(SDP), r.bodyBytes());
        assertTrue(r.body().isReadOnly());
        assertEquals(crlf(SDP).length, r.body().remaining());
        assertEquals("Alice", r.from().orElseThrow().displayName());
        assertEquals("1928301774", r.from().orElseThrow().tag());
    }

    @Test
    void rfc3261_24_2_response_parsesStatusViasAndRecordRoutes() throws Exception {
        SipResponse r = assertInstanceOf(SipResponse.class, parser.parse(crlf(OK_F9)));
        assertEquals(200, r.status());
        assertEquals("OK", r.reason());
        List<Via> vias = r.vias();
        assertEquals(3, vias.size());
        assertEquals("192.0.2.3", vias.get(0).received());
        assertEquals("pc33.atlanta.com", vias.get(2).host());
        List<NameAddr> rr = r.recordRoutes();
        assertEquals(2, rr.size());
        assertTrue(((SipUri) rr.get(0).uri()).lr());
        assertEquals("bigbox3.site3.atlanta.com", ((SipUri) rr.get(1).uri()).host());
    }

    @Test
    void rfc3261_7_3_3_compactForms_areFoundByFullName() throws Exception {
        SipRequest r = (SipRequest) parser.parse(crlf("""
                OPTIONS sip:bob@biloxi.com SIP/2.0
                v: SIP/2.0/TCP pc33.atlanta.com;branch=z9hG4bK1
                f: <sip:alice@atlanta.com>;tag=1
                t: <sip:bob@biloxi.com>
                i: abc@pc33
                CSeq: 1 OPTIONS
                m: <sip:alice@pc33.atlanta.com>
                k: path, outbound
                s: hello
                c: text/plain
                e: gzip
                o: presence
                u: dialog
                r: <sip:carol@chicago.com>
                b: <sip:bob@biloxi.com>
                x: 1800
                a: *;audio
                j: *;video
                d: proxy
                y: abc
                l: 0

                """));
        assertEquals("abc@pc33", r.callId().orElseThrow());
        assertEquals("pc33.atlanta.com", r.topVia().orElseThrow().host());
        assertEquals("1", r.from().orElseThrow().tag());
        assertEquals("<sip:bob@biloxi.com>", r.headers().firstValue("To").orElseThrow());
        assertEquals(1, r.contacts().size());
        assertTrue(r.supported().contains("outbound"));
        assertEquals("hello", r.headers().firstValue("Subject").orElseThrow());
        assertEquals("text/plain", r.contentType().orElseThrow().mediaType());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("presence", r.headers().firstValue("Event").orElseThrow());
        assertEquals("dialog", r.headers().firstValue("Allow-Events").orElseThrow());
        assertEquals("<sip:carol@chicago.com>", r.headers().firstValue("Refer-To").orElseThrow());
        assertEquals("<sip:bob@biloxi.com>", r.headers().firstValue("Referred-By").orElseThrow());
        assertEquals("1800", r.headers().firstValue("Session-Expires").orElseThrow());
        assertEquals("*;audio", r.headers().firstValue("Accept-Contact").orElseThrow());
        assertEquals("*;video", r.headers().firstValue("Reject-Contact").orElseThrow());
        assertEquals("proxy", r.headers().firstValue("Request-Disposition").orElseThrow());
        assertEquals("abc", r.headers().firstValue("Identity").orElseThrow());
        assertEquals(0, r.contentLength().orElseThrow().length());
        assertEquals("v", r.headers().get(0).name());
        assertEquals("Via", r.headers().get(0).canonicalName());
        assertTrue(r.headers().get(0).is("VIA"));
        assertTrue(r.headers().contains("call-id"));
        assertTrue(r.headers().contains("I"));
    }

    @Test
    void rfc3261_7_3_3_everyIanaCompactForm_mapsToItsHeader() {
        String[][] pairs = {{"a", "Accept-Contact"}, {"b", "Referred-By"}, {"c", "Content-Type"}, {"d", "Request-Disposition"},
                {"e", "Content-Encoding"}, {"f", "From"}, {"i", "Call-ID"}, {"j", "Reject-Contact"}, {"k", "Supported"},
                {"l", "Content-Length"}, {"m", "Contact"}, {"o", "Event"}, {"r", "Refer-To"}, {"s", "Subject"}, {"t", "To"},
                {"u", "Allow-Events"}, {"v", "Via"}, {"x", "Session-Expires"}, {"y", "Identity"}};
        for (String[] p : pairs) {
            assertTrue(HeaderField.of(p[0], "x").is(p[1]), p[0]);
            assertTrue(HeaderField.of(p[1].toUpperCase(java.util.Locale.ROOT), "x").is(p[0].toUpperCase(java.util.Locale.ROOT)), p[1]);
            assertEquals(p[1], HeaderField.of(p[0], "x").canonicalName());
        }
        for (char c : "ghnpqwz".toCharArray()) {
            assertEquals(String.valueOf(c), HeaderField.of(String.valueOf(c), "x").canonicalName());
        }
    }

    @Test
    void rfc3261_7_3_1_headerNamesAreCaseInsensitive_unknownHeadersToo() throws Exception {
        SipRequest r = (SipRequest) parser.parse(crlf("""
                OPTIONS sip:bob@biloxi.com SIP/2.0
                VIA: SIP/2.0/UDP h;branch=z9hG4bK1
                cALL-iD: x
                X-Custom-Thing: one
                x-custom-thing: two
                Content-Length: 0

                """));
        assertEquals("x", r.callId().orElseThrow());
        assertEquals(List.of("one", "two"), r.headers().values("X-CUSTOM-THING"));
        assertEquals(2, r.headers().count("x-Custom-Thing"));
        assertFalse(r.headers().contains("X-Custom"));
    }

    @Test
    void rfc3261_7_3_1_commaSplitting_respectsQuotesAndBrackets_onlyForListHeaders() throws Exception {
        SipRequest r = (SipRequest) parser.parse(crlf("""
                REGISTER sip:example.com SIP/2.0
                Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1;x="a,b", SIP/2.0/UDP b.example.com;branch=z9hG4bK2
                Contact: "Doe, John" <sip:john@a.example.com;p=1>;q=0.5, <sip:x@b.example.com?subject=a,b>, sip:z@c.example.com;expires=60
                Authorization: Digest username="bob", realm="example.com", nonce="n,1", uri="sip:example.com", response="abc"
                Date: Sat, 13 Nov 2010 23:29:00 GMT
                Supported: path ,  outbound,,gruu
                X-Unknown: a, b
                Content-Length: 0

                """));
        List<String> vias = r.headers().values("Via");
        assertEquals(2, vias.size());
        assertEquals("SIP/2.0/UDP a.example.com;branch=z9hG4bK1;x=\"a,b\"", vias.get(0));
        assertEquals(2, r.vias().size());
        List<String> contactValues = r.headers().values("Contact");
        assertEquals(3, contactValues.size());
        assertEquals("<sip:x@b.example.com?subject=a,b>", contactValues.get(1));
        List<NameAddr> contacts = r.withHeader("Contact", r.headers().firstValue("Contact").orElseThrow()
                .replace("a,b>", "a%2Cb>")).contacts();
        assertEquals(3, contacts.size());
        assertEquals("\"Doe, John\"", contacts.get(0).displayName());
        assertEquals("Doe, John", contacts.get(0).displayNameUnquoted());
        assertEquals("0.5", contacts.get(0).params().value("q"));
        assertEquals("1", ((SipUri) contacts.get(0).uri()).params().value("p"));
        assertEquals("60", contacts.get(2).params().value("expires"));
        assertFalse(contacts.get(2).angleBrackets());
        assertEquals(1, r.headers().values("Authorization").size());
        assertEquals(1, r.headers().values("Date").size());
        assertEquals(List.of("path", "outbound", "gruu"), r.supported().tags());
        assertEquals(List.of("a, b"), r.headers().values("X-Unknown"));
    }

    @Test
    void rfc3261_7_3_1_foldedHeader_isUnfolded_andRawBytesKept() throws Exception {
        byte[] msg = crlf("""
                OPTIONS sip:bob@biloxi.com SIP/2.0
                Via: SIP/2.0/UDP a.example.com
                 ;branch=z9hG4bK1
                Subject: I know you're there,
                \tpick up the phone
                Call-ID: x
                Content-Length: 0

                """);
        SipRequest r = (SipRequest) parser.parse(msg);
        assertEquals("I know you're there, pick up the phone", r.headers().firstValue("Subject").orElseThrow());
        assertEquals("z9hG4bK1", r.topVia().orElseThrow().branch());
        assertTrue(r.headers().first("Subject").orElseThrow().isFolded());
        assertArrayEquals(msg, new SipSerializer().toBytes(r));
    }

    @Test
    void rfc3261_7_5_leadingCrlfs_areIgnored() throws Exception {
        byte[] msg = crlf("\n\n" + REGISTER_F1);
        SipRequest r = (SipRequest) parser.parse(msg);
        assertEquals("REGISTER", r.method());
        assertEquals(4 + "REGISTER ".length(), r.requestUriOffset());
    }

    @Test
    void parse_byteBufferAndOffset_giveTheSameMessage() throws Exception {
        byte[] msg = crlf(REGISTER_F1);
        byte[] padded = new byte[msg.length + 10];
        System.arraycopy(msg, 0, padded, 5, msg.length);
        SipMessage a = parser.parse(padded, 5, msg.length);
        ByteBuffer bb = ByteBuffer.wrap(padded, 5, msg.length);
        SipMessage b = parser.parse(bb);
        assertEquals(5, bb.position());
        assertEquals(a, b);
        ByteBuffer direct = ByteBuffer.allocateDirect(msg.length).put(msg).flip();
        assertEquals(a, parser.parse(direct));
    }

    @Test
    void rfc3261_7_1_unsupportedVersion_answers505() {
        SipParseException e = reject(REGISTER_F1.replace("SIP/2.0\n", "SIP/7.0\n"));
        assertEquals(505, e.status());
        assertEquals(SipParseFailure.VERSION_NOT_SUPPORTED, e.failure());
        assertEquals("REGISTER sip:registrar.biloxi.com ".length(), e.offset());
    }

    @Test
    void rfc3261_25_1_malformedVersion_answers400() {
        assertEquals(400, reject(REGISTER_F1.replace("SIP/2.0\n", "SIP/2.0x\n")).status());
        assertEquals(400, reject(REGISTER_F1.replace("SIP/2.0\n", "HTTP/1.1\n")).status());
    }

    @Test
    void rfc3261_25_1_requestLineWithExtraSpace_answers400() {
        SipParseException e = reject(REGISTER_F1.replace("REGISTER sip:", "REGISTER  sip:"));
        assertEquals(400, e.status());
        assertEquals(SipParseFailure.BAD_REQUEST_LINE, e.failure());
        assertTrue(e.rule().contains("Request-Line"), e.rule());
    }

    @Test
    void rfc3261_25_1_requestUriWithoutScheme_answers400() {
        assertEquals(400, reject(REGISTER_F1.replace("sip:registrar.biloxi.com", "registrar.biloxi.com")).status());
    }

    @Test
    void rfc3261_25_1_methodIsCaseSensitiveToken() throws Exception {
        SipRequest r = (SipRequest) parser.parse(crlf(REGISTER_F1.replace("REGISTER sip:", "register sip:")));
        assertEquals("register", r.method());
        assertFalse(r.isMethod("REGISTER"));
        assertEquals(400, reject(REGISTER_F1.replace("REGISTER sip:", "REG@STER sip:")).status());
    }

    @Test
    void limits_uriTooLong_answers414() {
        String longUri = "sip:" + "a".repeat(5000) + "@biloxi.com";
        SipParseException e = reject(REGISTER_F1.replace("sip:registrar.biloxi.com", longUri));
        assertEquals(414, e.status());
        assertEquals("REGISTER ".length(), e.offset());
    }

    @Test
    void limits_messageTooLarge_answers513_beforeCopying() {
        SipParser small = new SipParser(SipLimits.defaults().withMaxMessageBytes(200));
        byte[] msg = crlf(REGISTER_F1);
        SipParseException e = assertThrows(SipParseException.class, () -> small.parse(msg));
        assertEquals(513, e.status());
    }

    @Test
    void limits_tooManyHeaders_answers400() {
        SipParser p = new SipParser(SipLimits.defaults().withMaxHeaderCount(5));
        byte[] msg = crlf(REGISTER_F1);
        SipParseException e = assertThrows(SipParseException.class, () -> p.parse(msg));
        assertEquals(400, e.status());
        assertEquals("Too Many Headers", e.reason());
    }

    @Test
    void limits_lineTooLong_answers400() {
        SipParser p = new SipParser(SipLimits.defaults().withMaxLineBytes(40));
        byte[] msg = crlf(REGISTER_F1);
        SipParseException e = assertThrows(SipParseException.class, () -> p.parse(msg));
        assertEquals(400, e.status());
        assertEquals("Line Too Long", e.reason());
    }

    @Test
    void limits_tooManyVias_countsCommaSeparatedValues() throws Exception {
        SipParser p = new SipParser(SipLimits.defaults().withMaxViaCount(2));
        String two = REGISTER_F1.replace("Max-Forwards", "Via: SIP/2.0/UDP x;branch=z9hG4bK2\nMax-Forwards");
        assertEquals(2, ((SipRequest) p.parse(crlf(two))).vias().size());
        byte[] three = crlf(two.replace("x;branch=z9hG4bK2", "x;branch=z9hG4bK2, SIP/2.0/UDP y;branch=z9hG4bK3"));
        SipParseException e = assertThrows(SipParseException.class, () -> p.parse(three));
        assertEquals("Too Many Via Headers", e.reason());
    }

    @Test
    void limits_contentLengthAboveLimit_answers413() {
        SipParser p = new SipParser(SipLimits.defaults().withMaxContentLength(10));
        byte[] msg = inviteWithSdp();
        SipParseException e = assertThrows(SipParseException.class, () -> p.parse(msg));
        assertEquals(413, e.status());
    }

    @Test
    void rfc3261_18_3_contentLengthLargerThanDatagram_answers400() {
        byte[] sdp = crlf(SDP);
        SipParseException e = reject(invite(sdp.length + 1) + SDP);
        assertEquals(400, e.status());
        assertEquals("Content-Length Mismatch", e.reason());
        assertTrue(e.offset() > 0);
    }

    @Test
    void rfc3261_18_3_bytesBeyondContentLength_areDiscarded() throws Exception {
        SipRequest r = (SipRequest) parser.parse(crlf(invite(5) + SDP));
        assertEquals("v=0\r\n", new String(r.bodyBytes(), StandardCharsets.US_ASCII));
        byte[] out = new SipSerializer().toBytes(r);
        assertEquals(crlf(invite(5)).length + 5, out.length);
    }

    @Test
    void rfc3261_18_3_noContentLengthOnDatagram_bodyIsRestOfBuffer() throws Exception {
        String text = invite(0).replace("Content-Length: 0\n", "") + SDP;
        SipRequest r = (SipRequest) parser.parse(crlf(text));
        assertArrayEquals(crlf(SDP), r.bodyBytes());
        assertTrue(r.contentLength().isEmpty());
    }

    @Test
    void rfc3261_20_14_malformedOrDuplicateContentLength_answers400() {
        assertEquals("Bad Content-Length", reject(REGISTER_F1.replace("Content-Length: 0", "Content-Length: -1")).reason());
        assertEquals("Bad Content-Length", reject(REGISTER_F1.replace("Content-Length: 0", "Content-Length: 0x")).reason());
        assertEquals("Multiple Content-Length", reject(REGISTER_F1.replace("Content-Length: 0", "Content-Length: 0\nl: 0")).reason());
        assertEquals("Content-Length Mismatch",
                reject(REGISTER_F1.replace("Content-Length: 0", "Content-Length: 99999999999999999999")).reason());
    }

    @Test
    void rfc3261_7_bareLineFeeds_areRejected() {
        byte[] lf = REGISTER_F1.getBytes(StandardCharsets.US_ASCII);
        SipParseException e = reject(lf);
        assertEquals(400, e.status());
        assertEquals("Bad Line Ending", e.reason());
        String oneBareLf = new String(crlf(REGISTER_F1), StandardCharsets.US_ASCII).replace("Expires: 7200\r\n", "Expires: 7200\n");
        SipParseException mixed = reject(oneBareLf.getBytes(StandardCharsets.US_ASCII));
        assertEquals("Bad Line Ending", mixed.reason());
    }

    @Test
    void rfc3261_7_missingEmptyLine_answers400() {
        SipParseException e = reject(REGISTER_F1.substring(0, REGISTER_F1.length() - 1));
        assertEquals("Missing Empty Line", e.reason());
    }

    @Test
    void rfc3261_7_3_1_headerWithoutColon_answers400_withOffset() {
        String text = REGISTER_F1.replace("Expires: 7200", "Expires 7200");
        SipParseException e = reject(text);
        assertEquals("Bad Header", e.reason());
        assertEquals(text.indexOf("Expires 7200") + "Expires ".length(), e.offset() - countLines(text, "Expires 7200"));
    }

    private static int countLines(String text, String upTo) {
        String before = text.substring(0, text.indexOf(upTo));
        return (int) before.chars().filter(c -> c == '\n').count();
    }

    @Test
    void rfc3261_25_1_emptyAndWhitespaceMessages_answer400() {
        assertEquals("Empty Message", reject("\n\n").reason());
        assertEquals(400, reject(" \n\n").status());
    }

    @Test
    void rfc3261_7_2_statusLine_variants() throws Exception {
        SipResponse noReason = (SipResponse) parser.parse(crlf(OK_F9.replace("SIP/2.0 200 OK", "SIP/2.0 200 ")));
        assertEquals("", noReason.reason());
        SipResponse utf8 = (SipResponse) parser.parse(crlf(OK_F9.replace("200 OK", "200 Très bien")));
        assertEquals("Très bien", utf8.reason());
        assertEquals(400, reject(OK_F9.replace("200 OK", "2000 OK")).status());
        assertEquals(400, reject(OK_F9.replace("200 OK", "099 OK")).status());
        assertEquals(505, reject(OK_F9.replace("SIP/2.0 200", "SIP/3.0 200")).status());
    }

    @Test
    void views_malformedVia_isReportedWhenRead_withMessageOffset() throws Exception {
        String text = REGISTER_F1.replace("SIP/2.0/UDP bobspc", "SIP/2.0 bobspc");
        SipRequest r = (SipRequest) parser.parse(crlf(text));
        SipParseException e = assertThrows(SipParseException.class, r::topVia);
        assertEquals(400, e.status());
        assertEquals("Bad Via", e.reason());
        int viaValue = new String(crlf(text), StandardCharsets.US_ASCII).indexOf("SIP/2.0 bobspc");
        assertTrue(e.offset() >= viaValue && e.offset() < viaValue + 20, "offset " + e.offset());
    }

    @Test
    void rfc5626_keepaliveDatagram_isRecognised() {
        assertTrue(SipParser.isKeepalive(ByteBuffer.wrap(crlf("\n\n"))));
        assertTrue(SipParser.isKeepalive(ByteBuffer.wrap(crlf("\n"))));
        assertFalse(SipParser.isKeepalive(ByteBuffer.wrap(crlf("\n\n\n"))));
        assertFalse(SipParser.isKeepalive(ByteBuffer.wrap(crlf(REGISTER_F1))));
    }

    @Test
    void rfc4475_3_1_2_rejectedRequest_getsAResponseWithTheDialogFields() throws Exception {
        byte[] bad = crlf(REGISTER_F1.replace("SIP/2.0\n", "SIP/7.0\n"));
        SipParseException e = assertThrows(SipParseException.class, () -> parser.parse(bad));
        SipResponse r = parser.responseTo(bad, 0, bad.length, e, () -> "t1").orElseThrow();
        assertEquals(505, r.status());
        assertEquals("Version Not Supported", r.reason());
        assertEquals("SIP/2.0/UDP bobspc.biloxi.com:5060;branch=z9hG4bKnashds7", r.headers().firstValue("Via").orElseThrow());
        assertEquals("t1", r.to().orElseThrow().tag());
        assertEquals("456248", r.from().orElseThrow().tag());
        assertEquals("843817637684230@998sdasdh09", r.callId().orElseThrow());
        assertEquals(new CSeq(1826, "REGISTER"), r.cseq().orElseThrow());
        assertEquals(0, r.contentLength().orElseThrow().length());
        SipResponse again = (SipResponse) parser.parse(new SipSerializer().toBytes(r));
        assertEquals(505, again.status());
    }

    @Test
    void rfc4475_3_1_2_rejectedBareLfRequest_isStillAnswered() throws Exception {
        byte[] lf = REGISTER_F1.replace("Expires: 7200", "Expires: 7200\r").getBytes(StandardCharsets.US_ASCII);
        SipParseException e = assertThrows(SipParseException.class, () -> parser.parse(lf));
        SipResponse r = parser.responseTo(lf, 0, lf.length, e).orElseThrow();
        assertEquals(400, r.status());
        assertEquals("Bad Line Ending", r.reason());
        assertTrue(r.to().orElseThrow().tag().length() > 0);
    }

    @Test
    void rfc3261_17_rejectedAckOrResponse_isNeverAnswered() {
        byte[] ack = crlf(REGISTER_F1.replace("REGISTER sip:", "ACK sip:").replace("SIP/2.0\n", "SIP/7.0\n"));
        SipParseException e = reject(ack);
        assertTrue(parser.responseTo(ack, 0, ack.length, e).isEmpty());
        byte[] resp = crlf(OK_F9.replace("200 OK", "2000 OK"));
        SipParseException re = reject(resp);
        assertTrue(parser.responseTo(resp, 0, resp.length, re).isEmpty());
        byte[] noCallId = crlf(REGISTER_F1.replace("Call-ID: 843817637684230@998sdasdh09\n", "").replace("SIP/2.0\n", "SIP/7.0\n"));
        assertTrue(parser.responseTo(noCallId, 0, noCallId.length, reject(noCallId)).isEmpty());
    }

    @Test
    void parse_withOffset_reportsOffsetsRelativeToTheMessage() {
        byte[] msg = crlf(REGISTER_F1.replace("SIP/2.0\n", "SIP/7.0\n"));
        byte[] padded = new byte[msg.length + 7];
        System.arraycopy(msg, 0, padded, 7, msg.length);
        SipParseException e = assertThrows(SipParseException.class, () -> parser.parse(padded, 7, msg.length));
        assertEquals("REGISTER sip:registrar.biloxi.com ".length(), e.offset());
        SipParseException c = assertThrows(SipParseException.class, () -> parser.parseCopy(padded, 7, msg.length));
        assertEquals(e.offset(), c.offset());
    }

    @Test
    void parse_isZeroCopy_parseCopyIsNot() throws Exception {
        byte[] msg = crlf(REGISTER_F1);
        SipMessage shared = parser.parse(msg);
        SipMessage copied = parser.parseCopy(msg, 0, msg.length);
        int at = new String(msg, StandardCharsets.US_ASCII).indexOf("843817637684230");
        msg[at] = '9';
        assertEquals("943817637684230@998sdasdh09", shared.callId().orElseThrow());
        assertEquals("843817637684230@998sdasdh09", copied.callId().orElseThrow());
    }
}
