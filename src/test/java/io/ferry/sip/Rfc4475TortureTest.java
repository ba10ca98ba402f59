package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Fixtures;
import io.ferry.sip.SanityCheck.Role;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 4475: every torture message, as exact bytes, received the way Ferry receives SIP over
 * WebSocket or UDP (one message per buffer). {@code expected.csv} gives the outcome of each; the
 * explicit tests below check the parts RFC 4475 says a parser must read right.
 */
class Rfc4475TortureTest {

    private static final SipParser PARSER = new SipParser();
    private static final SipSerializer SERIALIZER = new SipSerializer();
    private static final SanityCheck CHECK = new SanityCheck("edge.ferry.test", Set.of("path", "outbound", "gruu"));

    /** What Ferry does with one received buffer. */
    sealed interface Outcome {
        record Accepted(SipMessage message) implements Outcome {
        }

        record Rejected(int status, String reason) implements Outcome {
        }

        record Dropped(String reason) implements Outcome {
        }
    }

    /**
     * Parser, then SanityCheck in the given role. A request the parser rejects is answered with
     * {@link SipParser#responseTo}; a response that does not parse is dropped.
     */
    static Outcome receive(byte[] datagram, Role role) {
        SipMessage message;
        try {
            message = PARSER.parse(datagram);
        } catch (SipParseException e) {
            // a rejected request is answered from the fields a lenient scan finds; a response never is
            return PARSER.responseTo(datagram, 0, datagram.length, e)
                    .<Outcome>map(r -> new Outcome.Rejected(r.status(), r.reason()))
                    .orElse(new Outcome.Dropped(e.reason()));
        }
        if (message instanceof SipRequest request) {
            Optional<SipResponse> answer = CHECK.check(request, role);
            return answer.<Outcome>map(r -> new Outcome.Rejected(r.status(), r.reason())).orElse(new Outcome.Accepted(request));
        }
        SipResponse response = (SipResponse) message;
        return CHECK.check(response, role).<Outcome>map(Outcome.Dropped::new).orElse(new Outcome.Accepted(response));
    }

    private static byte[] fixture(String file) {
        return Fixtures.sip("rfc4475/" + file);
    }

    private static SipRequest request(String file) throws SipParseException {
        return assertInstanceOf(SipRequest.class, PARSER.parse(fixture(file)));
    }

