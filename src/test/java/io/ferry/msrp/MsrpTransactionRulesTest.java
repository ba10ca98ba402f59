package io.ferry.msrp;

import static io.ferry.msrp.MsrpFixtures.msrp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Transaction rules the relay relies on (RFC 4975 §7, RFC 4976 §6). */
class MsrpTransactionRulesTest {

    private static MsrpRequest request(String path) { return (MsrpRequest) MsrpParser.parse(msrp(path)).message(); }

    @Test
    void rfc4975_7_2_noFailureReportHeader_meansEveryResponseIsSent() {
        MsrpRequest send = request("rfc4975/11.1-4-d93kswow-send.msrp");
        assertTrue(send.wantsResponse(200));
        assertTrue(send.wantsResponse(481));
        assertTrue(send.allowsFailureReport());
        assertFalse(send.wantsSuccessReport());
    }

    @Test
    void rfc4975_7_1_4_failureReportNo_meansNoResponseAtAll() {
        MsrpRequest system = request("rfc4975/11.5-d93kswow-system-message.msrp");
        assertFalse(system.wantsResponse(200));
        assertFalse(system.wantsResponse(413));
        assertFalse(system.allowsFailureReport());
    }

    @Test
    void rfc4975_7_1_4_failureReportPartial_meansFailuresOnly() {
        MsrpRequest partial = request("rfc4975/11.1-4-d93kswow-send.msrp").withHeader(MsrpHeaders.FAILURE_REPORT, "partial");
        assertFalse(partial.wantsResponse(200));
        assertTrue(partial.wantsResponse(413));
        assertTrue(partial.allowsFailureReport());
    }

    @Test
    void rfc4975_7_1_2_reportsNeverGetResponses() {
        MsrpRequest report = request("rfc4975/11.6-fig17-dkei38sd-report.msrp");
        assertFalse(report.wantsResponse(200));
        assertFalse(report.wantsResponse(400));
        assertFalse(report.allowsFailureReport());
    }

    @Test
    void rfc4975_7_1_3_successReportYes_isSeen() {
        assertTrue(request("rfc4975/11.6-fig16-d93kswow-send.msrp").wantsSuccessReport());
    }

    @Test
    void rfc4976_6_4_1_failureReportFromARelay_goesToTheOriginalSender_withTheActualRange() {
        MsrpRequest atB = request("rfc4976/3-c-juh76-send-a-to-b.msrp");
        MsrpUri b = atB.toPath().get(0);
        ByteRange received = atB.headers().byteRange().orElseThrow().withActualLength(39);
        MsrpRequest report = MsrpRequest.report(atB, "f00dcafe", b, received, MsrpStatus.of(408, "Timeout"));
        assertEquals(atB.fromPath(), report.toPath());
        assertEquals(List.of(b), report.fromPath());
        assertEquals("1-39/*", report.headers().byteRange().orElseThrow().format());
        assertEquals("000 408 Timeout", report.headers().status().orElseThrow().format());
        assertEquals("87652", report.headers().messageId().orElseThrow());
    }

    @Test
    void rfc4975_7_1_2_reportNeedsTheSendsMessageId() {
        MsrpRequest noId = request("rfc4976/5.1-a-49fh-auth.msrp");
        assertThrows(IllegalArgumentException.class,
                () -> MsrpRequest.report(noId, "abcd1234", noId.toPath().get(0), ByteRange.whole(0), MsrpStatus.of(200, "OK")));
    }

    @Test
    void rfc4976_6_4_forwarding_needsANextHop() {
        MsrpRequest lastHop = request("rfc4975/11.1-4-d93kswow-send.msrp");
        assertThrows(IllegalStateException.class, () -> lastHop.forwarded("abcd1234"));
    }

