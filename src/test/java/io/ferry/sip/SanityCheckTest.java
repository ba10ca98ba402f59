package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.Fixtures;
import io.ferry.sip.SanityCheck.MergeKey;
import io.ferry.sip.SanityCheck.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per SanityCheck rule and outcome; requests are written as wire text and parsed. */
class SanityCheckTest {

    private static final SipParser PARSER = new SipParser();
    private static final SanityCheck CHECK = new SanityCheck("edge.ferry.test", Set.of("path", "outbound", "gruu"));

    private static final String VIA = "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKasudf\r\n";
    private static final String FROM = "From: <sip:alice@example.com>;tag=65bnmj\r\n";
    private static final String TO = "To: <sip:bob@example.com>\r\n";
    private static final String CALL_ID = "Call-ID: aiuy7k9njasd\r\n";
    private static final String MAX_FORWARDS = "Max-Forwards: 70\r\n";

    /** An OPTIONS with all mandatory headers, with {@code extra} header lines added and {@code drop} ones removed. */
    private static SipRequest options(String requestUri, String extra, String... drop) throws SipParseException {
        return request("OPTIONS", requestUri, "CSeq: 1 OPTIONS\r\n" + extra, drop);
    }

    private static SipRequest request(String method, String requestUri, String extra, String... drop) throws SipParseException {
        String headers = VIA + MAX_FORWARDS + FROM + TO + CALL_ID + extra;
        for (String d : drop) headers = headers.replace(d, "");
        String text = method + " " + requestUri + " SIP/2.0\r\n" + headers + "Content-Length: 0\r\n\r\n";
        return assertInstanceOf(SipRequest.class, PARSER.parse(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static SipResponse response(String statusLine, String headers) throws SipParseException {
        String text = statusLine + "\r\n" + headers + "Content-Length: 0\r\n\r\n";
        return assertInstanceOf(SipResponse.class, PARSER.parse(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static SipRequest plain() throws SipParseException {
        return options("sip:bob@example.com", "");
    }

    // §8.1.1 mandatory headers

    @Test
    void rfc3261_8_1_1_allMandatoryHeaders_passes() throws SipParseException {
        assertEquals(Optional.empty(), CHECK.rfc3261_8_1_1_mandatoryHeaders(plain()));
        assertEquals(Optional.empty(), CHECK.check(plain(), Role.PROXY));
        assertEquals(Optional.empty(), CHECK.check(plain(), Role.USER_AGENT));
    }

    @Test
    void rfc3261_8_1_1_missingCallId_answers400MissingCallId() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "", CALL_ID);
        SipResponse answer = CHECK.rfc3261_8_1_1_mandatoryHeaders(r).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Missing Call-ID", answer.reason());
        assertEquals("Missing Call-ID", CHECK.check(r, Role.PROXY).orElseThrow().reason());
    }

    @Test
    void rfc3261_8_1_1_missingMaxForwards_answers400() throws SipParseException {
        SipResponse answer = CHECK.check(options("sip:bob@example.com", "", MAX_FORWARDS), Role.PROXY).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Missing Max-Forwards", answer.reason());
    }

    @Test
    void rfc3261_8_1_1_missingViaAndFrom_answers400NamingBothInRfcOrder() throws SipParseException {
        SipResponse answer = CHECK.rfc3261_8_1_1_mandatoryHeaders(options("sip:bob@example.com", "", VIA, FROM)).orElseThrow();
        assertEquals("Missing From, Via", answer.reason());
    }

    // §20.43 Warning, §8.2.6 response shape

    @Test
    void rfc3261_20_43_rejection_carriesWarning399WithHostAndDetail() throws SipParseException {
        SipResponse answer = CHECK.check(options("sip:bob@example.com", "", CALL_ID), Role.PROXY).orElseThrow();
        assertEquals(Optional.of("399 edge.ferry.test \"RFC 3261 8.1.1: request lacks Call-ID\""),
                answer.headers().firstValue("Warning"));
    }

    @Test
    void rfc3261_8_2_6_rejection_copiesViaFromToCallIdAndCSeq() throws SipParseException {
        SipRequest r = options("tel:+15551234", "");
        SipResponse answer = CHECK.check(r, Role.PROXY).orElseThrow();
        assertEquals(r.vias(), answer.vias());
        assertEquals(r.callId(), answer.callId());
        assertEquals(r.cseq(), answer.cseq());
        assertEquals(r.from(), answer.from());
        assertTrue(answer.to().orElseThrow().tag() != null, "a final response adds a To tag");
    }

    @Test
    void rfc3261_20_43_warningText_escapesQuotesAndDropsControls() {
        assertEquals("\"a \\\"b\\\" \\\\ c\"", SanityCheck.quoted("a \"b\" \\ c\u0000"));
    }

    @Test
    void rfc3261_20_43_hostThatIsNoWarnAgent_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SanityCheck("edge one", Set.of()));
    }

    // §7.3.1 single-valued headers

    @Test
    void rfc3261_7_3_1_twoCallIdHeaders_answers400Multiple() throws SipParseException {
        SipResponse answer = CHECK.check(options("sip:bob@example.com", "Call-ID: other\r\n"), Role.PROXY).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Multiple Call-ID", answer.reason());
    }

    @Test
    void rfc3261_7_3_1_twoViaHeaders_passes() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Via: SIP/2.0/UDP p.example.com;branch=z9hG4bK2\r\n");
        assertEquals(Optional.empty(), CHECK.rfc3261_7_3_1_singleValuedHeaders(r));
    }

    // §16.3 step 1 reasonable syntax

    @Test
    void rfc3261_16_3_1_malformedVia_answers400BadVia() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Via: SIP/2.0/UDP 192.0.2.15;;,;,,\r\n");
        SipResponse answer = CHECK.rfc3261_16_3_1_reasonableSyntax(r).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Bad Via", answer.reason());
    }