    private static SipResponse response(String file) throws SipParseException {
        return assertInstanceOf(SipResponse.class, PARSER.parse(fixture(file)));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvFileSource(resources = "/fixtures/rfc4475/expected.csv", numLinesToSkip = 1)
    void rfc4475_message_getsTheExpectedOutcome(String file, String outcome, Integer status, String note) {
        Outcome actual = receive(fixture(file), Role.PROXY);
        switch (outcome) {
            case "parse-ok" -> assertInstanceOf(Outcome.Accepted.class, actual, note);
            case "reject" -> {
                Outcome.Rejected rejected = assertInstanceOf(Outcome.Rejected.class, actual, note);
                assertEquals(status, rejected.status(), () -> note + ": " + rejected.reason());
            }
            case "drop" -> assertInstanceOf(Outcome.Dropped.class, actual, note);
            default -> throw new IllegalArgumentException("unknown outcome " + outcome + " for " + file);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/fixtures/rfc4475/expected.csv", numLinesToSkip = 1)
    void rfc4475_acceptedMessage_isWrittenBackByteForByte(String file, String outcome) throws SipParseException {
        byte[] bytes = fixture(file);
        SipMessage message;
        try {
            message = PARSER.parse(bytes);
        } catch (SipParseException e) {
            assertFalse(outcome.equals("parse-ok"), () -> file + " does not parse: " + e.getMessage());
            return;
        }
        byte[] written = SERIALIZER.toBytes(message);
        // RFC 3261 §18.3: octets after Content-Length in a datagram are not part of the message (dblreq)
        assertArrayEquals(Arrays.copyOf(bytes, written.length), written, file);
    }

    // 3.1.1.1
    @Test
    void rfc4475_3_1_1_1_wsinv_readsFoldedEscapedAndUnusualFields() throws SipParseException {
        SipRequest r = request("valid/3.1.1.1-wsinv");
        assertEquals("INVITE", r.method());
        SipUri ruri = assertInstanceOf(SipUri.class, r.requestUri());
        assertEquals("vivekg", ruri.user());
        assertEquals("chair-dnrc.example.com", ruri.host());
        assertTrue(ruri.params().has("unknownparam"));
        assertEquals("", ruri.params().get("unknownparam").orElseThrow());

        NameAddr to = r.to().orElseThrow();
        assertEquals("1918181833n", to.tag());
        assertEquals("sip:vivekg@chair-dnrc.example.com", to.uri().toString());
        NameAddr from = r.from().orElseThrow();
        assertEquals("J Rosenberg \\\"", from.displayNameUnquoted());
        assertEquals("98asjd8", from.tag());

        assertEquals(68, r.maxForwards().orElseThrow().hops());
        assertEquals(new CSeq(9, "INVITE"), r.cseq().orElseThrow());
        assertEquals("wsinv.ndaksdj@192.0.2.1", r.callId().orElseThrow());
        assertEquals(150, r.contentLength().orElseThrow().length());
        assertEquals(150, r.bodyLength());

        List<Via> vias = r.vias();
        assertEquals(3, vias.size());
        assertEquals(List.of("UDP", "TCP", "UDP"), vias.stream().map(Via::transport).toList());
        assertEquals(List.of("192.0.2.2", "spindle.example.com", "192.168.255.111"), vias.stream().map(Via::host).toList());
        assertEquals(List.of("390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"), vias.stream().map(Via::branch).toList());
        assertEquals("2.0", vias.get(0).protocolVersion());

        assertEquals(Optional.of(""), r.headers().firstValue("Subject"));
        assertEquals(Optional.of("newfangled value continued newfangled value"), r.headers().firstValue("NewFangledHeader"));
        // an unknown header is one value, never split at commas or semicolons
        assertEquals(List.of(";;,,;;,;"), r.headers().values("UnknownHeaderWithUnusualValue"));

        SipUri route = assertInstanceOf(SipUri.class, r.routes().get(0).uri());
        assertTrue(route.lr());
        assertEquals(Optional.of("value"), route.params().get("unknownwith"));
        assertTrue(route.params().has("unknown-no-value"));

        NameAddr contact = r.contacts().get(0);
        assertEquals("Quoted string \"\"", contact.displayNameUnquoted());
        assertEquals(Optional.of("newvalue"), contact.params().get("newparam"));
        assertEquals(Optional.of(""), contact.params().get("secondparam"));
        assertEquals(Optional.of("0.33"), contact.params().get("q"));
    }

    // 3.1.1.2
    @Test
    void rfc4475_3_1_1_2_intmeth_readsTokenCharactersWithoutEscaping() throws SipParseException {
        SipRequest r = request("valid/3.1.1.2-intmeth");
        String method = "!interesting-Method0123456789_*+`.%indeed'~";
        assertEquals(method, r.method());
        assertEquals(new CSeq(139122385, method), r.cseq().orElseThrow());
        SipUri ruri = assertInstanceOf(SipUri.class, r.requestUri());
        assertEquals("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", ruri.user());
        assertEquals("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", ruri.password());
        assertEquals("example.com", ruri.host());
        assertEquals("z9hG4bK-.!%66*_+`'~", r.topVia().orElseThrow().branch());
        assertEquals("BEL:\u0007 NUL:\u0000 DEL:\u007f", r.to().orElseThrow().displayNameUnquoted());
        NameAddr from = r.from().orElseThrow();
        assertEquals("token1~` token2'+_ token3*%!.-", from.displayName());
        assertEquals("_token~1'+`*%!-.", from.tag());
        assertEquals(Optional.of("\"\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439\""),
                from.params().get("fromParam''~+*_!.-%"));
        assertEquals("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", r.callId().orElseThrow());
        assertEquals(255, r.maxForwards().orElseThrow().hops());
        assertEquals(Optional.of("\ufeff\u5927\u505c\u96fb"), r.headers().firstValue("extensionHeader-!.%*+_`'~"));
    }

    // 3.1.1.3
    @Test
    void rfc4475_3_1_1_3_esc01_unescapesUserPartsAndUriParametersOnce() throws SipParseException {
        SipRequest r = request("valid/3.1.1.3-esc01");
        SipUri ruri = assertInstanceOf(SipUri.class, r.requestUri());
        assertEquals("sips:user@example.com", ruri.userDecoded());
        assertEquals("example.net", ruri.host());
        assertEquals("user", ((SipUri) r.to().orElseThrow().uri()).userDecoded());
        assertEquals("I have spaces", ((SipUri) r.from().orElseThrow().uri()).userDecoded());
        SipUri contact = assertInstanceOf(SipUri.class, r.contacts().get(0).uri());
        assertEquals("caller", contact.userDecoded());
        // %HEX HEX in a URI matches the character it encodes (RFC 3261 §19.1.4), never recursively
        assertTrue(contact.matches(Uri.parse("sip:caller@host5.example.net;lr;name=value%2541")));
        assertFalse(contact.matches(Uri.parse("sip:caller@host5.example.net;lr;name=valueA")));
        assertFalse(contact.matches(Uri.parse("sip:caller@host5.example.net;lr;name=other")));
    }

    // 3.1.1.4
    @Test
    void rfc4475_3_1_1_4_escnull_keepsEscapedNulsInsideUserParts() throws SipParseException {
        SipRequest r = request("valid/3.1.1.4-escnull");
        assertEquals("null-\u0000-null", ((SipUri) r.to().orElseThrow().uri()).userDecoded());
        assertEquals("null-\u0000-null", ((SipUri) r.from().orElseThrow().uri()).userDecoded());
        List<NameAddr> contacts = r.contacts();
        assertEquals(2, contacts.size());
        assertEquals("\u0000", ((SipUri) contacts.get(0).uri()).userDecoded());
        assertEquals("\u0000\u0000", ((SipUri) contacts.get(1).uri()).userDecoded());
        assertFalse(contacts.get(0).uri().matches(contacts.get(1).uri()));
    }

    // 3.1.1.5
    @Test
    void rfc4475_3_1_1_5_esc02_treatsPercentAsLiteralOutsideUris() throws SipParseException {
        SipRequest r = request("valid/3.1.1.5-esc02");
        assertEquals("RE%47IST%45R", r.method());
        assertFalse(r.isMethod("REGISTER"));
        assertEquals("%Z%45", r.to().orElseThrow().displayNameUnquoted());
        assertEquals("%Z%45", r.from().orElseThrow().displayNameUnquoted());
        assertEquals(2, r.contacts().size());
        assertEquals(Optional.of("<sip:alias2@host2.example.com>"), r.headers().firstValue("C%6Fntact"));
    }

    // 3.1.1.6
    @Test
    void rfc4475_3_1_1_6_lwsdisp_acceptsDisplayNameWithoutLwsBeforeBracket() throws SipParseException {
        NameAddr from = request("valid/3.1.1.6-lwsdisp").from().orElseThrow();
        assertEquals("caller", from.displayNameUnquoted());
        assertEquals("sip:caller@example.com", from.uri().toString());
        assertEquals("323", from.tag());
    }

    // 3.1.1.7
    @Test
    void rfc4475_3_1_1_7_longreq_readsLongValuesAndManyVias() throws SipParseException {
        SipRequest r = request("valid/3.1.1.7-longreq");
        NameAddr to = r.to().orElseThrow();
        assertEquals("I have a user name of " + "extreme".repeat(10) + " proportion", to.displayNameUnquoted());
        SipUri toUri = assertInstanceOf(SipUri.class, to.uri());
        assertEquals(6000, toUri.port());
        assertEquals(Optional.of("very" + "long".repeat(20) + "value"), toUri.params().get("unknownparam1"));
        assertEquals(Optional.of("shortvalue"), toUri.params().get("longparam" + "name".repeat(25)));
        assertTrue(toUri.params().has("very" + "long".repeat(25) + "ParameterNameWithNoValue"));
        NameAddr from = r.from().orElseThrow();
        assertEquals("amazinglylongcallername".repeat(5), ((SipUri) from.uri()).user());
        assertEquals("12" + "982".repeat(50) + "424", from.tag());
        assertEquals("longreq.one" + "really".repeat(20) + "longcallid", r.callId().orElseThrow());
        List<Via> vias = r.vias();
        assertEquals(34, vias.size());
        assertEquals("sip33.example.com", vias.get(0).host());
        assertEquals("very" + "long".repeat(50) + "branchvalue", vias.get(33).branch());
        assertEquals("amazinglylongcallername".repeat(5), ((SipUri) r.contacts().get(0).uri()).user());
        assertTrue(r.headers().contains("Unknown-" + "Long".repeat(20) + "-Name"));
        assertEquals(150, r.bodyLength());
    }

    // 3.1.1.8
    @Test
    void rfc4475_3_1_1_8_dblreq_ignoresOctetsAfterTheDatagramsMessage() throws SipParseException {
        byte[] datagram = fixture("valid/3.1.1.8-dblreq");
        SipRequest r = request("valid/3.1.1.8-dblreq");
        assertEquals("REGISTER", r.method());
        assertEquals(0, r.bodyLength());
        byte[] written = SERIALIZER.toBytes(r);
        assertTrue(written.length < datagram.length);
        assertFalse(new String(written, StandardCharsets.UTF_8).contains("INVITE"));
    }

    // 3.1.1.9
    @Test
    void rfc4475_3_1_1_9_semiuri_keepsSemicolonParameterInUserPart() throws SipParseException {
        SipUri ruri = assertInstanceOf(SipUri.class, request("valid/3.1.1.9-semiuri").requestUri());
        assertEquals("user;par=u@example.net", ruri.userDecoded());
        assertEquals("example.com", ruri.host());
        assertTrue(ruri.params().isEmpty());
    }

    // 3.1.1.10
    @Test
    void rfc4475_3_1_1_10_transports_readsKnownAndUnknownTransports() throws SipParseException {
        List<Via> vias = request("valid/3.1.1.10-transports").vias();
        assertEquals(List.of("UDP", "SCTP", "TLS", "UNKNOWN", "TCP"), vias.stream().map(Via::transport).toList());
    }

    // 3.1.1.11
    @Test
    void rfc4475_3_1_1_11_mpart01_framesBinaryBodyWithNuls() throws SipParseException {
        byte[] bytes = fixture("valid/3.1.1.11-mpart01");
        SipRequest r = request("valid/3.1.1.11-mpart01");
        assertEquals("MESSAGE", r.method());
        assertEquals(553, r.bodyLength());
        byte[] body = r.bodyBytes();
        assertArrayEquals(Arrays.copyOfRange(bytes, bytes.length - 553, bytes.length), body);
        assertTrue(indexOf(body, (byte) 0) >= 0, "the binary part holds NUL octets");
        ContentType type = r.contentType().orElseThrow();
        assertTrue(type.is("multipart", "mixed"));
        String boundary = type.params().get("boundary").orElseThrow();
        assertEquals("7a9cbec02ceef655", boundary);
        // the body holds exactly the two parts and the closing delimiter
        String text = new String(body, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("--" + boundary + "\r\n"));
        assertTrue(text.endsWith("--" + boundary + "--\r\n"));
    }

    // 3.1.1.12
    @Test
    void rfc4475_3_1_1_12_unreason_keepsUtf8ReasonPhrase() throws SipParseException {
        SipResponse r = response("valid/3.1.1.12-unreason");
        assertEquals(200, r.status());
        assertEquals("= 2**3 * 5**2 \u043d\u043e \u0441\u0442\u043e \u0434\u0435\u0432\u044f\u043d\u043e\u0441\u0442\u043e"
                + " \u0434\u0435\u0432\u044f\u0442\u044c - \u043f\u0440\u043e\u0441\u0442\u043e\u0435", r.reason());
        assertEquals(154, r.bodyLength());
    }

    // 3.1.1.13
    @Test
    void rfc4475_3_1_1_13_noreason_acceptsEmptyReasonPhrase() throws SipParseException {
        SipResponse r = response("valid/3.1.1.13-noreason");
        assertEquals(100, r.status());
        assertEquals("", r.reason());
    }

    // 3.1.2.2, 3.1.2.3, 3.3.9: the same faults on a stream
    @Test
    void rfc4475_3_1_2_2_clerr_onStream_waitsForTheMissingBody() throws SipParseException {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        byte[] bytes = fixture("invalid/3.1.2.2-clerr");
        List<SipFrame> frames = framer.feed(ByteBuffer.wrap(bytes));
        assertEquals(List.of(), frames);
        assertEquals(bytes.length, framer.buffered());
    }

    @Test
    void rfc4475_3_1_2_3_ncl_onStream_losesFraming() {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        SipParseException e = assertThrows(SipParseException.class,
                () -> framer.feed(ByteBuffer.wrap(fixture("invalid/3.1.2.3-ncl"))));
        assertTrue(e.framingLost());
    }

    @Test
    void rfc4475_3_3_9_mcl01_onStream_losesFraming() {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        SipParseException e = assertThrows(SipParseException.class,
                () -> framer.feed(ByteBuffer.wrap(fixture("semantics/3.3.9-mcl01"))));
        assertTrue(e.framingLost());
    }

    // each rejection names the fault the RFC describes, not some other one
    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
            "invalid/3.1.2.1-badinv01, 400, Bad Via",
            "invalid/3.1.2.2-clerr, 400, Content-Length Mismatch",
            "invalid/3.1.2.3-ncl, 400, Bad Content-Length",
            "invalid/3.1.2.4-scalar02, 400, Bad CSeq",
            "invalid/3.1.2.6-quotbal, 400, Bad To",
            "invalid/3.1.2.7-ltgtruri, 400, Bad Request-URI",
            "invalid/3.1.2.11-escruri, 400, Headers In Request-URI",
            "invalid/3.1.2.13-regbadct, 400, Bad Contact",
            "invalid/3.1.2.16-badvers, 505, Version Not Supported",
            "invalid/3.1.2.17-mismatch01, 400, CSeq Method Mismatch",
            "invalid/3.1.2.18-mismatch02, 400, CSeq Method Mismatch",
            "transaction/3.2.1-badbranch, 400, Missing Transaction ID",
            "semantics/3.3.2-unkscm, 416, Unsupported URI Scheme",
            "semantics/3.3.5-bext01, 420, Bad Extension",
            "semantics/3.3.8-multi01, 400, 'Multiple To, From, CSeq, Call-ID, Max-Forwards'",
            "semantics/3.3.9-mcl01, 400, Multiple Content-Length",
            "semantics/3.3.11-zeromf, 483, Too Many Hops",
            "compat/3.4.1-inv2543, 400, Missing Max-Forwards"})
    void rfc4475_rejectedRequest_namesItsFault(String file, int status, String reason) {
        Outcome.Rejected rejected = assertInstanceOf(Outcome.Rejected.class, receive(fixture(file), Role.PROXY));
        assertEquals(status, rejected.status());
        assertEquals(reason, rejected.reason());
    }

    // 3.1.2.7 - 3.1.2.10: Request-Line faults are rejected by the parser, with the offset of the fault
    @ParameterizedTest(name = "{0} at offset {1}")
    @CsvSource({
            "invalid/3.1.2.7-ltgtruri, 7",
            "invalid/3.1.2.8-lwsruri, 29",
            "invalid/3.1.2.9-lwsstart, 7",
            "invalid/3.1.2.10-trws, 38"})
    void rfc4475_3_1_2_requestLineFault_answers400AtItsOffset(String file, int offset) {
        SipParseException e = assertThrows(SipParseException.class, () -> PARSER.parse(fixture(file)));
        assertEquals(400, e.status());
        assertEquals(offset, e.offset(), e::getMessage);
        assertTrue(e.rule().contains("Request-Line"), e::rule);
    }

    // 3.1.2.15
    @Test
    void rfc4475_3_1_2_15_baddn_unquotedDisplayNamesAnswer400() throws SipParseException {
        byte[] archived = fixture("invalid/3.1.2.15-baddn");
        // the RFC's archive ends this message after "l: 0" CRLF, without the empty line: a framing fault
        SipParseException framing = assertThrows(SipParseException.class, () -> PARSER.parse(archived));
        assertEquals(400, framing.status());
        // with the empty line, the display names themselves are refused
        byte[] framed = Arrays.copyOf(archived, archived.length + 2);
        framed[archived.length] = '\r';
        framed[archived.length + 1] = '\n';
        SipRequest r = assertInstanceOf(SipRequest.class, PARSER.parse(framed));
        SipResponse answer = CHECK.check(r, Role.PROXY).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Bad From", answer.reason());
        assertThrows(SipParseException.class, r::to);
    }

    // the same messages over TCP/TLS: fed one byte at a time, each frames as exactly one message
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"valid/3.1.1.1-wsinv", "valid/3.1.1.2-intmeth", "valid/3.1.1.3-esc01", "valid/3.1.1.4-escnull",
            "valid/3.1.1.5-esc02", "valid/3.1.1.6-lwsdisp", "valid/3.1.1.7-longreq", "valid/3.1.1.9-semiuri",
            "valid/3.1.1.10-transports", "valid/3.1.1.11-mpart01", "valid/3.1.1.12-unreason", "valid/3.1.1.13-noreason"})
    void rfc4475_3_1_1_validMessage_onStreamByteByByte_framesAsOneMessage(String file) throws SipParseException {
        byte[] bytes = fixture(file);
        SipFramer framer = new SipFramer(SipLimits.defaults());
        List<SipFrame> frames = new ArrayList<>();
        for (byte b : bytes) framer.feed(new byte[] {b}, 0, 1, frames::add);
        assertEquals(1, frames.size(), () -> frames.toString());
        SipFrame.Message m = assertInstanceOf(SipFrame.Message.class, frames.get(0));
        assertArrayEquals(bytes, SERIALIZER.toBytes(m.message()));
        assertEquals(0, framer.buffered());
    }

    // 3.1.1.8 over a stream: what follows the REGISTER is a second request, then octets that cannot be framed
    @Test
    void rfc4475_3_1_1_8_dblreq_onStream_framesBothRequestsThenLosesFraming() {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        List<SipFrame> frames = new ArrayList<>();
        SipParseException e = assertThrows(SipParseException.class,
                () -> framer.feed(ByteBuffer.wrap(fixture("valid/3.1.1.8-dblreq")), frames::add));
        assertTrue(e.framingLost());
        List<String> methods = frames.stream()
                .filter(SipFrame.Message.class::isInstance)
                .map(f -> ((SipRequest) ((SipFrame.Message) f).message()).method())
                .toList();
        assertEquals(List.of("REGISTER", "INVITE"), methods);
    }

    // 3.4.1 over a stream: without Content-Length the message cannot be framed (RFC 3261 §18.3)
    @Test
    void rfc4475_3_4_1_inv2543_onStream_losesFraming() {
        SipFramer framer = new SipFramer(SipLimits.defaults());
        SipParseException e = assertThrows(SipParseException.class,
                () -> framer.feed(ByteBuffer.wrap(fixture("compat/3.4.1-inv2543"))));
        assertTrue(e.framingLost());
    }

    // 3.1.2.16
    @Test
    void rfc4475_3_1_2_16_badvers_answers505WithTheRequestsFields() {
        byte[] bytes = fixture("invalid/3.1.2.16-badvers");
        SipParseException e = assertThrows(SipParseException.class, () -> PARSER.parse(bytes));
        assertEquals(505, e.status());
        SipResponse answer = PARSER.responseTo(bytes, 0, bytes.length, e).orElseThrow();
        assertEquals(505, answer.status());
        assertEquals(Optional.of("badvers.31417@c.example.com"), answer.callId());
        assertEquals(Optional.of("SIP/7.0/UDP c.example.com;branch=z9hG4bKkdjuw"), answer.headers().firstValue("Via"));
    }

    // 3.1.2.17
    @Test
    void rfc4475_3_1_2_17_mismatch01_answers400NamingTheCSeqMismatch() throws SipParseException {
        SipResponse answer = CHECK.check(request("invalid/3.1.2.17-mismatch01"), Role.PROXY).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("CSeq Method Mismatch", answer.reason());
        assertTrue(answer.headers().firstValue("Warning").orElseThrow().startsWith("399 edge.ferry.test \""));
    }

    // 3.2.1
    @Test
    void rfc4475_3_2_1_badbranch_parsesThenAnswers400() throws SipParseException {
        SipRequest r = request("transaction/3.2.1-badbranch");
        assertEquals("z9hG4bK", r.topVia().orElseThrow().branch());
        assertEquals("Missing Transaction ID", CHECK.check(r, Role.PROXY).orElseThrow().reason());
    }

    // 3.3.1
    @Test
    void rfc4475_3_3_1_insuf_answers400NamingEveryMissingHeader() throws SipParseException {
        SipResponse answer = CHECK.check(request("semantics/3.3.1-insuf"), Role.PROXY).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Missing To, From, Call-ID, Max-Forwards", answer.reason());
        assertEquals(List.of("z9hG4bKkdj.insuf"), answer.vias().stream().map(Via::branch).toList());
    }

    // 3.3.2, 3.3.3
    @Test
    void rfc4475_3_3_2_unkscm_parsesAsAbsoluteUriAndAnswers416() throws SipParseException {
        SipRequest r = request("semantics/3.3.2-unkscm");
        assertEquals("nobodyknowsthisscheme", r.requestUri().scheme().toLowerCase(java.util.Locale.ROOT));
        assertInstanceOf(AbsoluteUri.class, r.requestUri());
        assertEquals(416, CHECK.check(r, Role.PROXY).orElseThrow().status());
        assertEquals(416, CHECK.check(r, Role.USER_AGENT).orElseThrow().status());
    }

    @Test
    void rfc4475_3_3_3_novelsc_parsesAndAnswers416() throws SipParseException {
        SipRequest r = request("semantics/3.3.3-novelsc");
        assertEquals("soap.beep", r.requestUri().scheme());
        assertEquals(416, CHECK.check(r, Role.PROXY).orElseThrow().status());
    }

    // 3.3.4
    @Test
    void rfc4475_3_3_4_unksm2_isForwardedByProxyAndRefusedByRegistrar() throws SipParseException {
        SipRequest r = request("semantics/3.3.4-unksm2");
        assertEquals("isbn", r.to().orElseThrow().uri().scheme());
        assertEquals("http", r.from().orElseThrow().uri().scheme());
        assertEquals("name", r.contacts().get(0).uri().scheme());
        assertEquals(Optional.empty(), CHECK.check(r, Role.PROXY));
        assertEquals(400, CHECK.check(r, Role.USER_AGENT).orElseThrow().status());
    }

    // 3.3.5
    @Test
    void rfc4475_3_3_5_bext01_answers420ListingTheTagsOfTheRole() throws SipParseException {
        SipRequest r = request("semantics/3.3.5-bext01");
        SipResponse proxy = CHECK.check(r, Role.PROXY).orElseThrow();
        assertEquals(420, proxy.status());
        assertEquals(List.of("noProxiesSupportThis", "norDoAnyProxiesSupportThis"), proxy.headers().values("Unsupported"));
        SipResponse uas = CHECK.check(r, Role.USER_AGENT).orElseThrow();
        assertEquals(420, uas.status());
        assertEquals(List.of("nothingSupportsThis", "nothingSupportsThisEither"), uas.headers().values("Unsupported"));
    }

    // 3.3.6
    @Test
    void rfc4475_3_3_6_invut_keepsUnknownBodyType() throws SipParseException {
        SipRequest r = request("semantics/3.3.6-invut");
        assertEquals(Optional.of("application/unknownformat"), r.headers().firstValue("Content-Type"));
        assertEquals(40, r.bodyLength());
    }

    // 3.3.7
    @Test
    void rfc4475_3_3_7_regaut01_keepsUnknownAuthorizationScheme() throws SipParseException {
        SipRequest r = request("semantics/3.3.7-regaut01");
        assertEquals(Optional.of("NoOneKnowsThisScheme opaque-data=here"), r.headers().firstValue("Authorization"));
        assertEquals(1, r.authHeaders("Authorization").size());
    }

    // 3.3.8
    @Test
    void rfc4475_3_3_8_multi01_answers400NamingTheRepeatedHeaders() throws SipParseException {
        SipResponse answer = CHECK.check(request("semantics/3.3.8-multi01"), Role.PROXY).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Multiple To, From, CSeq, Call-ID, Max-Forwards", answer.reason());
    }

    // 3.3.10
    @Test
    void rfc4475_3_3_10_bcast_isDroppedByProxyAndUserAgent() throws SipParseException {
        SipResponse r = response("semantics/3.3.10-bcast");
        assertEquals("255.255.255.255", r.vias().get(1).host());
        assertEquals(Optional.of("Broadcast Via"), CHECK.check(r, Role.PROXY));
        assertTrue(CHECK.check(r, Role.USER_AGENT).isPresent());
    }

    // 3.3.11
    @Test
    void rfc4475_3_3_11_zeromf_proxyAnswers483AndUserAgentAccepts() throws SipParseException {
        SipRequest r = request("semantics/3.3.11-zeromf");
        assertEquals(0, r.maxForwards().orElseThrow().hops());
        assertEquals(483, CHECK.check(r, Role.PROXY).orElseThrow().status());
        assertEquals(Optional.empty(), CHECK.check(r, Role.USER_AGENT));
    }

    // 3.3.12
    @Test
    void rfc4475_3_3_12_cparam01_readsParameterOfAddrSpecAsContactParameter() throws SipParseException {
        NameAddr contact = request("semantics/3.3.12-cparam01").contacts().get(0);
        assertFalse(contact.angleBrackets());
        assertTrue(contact.params().has("unknownparam"));
        assertTrue(((SipUri) contact.uri()).params().isEmpty());
    }

    // 3.3.13
    @Test
    void rfc4475_3_3_13_cparam02_readsParameterInsideBracketsAsUriParameter() throws SipParseException {
        NameAddr contact = request("semantics/3.3.13-cparam02").contacts().get(0);
        assertTrue(contact.angleBrackets());
        assertFalse(contact.params().has("unknownparam"));
        assertTrue(((SipUri) contact.uri()).params().has("unknownparam"));
    }

    // 3.3.14
    @Test
    void rfc4475_3_3_14_regescrt_keepsEscapedRouteHeaderInContactUri() throws SipParseException {
        SipRequest r = request("semantics/3.3.14-regescrt");
        SipUri contact = assertInstanceOf(SipUri.class, r.contacts().get(0).uri());
        assertEquals(List.of(new Parameters.Param("Route", "%3Csip:sip.example.com%3E")), contact.headers());
        assertEquals(Optional.empty(), CHECK.check(r, Role.USER_AGENT));
    }

    // 3.3.15
    @Test
    void rfc4475_3_3_15_sdp01_keepsUnacceptableAccept() throws SipParseException {
        SipRequest r = request("semantics/3.3.15-sdp01");
        assertEquals(List.of("text/nobodyKnowsThis"), r.headers().values("Accept"));
    }

    // 3.4.1
    @Test
    void rfc4475_3_4_1_inv2543_parsesWithBodyToEndOfDatagramThenAnswers400() throws SipParseException {
        SipRequest r = request("compat/3.4.1-inv2543");
        assertNull(r.topVia().orElseThrow().branch());
        assertNull(r.from().orElseThrow().tag());
        assertFalse(r.headers().contains("Content-Length"));
        assertTrue(r.bodyLength() > 0);
        assertEquals("Missing Max-Forwards", CHECK.check(r, Role.PROXY).orElseThrow().reason());
    }

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) if (a[i] == b) return i;
        return -1;
    }
}