    @Test
    void rfc4976_6_4_relayRecognisesItsOwnUri_byRfc4975_6_1_equality() {
        MsrpRequest atA = request("rfc4976/3-a-6aef-send-alice-to-a.msrp");
        MsrpUri issued = MsrpUri.parse("MSRPS://A.EXAMPLE.ORG:9000/kjfjan;TCP");
        assertEquals(issued, atA.toPath().get(0));
    }

    @Test
    void rfc4975_7_2_rejectedRequest_canStillBeAnswered400_fromItsReadablePaths() {
        byte[] wire = MsrpFixtures.bytes("MSRP abcd1234 SEND\r\nTo-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
                + "From-Path: msrp://relay.example.com:2855/r1;tcp msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
                + "Byte-Range: 9-1/1\r\nContent-Type: text/plain\r\n\r\nbody\r\n-------abcd1234$\r\n");
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> MsrpParser.parse(wire));
        MsrpRequest readable = e.request().orElseThrow();
        assertTrue(readable.wantsResponse(e.status()));
        MsrpResponse answer = MsrpResponse.answer(readable, e.status(), e.violation().reason());
        assertEquals("MSRP abcd1234 400 Invalid Byte-Range\r\nTo-Path: msrp://relay.example.com:2855/r1;tcp\r\n"
                + "From-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n-------abcd1234$\r\n", MsrpFixtures.text(MsrpSerializer.toBytes(answer)));

        RecordingListener l = new RecordingListener();
        new MsrpStreamParser(l).feed(java.nio.ByteBuffer.wrap(wire));
        assertEquals(readable, l.errors.get(0).request().orElseThrow());
    }

    @Test
    void rfc4975_7_1_4_rejectedRequestWithFailureReportNo_isNotAnswered() {
        byte[] wire = MsrpFixtures.bytes("MSRP abcd1234 SEND\r\nTo-Path: msrp://bob.example.com:8888/x;tcp\r\n"
                + "From-Path: msrp://alicepc.example.com:7777/y;tcp\r\nFailure-Report: no\r\nStatus: bogus\r\n-------abcd1234$\r\n");
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> MsrpParser.parse(wire));
        assertEquals(MsrpViolation.STATUS_HEADER_INVALID, e.violation());
        assertFalse(e.request().orElseThrow().wantsResponse(e.status()));
    }

    @Test
    void rfc4975_7_2_rejectedRequestWithoutReadablePaths_orAResponse_hasNothingToAnswer() {
        MsrpParseException noFrom = assertThrows(MsrpParseException.class, () -> MsrpParser.parse(MsrpFixtures.bytes(
                "MSRP abcd1234 SEND\r\nTo-Path: msrp://bob.example.com:8888/x;tcp\r\nFrom-Path: nonsense\r\n-------abcd1234$\r\n")));
        assertTrue(noFrom.request().isEmpty());
        MsrpParseException response = assertThrows(MsrpParseException.class, () -> MsrpParser.parse(MsrpFixtures.bytes(
                "MSRP abcd1234 200 OK\r\nTo-Path: msrp://bob.example.com:8888/x;tcp\r\nFrom-Path: msrp://a.example.com:1/y;tcp\r\nExpires: x\r\n-------abcd1234$\r\n")));
        assertTrue(response.request().isEmpty());
    }

    @Test
    void rfc4975_9_transactionIds_followTheIdentRule() {
        assertThrows(MsrpParseException.class, () -> request("rfc4975/11.1-4-d93kswow-send.msrp").withTransactionId("ab"));
        assertThrows(MsrpParseException.class, () -> request("rfc4975/11.1-4-d93kswow-send.msrp").withTransactionId("-abc"));
        assertThrows(MsrpParseException.class, () -> request("rfc4975/11.1-4-d93kswow-send.msrp").withTransactionId("a".repeat(33)));
        assertEquals("a.b-c+d%e=f", request("rfc4975/11.1-4-d93kswow-send.msrp").withTransactionId("a.b-c+d%e=f").transactionId());
    }
}
