package io.ferry.msrp;

import static io.ferry.msrp.MsrpFixtures.bytes;
import static io.ferry.msrp.MsrpFixtures.msrp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.msrp.RecordingListener.Body;
import io.ferry.msrp.RecordingListener.End;
import io.ferry.msrp.RecordingListener.Event;
import io.ferry.msrp.RecordingListener.Headers;
import io.ferry.msrp.RecordingListener.Invalid;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MsrpStreamParserTest {

    private static final String TO_FROM = "To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
            + "From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n";

    static Stream<MsrpFixtures.Expected> validFixtures() { return MsrpFixtures.valid().stream(); }

    private static List<Event> parseWhole(byte[] wire, MsrpLimits limits) {
        RecordingListener l = new RecordingListener();
        new MsrpStreamParser(limits, l).feed(ByteBuffer.wrap(wire));
        return l.events();
    }

    private static List<Event> parseWhole(byte[] wire) { return parseWhole(wire, MsrpLimits.DEFAULTS); }

    private static List<Event> parseSplit(byte[] wire, int... cuts) {
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(l);
        int from = 0;
        for (int cut : cuts) {
            p.feed(ByteBuffer.wrap(wire, from, cut - from).slice());
            from = cut;
        }
        p.feed(ByteBuffer.wrap(wire, from, wire.length - from).slice());
        assertFalse(l.sawWritableSlice, "body slices must be read-only views");
        return l.events();
    }

    private static List<Event> parseBytewise(byte[] wire) {
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(l);
        for (byte b : wire) p.feed(ByteBuffer.wrap(new byte[] {b}));
        return l.events();
    }

    private static byte[] send(String tid, String body, char flag) {
        return bytes("MSRP " + tid + " SEND\r\n" + TO_FROM + "Message-ID: m1xx\r\nContent-Type: text/plain\r\n\r\n"
                + body + "\r\n-------" + tid + flag + "\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void rfc4975_7_1_everyFixture_splitAtEveryBytePosition_givesTheSameEvents(MsrpFixtures.Expected e) {
        byte[] wire = msrp(e.file());
        List<Event> reference = parseWhole(wire);
        assertInstanceOf(Headers.class, reference.get(0));
        assertInstanceOf(End.class, reference.get(reference.size() - 1));
        for (int cut = 0; cut <= wire.length; cut++) {
            assertEquals(reference, parseSplit(wire, cut), "split at " + cut);
        }
        assertEquals(reference, parseBytewise(wire));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void rfc4975_7_1_everyFixture_bodyEqualsWhatTheOneShotParserReturns(MsrpFixtures.Expected e) {
        byte[] wire = msrp(e.file());
        MsrpFrame f = MsrpParser.parse(wire);
        List<Event> ev = parseBytewise(wire);
        String body = ev.stream().filter(x -> x instanceof Body).map(x -> ((Body) x).bytes()).findFirst().orElse("");
        String expected = f.hasBody() ? java.nio.charset.StandardCharsets.ISO_8859_1.decode(f.body()).toString() : "";
        assertEquals(expected, body);
        assertEquals(f.hasBody(), ((Headers) ev.get(0)).bodyFollows());
        assertEquals(f.flag(), ((End) ev.get(ev.size() - 1)).flag());
    }

    @Test
    void rfc4975_7_1_allFixturesBackToBackOnOneConnection_areFramedOneByOne() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<MsrpFixtures.Expected> rows = MsrpFixtures.expected();
        for (MsrpFixtures.Expected e : rows) all.writeBytes(msrp(e.file()));
        byte[] wire = all.toByteArray();
        List<Event> whole = parseWhole(wire);
        assertEquals(whole, parseBytewise(wire));
        for (int cut = 1; cut < wire.length; cut += 97) assertEquals(whole, parseSplit(wire, cut, Math.min(wire.length, cut + 13)));
        long ends = whole.stream().filter(x -> x instanceof End).count();
        long invalid = whole.stream().filter(x -> x instanceof Invalid).count();
        assertEquals(rows.stream().filter(MsrpFixtures.Expected::valid).count(), ends);
        assertEquals(rows.stream().filter(x -> !x.valid()).count(), invalid);
    }

    @Test
    void rfc4975_7_1_endLineSplitAcrossSlices_isFound() {
        byte[] wire = send("a786hjs2", "Hey Bob, are you there?", '$');
        int endLine = new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1).lastIndexOf("\r\n-------");
        for (int cut = endLine; cut <= wire.length; cut++) {
            List<Event> ev = parseSplit(wire, cut);
            assertEquals(new Body("Hey Bob, are you there?"), ev.get(1), "cut " + cut);
            assertEquals(new End("a786hjs2", ContinuationFlag.COMPLETE), ev.get(2), "cut " + cut);
        }
        List<Event> threeWay = parseSplit(wire, endLine + 1, endLine + 5, endLine + 12);
        assertEquals(new End("a786hjs2", ContinuationFlag.COMPLETE), threeWay.get(2));
    }

    @Test
    void rfc4975_7_1_largeChunk_isStreamedInSlicesNoLargerThanWhatWasFed() {
        byte[] head = bytes("MSRP big1chunk SEND\r\n" + TO_FROM + "Message-ID: m1xx\r\nByte-Range: 1-*/*\r\nContent-Type: application/octet-stream\r\n\r\n");
        byte[] tail = bytes("\r\n-------big1chunk#\r\n");
        int slice = 64 * 1024;
        long bodyLength = 8L * 1024 * 1024 + 12345;
        byte[] pattern = new byte[slice];
        for (int i = 0; i < slice; i++) pattern[i] = (byte) (i % 251 == 0 ? '\r' : i % 7 == 0 ? '-' : 'a' + i % 26);
        long[] seen = {0};
        int[] largest = {0};
        ContinuationFlag[] end = {null};
        MsrpStreamParser p = new MsrpStreamParser(new MsrpListener() {
            @Override public void onHeaders(MsrpMessage message, boolean bodyFollows) { }
            @Override public void onBody(ByteBuffer s) {
                largest[0] = Math.max(largest[0], s.capacity());
                seen[0] += s.remaining();
            }
            @Override public void onEnd(MsrpMessage message, ContinuationFlag flag) { end[0] = flag; }
            @Override public void onInvalid(String tid, MsrpMessage message, MsrpParseException error) { throw error; }
        });
        p.feed(ByteBuffer.wrap(head));
        for (long sent = 0; sent < bodyLength; sent += slice) {
            p.feed(ByteBuffer.wrap(pattern, 0, (int) Math.min(slice, bodyLength - sent)));
        }
        p.feed(ByteBuffer.wrap(tail));
        assertEquals(bodyLength, seen[0]);
        assertEquals(ContinuationFlag.ABORTED, end[0]);
        assertTrue(largest[0] <= slice, "a body slice is never larger than the buffer that was fed");
    }

    @Test
    void rfc4975_7_1_bodyContainingTheEndLineOfAnotherTransaction_isBody() {
        String body = "look:\r\n-------zz99zz99$\r\nand\r\n-------a786hjs$\r\nstill body";
        byte[] wire = send("a786hjs2", body, '$');
        assertEquals(new Body(body), parseWhole(wire).get(1));
        assertEquals(new Body(body), parseBytewise(wire).get(1));
    }

    @Test
    void rfc4975_7_1_ownTransactionIdWithoutAFlag_isBody() {
        String body = "x\r\n-------a786hjs2X and \r\n-------a786hjs2\r\n-------a786hjs2-more";
        byte[] wire = send("a786hjs2", body, '$');
        assertEquals(new Body(body), parseWhole(wire).get(1));
        assertEquals(new Body(body), parseBytewise(wire).get(1));
        for (int cut = 0; cut < wire.length; cut++) assertEquals(new Body(body), parseSplit(wire, cut).get(1), "cut " + cut);
    }

    @Test
    void rfc4975_7_1_partialDelimiterHeldAcrossSlices_isReemittedAsBody() {
        String body = "abc\r\n----def\r\n-------a786hjs2";
        byte[] wire = send("a786hjs2", body, '+');
        String s = new String(wire, java.nio.charset.StandardCharsets.ISO_8859_1);
        int dashes = s.indexOf("\r\n----def");
        List<Event> ev = parseSplit(wire, dashes + 6);
        assertEquals(new Body(body), ev.get(1));
        assertEquals(new End("a786hjs2", ContinuationFlag.MORE), ev.get(2));
    }

    @Test
    void rfc4975_7_1_continuationFlags_plusAndHash_areReported() {
        assertEquals(new End("t1234", ContinuationFlag.MORE), parseWhole(send("t1234", "part", '+')).get(2));
        assertEquals(new End("t1234", ContinuationFlag.ABORTED), parseWhole(send("t1234", "part", '#')).get(2));
        assertEquals(new End("t1234", ContinuationFlag.COMPLETE), parseWhole(send("t1234", "part", '$')).get(2));
    }

    @Test
    void rfc4975_7_1_emptyBody_differsFromNoBody() {
        List<Event> empty = parseWhole(send("t1234", "", '$'));
        assertEquals(true, ((Headers) empty.get(0)).bodyFollows());
        assertEquals(new End("t1234", ContinuationFlag.COMPLETE), empty.get(1));
        List<Event> bodiless = parseWhole(bytes("MSRP t1234 SEND\r\n" + TO_FROM + "-------t1234$\r\n"));
        assertEquals(false, ((Headers) bodiless.get(0)).bodyFollows());
        assertEquals(2, bodiless.size());
    }

    @Test
    void rfc4975_7_1_oversizeChunk_isRejected413_andTheNextMessageStillParses() {
        byte[] big = send("t1234", "0123456789ABCDEF", '+');
        byte[] next = send("t5678", "ok", '$');
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(big);
        wire.writeBytes(next);
        MsrpLimits limits = MsrpLimits.DEFAULTS.withMaxBodyBytes(10);
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(limits, l);
        byte[] w = wire.toByteArray();
        for (byte b : w) p.feed(ByteBuffer.wrap(new byte[] {b}));
        List<Event> ev = l.events();
        assertInstanceOf(Headers.class, ev.get(0));
        assertEquals(new Invalid("t1234", MsrpViolation.BODY_TOO_LARGE, 413), ev.get(2));
        assertTrue(((Body) ev.get(1)).bytes().length() <= 10);
        assertEquals(new Body("ok"), ev.get(4));
        assertEquals(new End("t5678", ContinuationFlag.COMPLETE), ev.get(5));
        assertEquals(413, l.errors.get(0).status());
        assertEquals(((Headers) ev.get(0)).message(), l.errors.get(0).request().orElseThrow());
        assertFalse(l.errors.get(0).framingLost());
    }

    @Test
    void rfc4975_7_1_nonSendBodyOver10240Bytes_isRejected413() {
        String body = "x".repeat(10241);
        byte[] wire = bytes("MSRP r1234 REPORT\r\n" + TO_FROM + "Message-ID: m1xx\r\nStatus: 000 200 OK\r\nContent-Type: text/plain\r\n\r\n"
                + body + "\r\n-------r1234$\r\n");
        List<Event> ev = parseWhole(wire);
        assertEquals(new Invalid("r1234", MsrpViolation.BODY_TOO_LARGE, 413), ev.get(1));
        assertEquals(2, ev.size());
    }

    @Test
    void rfc4975_9_malformedStartLine_losesFraming_andTheParserRefusesMoreInput() {
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(l);
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> p.feed(ByteBuffer.wrap(bytes("HELLO a786hjs2 SEND\r\n"))));
        assertEquals(MsrpViolation.START_LINE_MALFORMED, e.violation());
        assertTrue(e.framingLost());
        assertEquals(0, e.offset());
        assertTrue(p.isDead());
        assertThrows(IllegalStateException.class, () -> p.feed(ByteBuffer.wrap(bytes("MSRP"))));
    }

    @Test
    void rfc4975_9_invalidTransactionId_losesFraming() {
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> parseWhole(bytes("MSRP ab SEND\r\n")));
        assertEquals(MsrpViolation.TRANSACTION_ID_INVALID, e.violation());
        assertEquals(5, e.offset());
        assertTrue(e.framingLost());
    }

    @Test
    void rfc4975_9_lowercaseMethod_isRejected400_withFramingIntact() {
        byte[] wire = bytes("MSRP abcd send\r\n" + TO_FROM + "-------abcd$\r\n" + "MSRP efgh SEND\r\n" + TO_FROM + "-------efgh$\r\n");
        List<Event> ev = parseWhole(wire);
        assertEquals(new Invalid("abcd", MsrpViolation.METHOD_INVALID, 400), ev.get(0));
        assertEquals(new End("efgh", ContinuationFlag.COMPLETE), ev.get(2));
        assertEquals(ev, parseBytewise(wire));
    }

    @Test
    void rfc4975_9_badByteRange_isRejected400_atTheValueOffset() {
        String head = "MSRP abcd SEND\r\n" + TO_FROM + "Byte-Range: ";
        byte[] wire = bytes(head + "5-2/8\r\nContent-Type: text/plain\r\n\r\nhi\r\n-------abcd$\r\n");
        RecordingListener l = new RecordingListener();
        new MsrpStreamParser(l).feed(ByteBuffer.wrap(wire));
        assertEquals(new Invalid("abcd", MsrpViolation.BYTE_RANGE_INVALID, 400), l.events().get(0));
        assertEquals(head.length(), l.errors.get(0).offset());
        assertEquals(1, l.events().size());
        for (String bad : new String[] {"1-2", "x-2/3", "1-2/", "0-1/1", "1--/2", "1-*/", "99999999999999999999-1/1"}) {
            byte[] w = bytes(head + bad + "\r\n-------abcd$\r\n");
            assertEquals(new Invalid("abcd", MsrpViolation.BYTE_RANGE_INVALID, 400), parseWhole(w).get(0), bad);
        }
    }

    @Test
    void rfc4975_9_missingToPath_isRejected400() {
        byte[] wire = bytes("MSRP abcd SEND\r\nFrom-Path: msrp://a.example.com:1/s;tcp\r\n-------abcd$\r\n");
        assertEquals(new Invalid("abcd", MsrpViolation.TO_PATH_MISSING, 400), parseWhole(wire).get(0));
        byte[] noFrom = bytes("MSRP abcd SEND\r\nTo-Path: msrp://a.example.com:1/s;tcp\r\n-------abcd$\r\n");
        assertEquals(new Invalid("abcd", MsrpViolation.FROM_PATH_MISSING, 400), parseWhole(noFrom).get(0));
    }

    @Test
    void rfc4975_9_badUriInToPath_isRejected400() {
        byte[] wire = bytes("MSRP abcd SEND\r\nTo-Path: msrp://bob.example.com:8888/9di4\r\nFrom-Path: msrp://a.example.com:1/s;tcp\r\n-------abcd$\r\n");
        assertEquals(new Invalid("abcd", MsrpViolation.URI_INVALID, 400), parseWhole(wire).get(0));
    }

    @Test
    void rfc4975_9_duplicateToPath_isRejected400() {
        byte[] wire = bytes("MSRP abcd SEND\r\n" + TO_FROM + TO_FROM + "-------abcd$\r\n");
        assertEquals(new Invalid("abcd", MsrpViolation.HEADER_DUPLICATED, 400), parseWhole(wire).get(0));
    }

    @Test
    void rfc4975_9_headerWithoutColon_isRejected400_andSkippedToItsEndLine() {
        byte[] wire = bytes("MSRP abcd SEND\r\n" + TO_FROM + "Garbage here\r\nContent-Type: text/plain\r\n\r\nbody\r\n-------abcd$\r\n"
                + "MSRP efgh SEND\r\n" + TO_FROM + "-------efgh$\r\n");
        List<Event> ev = parseWhole(wire);
        assertEquals(new Invalid("abcd", MsrpViolation.HEADER_MALFORMED, 400), ev.get(0));
        assertEquals(new End("efgh", ContinuationFlag.COMPLETE), ev.get(2));
    }

    @Test
    void rfc4975_9_responseWithBody_isRejected400() {
        byte[] wire = bytes("MSRP abcd 200 OK\r\n" + TO_FROM + "Content-Type: text/plain\r\n\r\nnope\r\n-------abcd$\r\n");
        assertEquals(new Invalid("abcd", MsrpViolation.RESPONSE_HAS_BODY, 400), parseWhole(wire).get(0));
    }

    @Test
    void rfc4975_9_bareLfInHeaders_isRejected400() {
        byte[] wire = bytes("MSRP abcd SEND\r\nTo-Path: msrp://a.example.com:1/s;tcp\nFrom-Path: msrp://a.example.com:1/s;tcp\r\n-------abcd$\r\n");
        assertEquals(new Invalid("abcd", MsrpViolation.BARE_LF, 400), parseWhole(wire).get(0));
    }

    @Test
    void rfc4975_9_invalidUtf8InAHeader_isRejected400() {
        byte[] head = bytes("MSRP abcd SEND\r\n" + TO_FROM + "X-Note: ");
        byte[] tail = bytes("\r\n-------abcd$\r\n");
        byte[] wire = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, wire, 0, head.length);
        wire[head.length] = (byte) 0xC3;
        wire[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, wire, head.length + 2, tail.length);
        assertEquals(new Invalid("abcd", MsrpViolation.UTF8_INVALID, 400), parseWhole(wire).get(0));
    }

    @Test
    void rfc4975_9_utf8InHeadersAndComment_isReadAndWrittenBack() {
        byte[] wire = bytes("MSRP abcd 403 Verboten für dich\r\n" + TO_FROM + "X-Name: Zoë 🚀\r\n-------abcd$\r\n");
        MsrpFrame f = MsrpParser.parse(wire);
        assertEquals("Verboten für dich", ((MsrpResponse) f.message()).comment());
        assertEquals("Zoë 🚀", f.message().headers().first("x-name").orElseThrow());
        assertEquals(MsrpFixtures.text(wire), MsrpFixtures.text(MsrpSerializer.toBytes(f)));
    }

    @Test
    void rfc4975_9_malformedEndLine_losesFraming() {
        byte[] wire = bytes("MSRP abcd SEND\r\n" + TO_FROM + "Content-Type: text/plain\r\n\r\nbody\r\n-------abcd$X\r\n");
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> parseWhole(wire));
        assertEquals(MsrpViolation.END_LINE_MALFORMED, e.violation());
        assertTrue(e.framingLost());
        assertEquals(wire.length - 3, e.offset());
    }

    @Test
    void rfc4975_9_brokenEndLineOfABodilessMessage_losesFraming() {
        byte[] wire = bytes("MSRP abcd SEND\r\n" + TO_FROM + "-------abcd$junk\r\n");
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> parseWhole(wire));
        assertEquals(MsrpViolation.END_LINE_MALFORMED, e.violation());
        assertTrue(e.framingLost());
    }

    @Test
    void rfc4975_9_nonMsrpBytes_areRejectedAsSoonAsTheyArrive() {
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(l);
        p.feed(ByteBuffer.wrap(bytes("MS")));
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> p.feed(ByteBuffer.wrap(bytes("X"))));
        assertEquals(MsrpViolation.START_LINE_MALFORMED, e.violation());
        assertEquals(2, e.offset());
    }

    @Test
    void limits_headerLineTooLong_isRejected413_andTheStreamRecovers() {
        MsrpLimits limits = MsrpLimits.DEFAULTS.withMaxLineBytes(100);
        byte[] wire = bytes("MSRP abcd SEND\r\n" + "X-Long: " + "y".repeat(200) + "\r\n" + TO_FROM + "-------abcd$\r\n"
                + "MSRP efgh SEND\r\n" + TO_FROM + "-------efgh$\r\n");
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(limits, l);
        for (byte b : wire) p.feed(ByteBuffer.wrap(new byte[] {b}));
        List<Event> ev = l.events();
        assertEquals(new Invalid("abcd", MsrpViolation.HEADER_LINE_TOO_LONG, 413), ev.get(0));
        assertEquals(new End("efgh", ContinuationFlag.COMPLETE), ev.get(2));
    }

    @Test
    void limits_tooManyHeaders_isRejected413() {
        MsrpLimits limits = MsrpLimits.DEFAULTS.withMaxHeaderCount(4);
        byte[] wire = bytes("MSRP abcd SEND\r\n" + TO_FROM + "A: 1\r\nB: 2\r\nC: 3\r\n-------abcd$\r\n");
        assertEquals(new Invalid("abcd", MsrpViolation.TOO_MANY_HEADERS, 413), parseWhole(wire, limits).get(0));
        assertEquals(1, parseWhole(wire, limits).size());
    }

    @Test
    void limits_headerBlockTooLarge_isRejected413() {
        MsrpLimits limits = MsrpLimits.DEFAULTS.withMaxHeaderBlockBytes(150);
        byte[] wire = bytes("MSRP abcd SEND\r\n" + TO_FROM + "A: 1234567890123456789012345678901234567890\r\n-------abcd$\r\n");
        assertEquals(new Invalid("abcd", MsrpViolation.HEADER_BLOCK_TOO_LARGE, 413), parseWhole(wire, limits).get(0));
    }

    @Test
    void limits_headerBlockOverflowingOnTheEndLine_stillFindsThatEndLine() {
        String head = "MSRP abcd SEND\r\n" + TO_FROM;
        byte[] wire = bytes(head + "-------abcd$\r\n" + "MSRP efgh 200 OK\r\nTo-Path: msrp://a.example.com:1/a;tcp\r\n"
                + "From-Path: msrp://b.example.com:1/b;tcp\r\n-------efgh$\r\n");
        MsrpLimits limits = MsrpLimits.DEFAULTS.withMaxHeaderBlockBytes(head.length() + 5);
        for (List<Event> ev : List.of(parseWhole(wire, limits), bytewise(wire, limits))) {
            assertEquals(new Invalid("abcd", MsrpViolation.HEADER_BLOCK_TOO_LARGE, 413), ev.get(0), ev.toString());
            assertEquals(new End("efgh", ContinuationFlag.COMPLETE), ev.get(2), ev.toString());
        }
    }

    private static List<Event> bytewise(byte[] wire, MsrpLimits limits) {
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(limits, l);
        for (byte b : wire) p.feed(ByteBuffer.wrap(new byte[] {b}));
        return l.events();
    }

    @Test
    void limits_startLineTooLong_losesFraming() {
        MsrpLimits limits = MsrpLimits.DEFAULTS.withMaxLineBytes(48);
        byte[] wire = bytes("MSRP abcd " + "X".repeat(60) + "\r\n");
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> parseWhole(wire, limits));
        assertEquals(MsrpViolation.START_LINE_TOO_LONG, e.violation());
        assertTrue(e.framingLost());
    }

    @Test
    void limits_tooManyUrisInAPath_isRejected413() {
        MsrpLimits limits = MsrpLimits.DEFAULTS.withMaxPathUris(2);
        byte[] wire = bytes("MSRP abcd SEND\r\nTo-Path: msrp://a.example.com:1/a;tcp msrp://b.example.com:1/b;tcp msrp://c.example.com:1/c;tcp\r\n"
                + "From-Path: msrp://a.example.com:1/s;tcp\r\n-------abcd$\r\n");
        assertEquals(new Invalid("abcd", MsrpViolation.TOO_MANY_PATH_URIS, 413), parseWhole(wire, limits).get(0));
    }

    @Test
    void rfc4975_7_1_offsetsCountFromTheStartOfTheConnection() {
        byte[] first = msrp("rfc4975/11.1-5-d93kswow-200.msrp");
        byte[] bad = bytes("NOPE\r\n");
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(l);
        p.feed(ByteBuffer.wrap(first));
        assertEquals(first.length, p.offset());
        assertTrue(p.isIdle());
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> p.feed(ByteBuffer.wrap(bad)));
        assertEquals(first.length, e.offset());
    }

    @Test
    void rfc4975_7_1_feed_consumesTheWholeBuffer_andSlicesAreViewsOfIt() {
        byte[] wire = send("t1234", "payload", '$');
        ByteBuffer in = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        RecordingListener l = new RecordingListener();
        new MsrpStreamParser(l).feed(in);
        assertEquals(in.limit(), in.position());
        assertEquals(new Body("payload"), l.events().get(1));
        assertFalse(l.sawWritableSlice);
    }
}
