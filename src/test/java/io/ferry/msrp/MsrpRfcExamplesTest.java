package io.ferry.msrp;

import static io.ferry.msrp.MsrpFixtures.msrp;
import static io.ferry.msrp.MsrpFixtures.text;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example message of RFC 4975, RFC 4976 and RFC 7977, as exact bytes. */
class MsrpRfcExamplesTest {

    static Stream<MsrpFixtures.Expected> validFixtures() { return MsrpFixtures.valid().stream(); }

    static Stream<MsrpFixtures.Expected> invalidFixtures() { return MsrpFixtures.expected().stream().filter(e -> !e.valid()); }

    private static MsrpFrame frame(String path) { return MsrpParser.parse(msrp(path)); }

    private static MsrpRequest request(String path) { return (MsrpRequest) frame(path).message(); }

    private static MsrpResponse response(String path) { return (MsrpResponse) frame(path).message(); }

    private static String body(MsrpFrame f) { return StandardCharsets.UTF_8.decode(f.body()).toString(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFixtures")
    void rfcExamples_parseThenSerialize_givesIdenticalBytes(MsrpFixtures.Expected e) {
        byte[] wire = msrp(e.file());
        MsrpFrame f = MsrpParser.parse(wire);
        assertEquals(text(wire), text(MsrpSerializer.toBytes(f)));
        assertArrayEquals(wire, MsrpSerializer.toBytes(f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFixtures")
    void rfcExamples_invalidOnes_areRejectedWithTheExpectedRule(MsrpFixtures.Expected e) {
        MsrpParseException ex = assertThrows(MsrpParseException.class, () -> MsrpParser.parse(msrp(e.file())));
        assertEquals(e.violation(), ex.violation());
        assertFalse(ex.framingLost());
        assertEquals(400, ex.status());
    }

    @Test
    void rfc4975_5_1_figure3Snippets_areRejected400_andTheStreamStaysFramed() {
        RecordingListener l = new RecordingListener();
        MsrpStreamParser p = new MsrpStreamParser(l);
        p.feed(ByteBuffer.wrap(msrp("rfc4975/5.1-fig3-dkei38sd-chunk1-snippet.msrp")));
        p.feed(ByteBuffer.wrap(msrp("rfc4975/5.1-fig3-dkei38ia-chunk2-snippet.msrp")));
        p.feed(ByteBuffer.wrap(msrp("rfc4975/11.1-5-d93kswow-200.msrp")));
        List<RecordingListener.Event> ev = l.events();
        assertEquals(new RecordingListener.Invalid("dkei38sd", MsrpViolation.TO_PATH_MISSING, 400), ev.get(0));
        assertEquals(new RecordingListener.Invalid("dkei38ia", MsrpViolation.TO_PATH_MISSING, 400), ev.get(1));
        assertInstanceOf(RecordingListener.Headers.class, ev.get(2));
        assertEquals(new RecordingListener.End("d93kswow", ContinuationFlag.COMPLETE), ev.get(3));
        assertEquals(4, ev.size());
        assertTrue(p.isIdle());
    }

    @Test
    void rfc4975_4_figure2_send_readsAsTheRfcDescribes() {
        MsrpFrame f = frame("rfc4975/4-fig2-a786hjs2-send.msrp");
        MsrpRequest r = (MsrpRequest) f.message();
        assertEquals("a786hjs2", r.transactionId());
        assertEquals(MsrpMethod.SEND, r.method());
        assertEquals(List.of(MsrpUri.parse("msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp")), r.toPath());
        MsrpUri from = r.fromPath().get(0);
        assertEquals("atlanta.example.com", from.host());
        assertEquals(7654, from.port());
        assertEquals("jshA7weztas", from.sessionId());
        assertEquals("tcp", from.transport());
        assertEquals("87652491", r.headers().messageId().orElseThrow());
        assertEquals(ByteRange.of(1, 25, 25), r.headers().byteRange().orElseThrow());
        assertEquals("text/plain", r.headers().contentType().orElseThrow());
        assertEquals("Hey Bob, are you there?", body(f));
        assertEquals(ContinuationFlag.COMPLETE, f.flag());
        assertEquals(SuccessReport.NO, r.headers().successReport());
        assertEquals(FailureReport.YES, r.headers().failureReport());
    }

    @Test
    void rfc4975_4_figure2_response_hasNoBodyAndCode200() {
        MsrpFrame f = frame("rfc4975/4-fig2-a786hjs2-200.msrp");
        MsrpResponse r = (MsrpResponse) f.message();
        assertEquals(200, r.code());
        assertEquals("OK", r.comment());
        assertFalse(f.hasBody());
        assertNull(f.body());
    }

    @Test
    void rfc4975_11_4_cpimFirstChunk_endsWithPlus_andCarriesTheCpimHeadersAsBody() {
        MsrpFrame f = frame("rfc4975/11.4-fig14-d93kswow-cpim-chunk1.msrp");
        assertEquals(ContinuationFlag.MORE, f.flag());
        assertEquals(ByteRange.of(1, 137, 148), f.message().headers().byteRange().orElseThrow());
        assertEquals("To: Bob <sip:bob@example.com>\r\nFrom: Alice <sip:alice@example.com>\r\n"
                + "DateTime: 2006-05-15T15:02:31-03:00\r\nContent-Type: text/plain\r\n\r\nABCD", body(f));
        assertEquals("message/cpim", f.message().headers().contentType().orElseThrow());
        MsrpFrame second = frame("rfc4975/11.4-fig15-op2nc9a-cpim-chunk2.msrp");
        assertEquals(ByteRange.of(138, 148, 148), second.message().headers().byteRange().orElseThrow());
        assertTrue(second.message().headers().byteRange().orElseThrow().isLast());
    }

    @Test
    void rfc4975_11_5_systemMessage_asksForNoReports() {
        MsrpHeaders h = request("rfc4975/11.5-d93kswow-system-message.msrp").headers();
        assertEquals(FailureReport.NO, h.failureReport());
        assertEquals(SuccessReport.NO, h.successReport());
    }

    @Test
    void rfc4975_11_6_report_readsStatus000_200() {
        MsrpRequest r = request("rfc4975/11.6-fig17-dkei38sd-report.msrp");
        assertEquals(MsrpMethod.REPORT, r.method());
        assertEquals(new MsrpStatus(0, 200, "OK"), r.headers().status().orElseThrow());
    }

    @Test
    void rfc4975_7_2_responsesToSend_builtFromTheRequest_matchTheRfcBytes() {
        String[][] pairs = {
                {"rfc4975/4-fig2-a786hjs2-send.msrp", "rfc4975/4-fig2-a786hjs2-200.msrp"},
                {"rfc4975/11.1-4-d93kswow-send.msrp", "rfc4975/11.1-5-d93kswow-200.msrp"},
                {"rfc4975/11.1-6-dkei38sd-send.msrp", "rfc4975/11.1-7-dkei38sd-200.msrp"},
                {"rfc7977/8.2.2-f1-6aef-send-alice-to-relay.msrp", "rfc7977/8.2.2-f2-6aef-200.msrp"},
                {"rfc7977/8.2.2-f3-juh76-send-relay-to-bob.msrp", "rfc7977/8.2.2-f4-juh76-200.msrp"},
                {"rfc7977/8.3.2-f1-kjh6-send-alice-to-relay.msrp", "rfc7977/8.3.2-f2-kjh6-200.msrp"},
                {"rfc7977/8.3.2-f3-re58-send-relay-to-carol.msrp", "rfc7977/8.3.2-f4-re58-200.msrp"},
        };
        for (String[] p : pairs) {
            MsrpResponse answer = MsrpResponse.answer(request(p[0]), 200, "OK");
            assertEquals(text(msrp(p[1])), text(MsrpSerializer.toBytes(answer)), p[1]);
        }
    }

    @Test
    void rfc4975_7_2_responseToSend_goesBackOneHopOnly() {
        MsrpRequest juh76 = request("rfc4976/3-c-juh76-send-a-to-b.msrp");
        MsrpResponse answer = MsrpResponse.answer(juh76, 200, "OK");
        assertEquals(List.of(MsrpUri.parse("msrps://a.example.org:9000/kjfjan;tcp")), answer.toPath());
        assertEquals(response("rfc4976/3-d-juh76-200-b-to-a.msrp").toPath(), answer.toPath());
        assertEquals(response("rfc4976/3-d-juh76-200-b-to-a.msrp").fromPath(), answer.fromPath());
    }

    @Test
    void rfc4975_7_1_3_successReport_builtFromTheSend_matchesTheRfcBytes() {
        MsrpRequest send = request("rfc4975/11.6-fig16-d93kswow-send.msrp");
        MsrpUri bob = send.toPath().get(0);
        MsrpRequest report = MsrpRequest.report(send, "dkei38sd", bob, ByteRange.of(1, 106, 106), MsrpStatus.of(200, "OK"));
        assertEquals(text(msrp("rfc4975/11.6-fig17-dkei38sd-report.msrp")), text(MsrpSerializer.toBytes(report)));
        assertTrue(report.headers().successReportHeader().isEmpty());
        assertTrue(report.headers().failureReportHeader().isEmpty());
    }

    @Test
    void rfc4976_3_reportFromBob_goesBackAlongTheWholeFromPath() {
        MsrpRequest send = request("rfc4976/3-e-xght6-send-b-to-bob.msrp");
        MsrpRequest report = MsrpRequest.report(send, "yh67", send.toPath().get(0), ByteRange.of(1, 39, 39), MsrpStatus.of(200, "OK"));
        assertEquals(text(msrp("rfc4976/3-g-yh67-report-bob-to-b.msrp")), text(MsrpSerializer.toBytes(report)));
    }

    @Test
    void rfc4976_6_4_2_relaysForwardTheReport_matchingTheRfcBytesHopByHop() {
        MsrpRequest atB = request("rfc4976/3-g-yh67-report-bob-to-b.msrp");
        MsrpRequest fromB = atB.forwarded("yh67");
        assertEquals(text(msrp("rfc4976/3-h-yh67-report-b-to-a.msrp")), text(MsrpSerializer.toBytes(fromB)));
        MsrpRequest fromA = fromB.forwarded("yh67");
        assertEquals(text(msrp("rfc4976/3-i-yh67-report-a-to-alice.msrp")), text(MsrpSerializer.toBytes(fromA)));
    }

    @Test
    void rfc4976_6_4_1_relayForwardsSend_rewritingToPathAndFromPathAsTheRfcShows() {
        MsrpRequest atA = request("rfc4976/3-a-6aef-send-alice-to-a.msrp");
        MsrpRequest fromA = atA.forwarded("juh76");
        MsrpRequest rfcJuh76 = request("rfc4976/3-c-juh76-send-a-to-b.msrp");
        assertEquals("juh76", fromA.transactionId());
        assertEquals(rfcJuh76.toPath(), fromA.toPath());
        assertEquals(rfcJuh76.fromPath(), fromA.fromPath());
        assertEquals(atA.headers().messageId(), fromA.headers().messageId());
        MsrpRequest fromB = rfcJuh76.forwarded("xght6");
        MsrpRequest rfcXght6 = request("rfc4976/3-e-xght6-send-b-to-bob.msrp");
        assertEquals(rfcXght6.toPath(), fromB.toPath());
        assertEquals(rfcXght6.fromPath(), fromB.fromPath());
    }

    @Test
    void rfc4976_5_1_challenge_builtFromTheAuth_matchesTheRfc401() {
        MsrpRequest auth = request("rfc4976/5.1-a-49fh-auth.msrp");
        MsrpResponse challenge = MsrpResponse.answer(auth, 401, "Unauthorized")
                .withHeader(MsrpHeaders.WWW_AUTHENTICATE, "Digest realm=\"intra.example.com\", qop=\"auth\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"");
        assertEquals(text(msrp("rfc4976/5.1-b-49fh-401.msrp")), text(MsrpSerializer.toBytes(challenge)));
    }

    @Test
    void rfc4976_5_1_authWithCredentials_exposesTheAuthorizationVerbatim() {
        MsrpRequest auth = request("rfc4976/5.1-c-49fi-auth.msrp");
        assertEquals(MsrpMethod.AUTH, auth.method());
        assertEquals("Digest username=\"Alice\", realm=\"intra.example.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                + "qop=auth, nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\"",
                auth.headers().authorization().orElseThrow());
        assertEquals("alice", auth.toPath().get(0).userInfo());
        assertEquals(-1, auth.toPath().get(0).port());
        assertNull(auth.toPath().get(0).sessionId());
    }

    @Test
    void rfc4976_5_1_auth200_carriesUsePathExpiresAndAuthenticationInfo() {
        MsrpResponse ok = response("rfc4976/5.1-d-49fi-200.msrp");
        assertEquals(List.of(MsrpUri.parse("msrps://intra.example.com:9000/jui787s2f;tcp")), ok.headers().usePath());
        assertEquals(900, ok.headers().expires().orElseThrow());
        assertTrue(ok.headers().authenticationInfo().orElseThrow().startsWith("nextnonce=\"40f2e879449675f288476d772627370a\", rspauth="));
        MsrpResponse twoRelays = response("rfc4976/5.1-k-m4nbvx-200-extra-to-intra.msrp");
        assertEquals(2, twoRelays.headers().usePath().size());
        assertEquals(1800, twoRelays.headers().expires().orElseThrow());
    }

    @Test
    void rfc4976_6_4_2_innerRelayForwardsAuth_matchingTheRfcBytes() {
        MsrpRequest atIntra = request("rfc4976/5.1-e-mnbvw-auth-alice-to-intra.msrp");
        assertEquals(text(msrp("rfc4976/5.1-f-m2nbvw-auth-intra-to-extra.msrp")), text(MsrpSerializer.toBytes(atIntra.forwarded("m2nbvw"))));
        MsrpRequest withCredentials = request("rfc4976/5.1-i-m3nbvx-auth-alice-to-intra.msrp");
        assertEquals(text(msrp("rfc4976/5.1-j-m4nbvx-auth-intra-to-extra.msrp")), text(MsrpSerializer.toBytes(withCredentials.forwarded("m4nbvx"))));
    }

    @Test
    void rfc4976_6_4_3_innerRelayPassesTheChallengeBack_matchingTheRfcBytes() {
        MsrpResponse fromExtra = response("rfc4976/5.1-g-m2nbvw-401-extra-to-intra.msrp");
        assertEquals(text(msrp("rfc4976/5.1-h-mnbvw-401-intra-to-alice.msrp")), text(MsrpSerializer.toBytes(fromExtra.forwarded("mnbvw"))));
    }

    @Test
    void rfc4976_5_1_challengeFromTheOuterRelay_goesBackAlongTheWholeFromPath() {
        MsrpRequest atExtra = request("rfc4976/5.1-f-m2nbvw-auth-intra-to-extra.msrp");
        MsrpResponse challenge = MsrpResponse.answer(atExtra, 401, "Unauthorized")
                .withHeader(MsrpHeaders.WWW_AUTHENTICATE, "Digest realm=\"extra.example.com\", qop=\"auth\", nonce=\"Uumu8cAV38FGsEF31VLevIbNXj9HWO\"");
        assertEquals(text(msrp("rfc4976/5.1-g-m2nbvw-401-extra-to-intra.msrp")), text(MsrpSerializer.toBytes(challenge)));
    }

    @Test
    void rfc7977_8_1_1_auth200_builtFromTheAuth_matchesTheRfcBytes() {
        MsrpRequest auth = request("rfc7977/8.1.1-f3-49fi-auth.msrp");
        assertTrue(auth.fromPath().get(0).isWebSocket());
        assertTrue(auth.toPath().get(0).isWebSocket());
        MsrpResponse ok = MsrpResponse.answer(auth, 200, "OK")
                .withHeader(MsrpHeaders.USE_PATH, "msrps://a.example.com:2855/jui787s2f;tcp")
                .withHeader(MsrpHeaders.EXPIRES, "900");
        assertEquals(text(msrp("rfc7977/8.1.1-f4-49fi-200.msrp")), text(MsrpSerializer.toBytes(ok)));
    }

    @Test
    void rfc7977_8_1_2_challengeAndCredentials_readAsTheRfcShows() {
        MsrpResponse challenge = response("rfc7977/8.1.2-f4-4rsxt9nz-401.msrp");
        assertEquals(401, challenge.code());
        assertEquals("Digest realm=\"example.com\", nonce=\"UvtfpVL7XnnJ63EE244fXDthfLihlMHOY4+dd4A=\", qop=\"auth\"",
                challenge.headers().wwwAuthenticate().orElseThrow());
        MsrpRequest auth = request("rfc7977/8.1.2-f5-qy1hsow5-auth.msrp");
        assertTrue(auth.headers().authorization().orElseThrow().contains("uri=\"msrps://alice@a.example.com:443;ws\""));
    }

    @Test
    void rfc7977_8_2_2_relayForwardsTheWebSocketClientsSend_asTheRfcShows() {
        MsrpRequest f1 = request("rfc7977/8.2.2-f1-6aef-send-alice-to-relay.msrp");
        MsrpRequest f3 = request("rfc7977/8.2.2-f3-juh76-send-relay-to-bob.msrp");
        MsrpRequest forwarded = f1.forwarded("juh76");
        assertEquals(f3.toPath(), forwarded.toPath());
        assertEquals(f3.fromPath(), forwarded.fromPath());
        assertTrue(forwarded.fromPath().get(1).isWebSocket());
    }

    @Test
    void rfc7977_8_2_3_doubleSpaceAfterTheColon_isKeptAndThePathStillReads() {
        MsrpRequest f3 = request("rfc7977/8.2.3-f3-yh67-send-relay-to-alice.msrp");
        assertEquals("  msrps://df7jal23ls0d.invalid:2855/98cjs;ws", f3.headers().list().get(0).rawValue());
        assertEquals(List.of(MsrpUri.parse("msrps://df7jal23ls0d.invalid:2855/98cjs;ws")), f3.toPath());
        assertEquals(2, f3.fromPath().size());
    }

    @Test
    void rfc7977_8_4_2_twoRelays_forwardTheSendAsTheRfcShows() {
        MsrpRequest f3 = request("rfc7977/8.4.2-f3-13GA-send-relay-to-relay.msrp");
        MsrpRequest f5 = request("rfc7977/8.4.2-f5-kXeg-send-relay-to-bob.msrp");
        assertEquals(text(msrp("rfc7977/8.4.2-f5-kXeg-send-relay-to-bob.msrp")), text(MsrpSerializer.toBytes(
                MsrpFrame.of(f3.forwarded("kXeg"), frame("rfc7977/8.4.2-f3-13GA-send-relay-to-relay.msrp").body(), ContinuationFlag.COMPLETE))));
        assertEquals(f5.toPath(), f3.forwarded("kXeg").toPath());
        MsrpRequest f1 = request("rfc7977/8.4.2-f1-Ycwt-send-alice-to-relay.msrp");
        assertEquals(f3.toPath(), f1.forwarded("13GA").toPath());
        assertEquals(text(msrp("rfc7977/8.4.2-f6-kXeg-200.msrp")), text(MsrpSerializer.toBytes(MsrpResponse.answer(f5, 200, "OK"))));
    }

    @Test
    void rfc7977_8_3_2_sameRelayTwiceInToPath_forwardsTwice() {
        MsrpRequest f1 = request("rfc7977/8.3.2-f1-kjh6-send-alice-to-relay.msrp");
        MsrpRequest twice = f1.forwarded("t1xx").forwarded("re58");
        MsrpRequest f3 = request("rfc7977/8.3.2-f3-re58-send-relay-to-carol.msrp");
        assertEquals(f3.toPath(), twice.toPath());
        assertEquals(f3.fromPath().subList(0, 2), twice.fromPath().subList(0, 2));
        assertEquals("msrps://df7jal23ls0d.invalid:2855/98cjs;ws", twice.fromPath().get(2).format());
    }
}