    @Test
    void rfc3261_16_3_1_cseqNumberAbove2pow31_answers400BadCSeq() throws SipParseException {
        SipRequest r = request("OPTIONS", "sip:bob@example.com", "CSeq: 2147483648 OPTIONS\r\n");
        SipResponse answer = CHECK.check(r, Role.PROXY).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Bad CSeq", answer.reason());
    }

    @Test
    void rfc3261_16_3_1_maxForwardsNotNumeric_answers400() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Max-Forwards: five\r\n", MAX_FORWARDS);
        SipResponse answer = CHECK.check(r, Role.PROXY).orElseThrow();
        assertEquals(400, answer.status());
        assertTrue(answer.reason().contains("Max-Forwards"), answer.reason());
    }

    @Test
    void rfc3261_16_3_1_malformedDateNeverRead_passes() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Date: Fri, 01 Jan 2010 16:00:00 EST\r\n");
        assertEquals(Optional.empty(), CHECK.check(r, Role.PROXY));
    }

    // §8.1.1.5 CSeq method

    @Test
    void rfc3261_8_1_1_5_cseqMethodMismatch_answers400() throws SipParseException {
        SipRequest r = request("OPTIONS", "sip:bob@example.com", "CSeq: 8 INVITE\r\n");
        SipResponse answer = CHECK.rfc3261_8_1_1_5_cseqMethod(r).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("CSeq Method Mismatch", answer.reason());
    }

    @Test
    void rfc3261_8_1_1_5_cseqMethodOfOtherCase_answers400() throws SipParseException {
        SipRequest r = request("OPTIONS", "sip:bob@example.com", "CSeq: 8 options\r\n");
        assertEquals(400, CHECK.rfc3261_8_1_1_5_cseqMethod(r).orElseThrow().status());
    }

    // §8.1.1.7 branch

    @Test
    void rfc3261_8_1_1_7_bareMagicCookie_answers400() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "", VIA)
                .withPrependedHeader("Via", "SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK");
        SipResponse answer = CHECK.rfc3261_8_1_1_7_transactionId(r).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Missing Transaction ID", answer.reason());
    }

    @Test
    void rfc3261_8_1_1_7_cookieWithIdentifier_passes() throws SipParseException {
        assertEquals(Optional.empty(), CHECK.rfc3261_8_1_1_7_transactionId(plain()));
    }

    // §18.3 Content-Length

    @Test
    void rfc3261_18_3_contentLengthLargerThanBody_answers400() throws SipParseException {
        SipRequest r = plain().withHeader("Content-Length", "10");
        SipResponse answer = CHECK.rfc3261_18_3_contentLength(r).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Content-Length Mismatch", answer.reason());
    }

    @Test
    void rfc3261_18_3_contentLengthMatchingBody_passes() throws SipParseException {
        SipRequest r = plain().withBody("text/plain", "hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Optional.empty(), CHECK.rfc3261_18_3_contentLength(r));
    }

    // §21.5.13 size

    @Test
    void rfc3261_21_5_13_requestAboveLimit_answers513() throws SipParseException {
        SanityCheck small = new SanityCheck("edge.ferry.test", Set.of(), SanityCheck.DEFAULT_SCHEMES, 300);
        SipRequest r = plain().withBody("text/plain", new byte[400]);
        SipResponse answer = small.rfc3261_21_5_13_messageTooLarge(r).orElseThrow();
        assertEquals(513, answer.status());
        assertEquals(513, small.check(r, Role.PROXY).orElseThrow().status());
        assertEquals(Optional.empty(), small.rfc3261_21_5_13_messageTooLarge(plain()));
    }

    // §8.2.2.1 Request-URI scheme

    @Test
    void rfc3261_8_2_2_1_telUriUnsupported_answers416() throws SipParseException {
        SipResponse answer = CHECK.rfc3261_8_2_2_1_requestUriScheme(options("tel:+15551234", "")).orElseThrow();
        assertEquals(416, answer.status());
        assertEquals("Unsupported URI Scheme", answer.reason());
    }

    @Test
    void rfc3261_8_2_2_1_telUriConfigured_passes() throws SipParseException {
        SanityCheck withTel = new SanityCheck("edge.ferry.test", Set.of(), Set.of("sip", "sips", "tel"), 65536);
        assertEquals(Optional.empty(), withTel.rfc3261_8_2_2_1_requestUriScheme(options("tel:+15551234", "")));
    }

    @Test
    void rfc3261_8_2_2_1_sipsUri_passes() throws SipParseException {
        assertEquals(Optional.empty(), CHECK.rfc3261_8_2_2_1_requestUriScheme(options("sips:bob@example.com", "")));
    }

    @Test
    void rfc3261_16_3_2_unsupportedSchemeWithMaxForwardsZero_answers416First() throws SipParseException {
        SipRequest r = options("tel:+15551234", "Max-Forwards: 0\r\n", MAX_FORWARDS);
        assertEquals(416, CHECK.check(r, Role.PROXY).orElseThrow().status());
    }

    // §19.1.1 headers in Request-URI

    @Test
    void rfc3261_19_1_1_requestUriWithHeaders_answers400() throws SipParseException {
        SipRequest r = options("sip:bob@example.com?Subject=hi", "");
        SipResponse answer = CHECK.rfc3261_19_1_1_requestUriHeaders(r).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Headers In Request-URI", answer.reason());
    }

    // §16.3 step 3 Max-Forwards

    @Test
    void rfc3261_16_3_3_maxForwardsZero_answers483() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Max-Forwards: 0\r\n", MAX_FORWARDS);
        SipResponse answer = CHECK.rfc3261_16_3_3_maxForwards(r).orElseThrow();
        assertEquals(483, answer.status());
        assertEquals("Too Many Hops", answer.reason());
        assertEquals(483, CHECK.check(r, Role.PROXY).orElseThrow().status());
    }

    @Test
    void rfc3261_16_3_3_maxForwardsZeroAtUserAgent_passes() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Max-Forwards: 0\r\n", MAX_FORWARDS);
        assertEquals(Optional.empty(), CHECK.check(r, Role.USER_AGENT));
    }

    @Test
    void rfc3261_16_3_3_maxForwardsOne_passes() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Max-Forwards: 1\r\n", MAX_FORWARDS);
        assertEquals(Optional.empty(), CHECK.rfc3261_16_3_3_maxForwards(r));
    }

    // §16.3 step 5 Proxy-Require, §8.2.2.3 Require

    @Test
    void rfc3261_16_3_5_unsupportedProxyRequire_answers420WithUnsupported() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Proxy-Require: path, foo, bar\r\n");
        SipResponse answer = CHECK.rfc3261_16_3_5_proxyRequire(r).orElseThrow();
        assertEquals(420, answer.status());
        assertEquals("Bad Extension", answer.reason());
        assertEquals(List.of("foo", "bar"), answer.headers().values("Unsupported"));
    }

    @Test
    void rfc3261_16_3_5_supportedProxyRequireOfOtherCase_passes() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Proxy-Require: Path, OUTBOUND\r\n");
        assertEquals(Optional.empty(), CHECK.rfc3261_16_3_5_proxyRequire(r));
    }

    @Test
    void rfc3261_16_3_5_requireAtProxy_isNotChecked() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Require: foo\r\n");
        assertEquals(Optional.empty(), CHECK.check(r, Role.PROXY));
    }

    @Test
    void rfc3261_8_2_2_3_unsupportedRequire_answers420WithUnsupported() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Require: foo\r\nRequire: gruu\r\n");
        SipResponse answer = CHECK.check(r, Role.USER_AGENT).orElseThrow();
        assertEquals(420, answer.status());
        assertEquals(List.of("foo"), answer.headers().values("Unsupported"));
    }

    @Test
    void rfc3261_8_2_2_3_requireOnCancel_isNotChecked() throws SipParseException {
        SipRequest r = request("CANCEL", "sip:bob@example.com", "CSeq: 1 CANCEL\r\nRequire: foo\r\n");
        assertEquals(Optional.empty(), CHECK.rfc3261_8_2_2_3_require(r));
    }

    @Test
    void rfc3261_8_2_2_3_requireOnAck_isNotChecked() throws SipParseException {
        SipRequest r = request("ACK", "sip:bob@example.com", "CSeq: 1 ACK\r\nRequire: foo\r\n");
        assertEquals(Optional.empty(), CHECK.check(r, Role.USER_AGENT));
    }

    @Test
    void rfc3261_16_3_maxForwardsZeroWithUnsupportedProxyRequire_answers483First() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "Max-Forwards: 0\r\nProxy-Require: foo\r\n", MAX_FORWARDS);
        assertEquals(483, CHECK.check(r, Role.PROXY).orElseThrow().status());
    }

    // §10.3 address-of-record

    @Test
    void rfc3261_10_3_registerWithNonSipTo_answers400() throws SipParseException {
        SipRequest r = request("REGISTER", "sip:example.com", "CSeq: 1 REGISTER\r\nTo: <tel:+15551234>\r\n", TO);
        SipResponse answer = CHECK.check(r, Role.USER_AGENT).orElseThrow();
        assertEquals(400, answer.status());
        assertEquals("Address-of-Record Is Not a SIP URI", answer.reason());
    }

    @Test
    void rfc3261_10_3_registerWithSipTo_passes() throws SipParseException {
        SipRequest r = request("REGISTER", "sip:example.com", "CSeq: 1 REGISTER\r\n");
        assertEquals(Optional.empty(), CHECK.rfc3261_10_3_addressOfRecord(r));
    }

    // §8.2.2.2 merged requests

    @Test
    void rfc3261_8_2_2_2_sameKeyOtherBranch_answers482() throws SipParseException {
        SipRequest r = plain();
        MergeKey key = SanityCheck.mergeKey(r).orElseThrow();
        assertEquals(new MergeKey("65bnmj", "aiuy7k9njasd", 1, "OPTIONS"), key);
        Via other = Via.of("UDP", "proxy2.example.com", -1, "z9hG4bKother");
        SipResponse answer = CHECK.rfc3261_8_2_2_2_mergedRequest(r, k -> k.equals(key) ? Optional.of(other) : Optional.empty())
                .orElseThrow();
        assertEquals(482, answer.status());
        assertEquals("Merged Request", answer.reason());
    }

    @Test
    void rfc3261_8_2_2_2_retransmissionOfSameTransaction_passes() throws SipParseException {
        SipRequest r = plain();
        Via same = r.topVia().orElseThrow();
        assertEquals(Optional.empty(), CHECK.rfc3261_8_2_2_2_mergedRequest(r, k -> Optional.of(same)));
    }

    @Test
    void rfc3261_8_2_2_2_requestWithToTag_isNotChecked() throws SipParseException {
        SipRequest r = options("sip:bob@example.com", "To: <sip:bob@example.com>;tag=9\r\n", TO);
        Via other = Via.of("UDP", "proxy2.example.com", -1, "z9hG4bKother");
        assertEquals(Optional.empty(), CHECK.rfc3261_8_2_2_2_mergedRequest(r, k -> Optional.of(other)));
    }

    @Test
    void rfc3261_8_2_2_2_noOngoingTransaction_passes() throws SipParseException {
        assertEquals(Optional.empty(), CHECK.rfc3261_8_2_2_2_mergedRequest(plain(), k -> Optional.empty()));
    }

    // §16.3 step 4 loops

    @Test
    void rfc3261_16_3_4_ownViaForThisRequest_answers482() throws SipParseException {
        SipRequest r = plain().withPrependedHeader("Via", "SIP/2.0/UDP edge.ferry.test;branch=z9hG4bKloop1");
        SipResponse answer = CHECK.rfc3261_16_3_4_loopDetected(r, v -> "edge.ferry.test".equals(v.host())).orElseThrow();
        assertEquals(482, answer.status());
        assertEquals("Loop Detected", answer.reason());
    }

    @Test
    void rfc3261_16_3_4_noOwnVia_passes() throws SipParseException {
        assertEquals(Optional.empty(), CHECK.rfc3261_16_3_4_loopDetected(plain(), v -> "edge.ferry.test".equals(v.host())));
    }

    // responses: never answered, only dropped

    private static final String RESPONSE_HEADERS = "Via: SIP/2.0/UDP edge.ferry.test;branch=z9hG4bK1\r\n"
            + "Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKasudf;received=192.0.2.7\r\n"
            + FROM + "To: <sip:bob@example.com>;tag=x\r\n" + CALL_ID + "CSeq: 1 OPTIONS\r\n";

    @Test
    void rfc3261_18_1_2_wellFormedResponse_passes() throws SipParseException {
        SipResponse r = response("SIP/2.0 200 OK", RESPONSE_HEADERS);
        assertEquals(Optional.empty(), CHECK.check(r, Role.PROXY));
    }

    @Test
    void rfc3261_18_1_2_responseWithOverlargeCSeq_isDropped() throws SipParseException {
        SipResponse r = response("SIP/2.0 200 OK", RESPONSE_HEADERS.replace("CSeq: 1 OPTIONS", "CSeq: 9292394834772304023312 OPTIONS"));
        assertEquals(Optional.of("Bad CSeq"), CHECK.check(r, Role.PROXY));
    }

    @Test
    void rfc3261_18_1_2_responseWithoutCallId_isDropped() throws SipParseException {
        SipResponse r = response("SIP/2.0 200 OK", RESPONSE_HEADERS.replace(CALL_ID, ""));
        assertEquals(Optional.of("Missing Call-ID"), CHECK.rfc3261_18_1_2_responseHeaders(r));
    }

    @Test
    void rfc3261_8_1_3_3_twoViasAtUserAgent_isDropped() throws SipParseException {
        SipResponse r = response("SIP/2.0 200 OK", RESPONSE_HEADERS);
        assertEquals(Optional.of("More Than One Via"), CHECK.check(r, Role.USER_AGENT));
    }

    @Test
    void rfc3261_18_2_2_nextHopReceivedIsBroadcast_isDroppedByProxy() throws SipParseException {
        SipResponse r = response("SIP/2.0 200 OK", RESPONSE_HEADERS.replace("received=192.0.2.7", "received=255.255.255.255"));
        assertEquals(Optional.of("Broadcast Via"), CHECK.rfc3261_18_2_2_broadcastNextHop(r));
    }

    // real JsSIP traffic through Kamailio (shared/fixtures/jssip-kamailio): nothing to answer or drop

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "kamailio-jssip-register.txt, PROXY", "kamailio-jssip-register.txt, USER_AGENT",
            "kamailio-auth-jssip-register.txt, PROXY", "kamailio-auth-jssip-register-auth.txt, USER_AGENT",
            "kamailio-jssip-message-sent.txt, PROXY", "kamailio-auth-jssip-message-sent.txt, PROXY",
            "kamailio-jssip-message-received.txt, USER_AGENT", "kamailio-auth-jssip-message-received.txt, USER_AGENT",
            "kamailio-jssip-register-200.txt, USER_AGENT", "kamailio-auth-jssip-register-401.txt, USER_AGENT",
            "kamailio-auth-jssip-register-200.txt, USER_AGENT", "kamailio-jssip-message-reply.txt, USER_AGENT",
            "kamailio-auth-jssip-message-reply.txt, USER_AGENT"})
    void rfc3261_jssipTraffic_passesEveryCheck(String file, Role role) throws SipParseException {
        SipMessage m = PARSER.parse(Fixtures.bytes("jssip-kamailio/" + file));
        if (m instanceof SipRequest r) assertEquals(Optional.empty(), CHECK.check(r, role));
        else assertEquals(Optional.empty(), CHECK.check((SipResponse) m, role));
    }
}
