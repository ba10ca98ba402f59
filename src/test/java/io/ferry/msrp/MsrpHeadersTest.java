package io.ferry.msrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MsrpHeadersTest {
    private static final MsrpUri A = MsrpUri.parse("msrp://a.example.com:1/a;tcp");
    private static final MsrpUri B = MsrpUri.parse("msrp://b.example.com:2/b;tcp");

    @Test
    void rfc4975_7_1_1_absentReportHeaders_meanSuccessNoAndFailureYes() {
        MsrpHeaders h = MsrpHeaders.ofPaths(List.of(A), List.of(B));
        assertEquals(SuccessReport.NO, h.successReport());
        assertEquals(FailureReport.YES, h.failureReport());
        assertTrue(h.successReportHeader().isEmpty());
        assertEquals(FailureReport.PARTIAL, h.plus(MsrpHeaders.FAILURE_REPORT, "partial").failureReport());
    }

    @Test
    void with_replacesInPlace_andAppendsWhenAbsent() {
        MsrpHeaders h = MsrpHeaders.ofPaths(List.of(A), List.of(B)).plus("Message-ID", "m1xx").plus("X-Foo", "1");
        MsrpHeaders changed = h.with("message-id", "m2xx").with("Expires", "60");
        assertEquals(List.of("To-Path", "From-Path", "Message-ID", "X-Foo", "Expires"),
                changed.list().stream().map(MsrpHeader::name).toList());
        assertEquals("m2xx", changed.messageId().orElseThrow());
        assertEquals(60, changed.expires().orElseThrow());
        assertEquals("m1xx", h.messageId().orElseThrow());
        assertEquals(List.of("To-Path", "From-Path", "X-Foo"), h.without("Message-ID").list().stream().map(MsrpHeader::name).toList());
    }

    @Test
    void rfc4976_8_expiryHeaders_areWholeSeconds() {
        MsrpHeaders h = MsrpHeaders.ofPaths(List.of(A), List.of(B)).plus("Min-Expires", "300").plus("Max-Expires", "3600");
        assertEquals(300, h.minExpires().orElseThrow());
        assertEquals(3600, h.maxExpires().orElseThrow());
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> h.with("Expires", "soon"));
        assertEquals(MsrpViolation.EXPIRES_INVALID, e.violation());
    }

    @Test
    void rfc4975_9_invalidTypedValues_areRejectedWhenBuilt() {
        MsrpHeaders h = MsrpHeaders.ofPaths(List.of(A), List.of(B));
        assertEquals(MsrpViolation.REPORT_VALUE_INVALID, assertThrows(MsrpParseException.class, () -> h.plus("Success-Report", "partial")).violation());
        assertEquals(MsrpViolation.STATUS_HEADER_INVALID, assertThrows(MsrpParseException.class, () -> h.plus("Status", "200 OK")).violation());
        assertEquals(MsrpViolation.CONTENT_TYPE_INVALID, assertThrows(MsrpParseException.class, () -> h.plus("Content-Type", "text")).violation());
        assertEquals(MsrpViolation.HEADER_DUPLICATED, assertThrows(MsrpParseException.class, () -> h.plus("To-Path", A.format())).violation());
        assertEquals(MsrpViolation.HEADER_MALFORMED, assertThrows(MsrpParseException.class, () -> h.plus("Bad Name", "x")).violation());
        assertEquals(MsrpViolation.HEADER_MALFORMED, assertThrows(MsrpParseException.class, () -> h.plus("X-Inject", "a\r\nTo-Path: x")).violation());
    }

    @Test
    void rfc4975_9_status_readsNamespaceCodeAndComment() {
        assertEquals(new MsrpStatus(0, 413, "Stop sending"), MsrpStatus.parse("000 413 Stop sending"));
        assertEquals(new MsrpStatus(0, 200, null), MsrpStatus.parse("000 200"));
        assertEquals("000 408 Timeout", MsrpStatus.of(408, "Timeout").format());
    }

    @Test
    void unknownHeaders_areKeptVerbatimAndInOrder() {
        MsrpFrame f = MsrpParser.parse(MsrpFixtures.bytes("MSRP abcd SEND\r\nTo-Path: msrp://a.example.com:1/a;tcp\r\n"
                + "X-Custom:   spaced value\t\r\nFrom-Path: msrp://b.example.com:2/b;tcp\r\n-------abcd$\r\n"));
        MsrpHeader custom = f.message().headers().list().get(1);
        assertEquals("   spaced value\t", custom.rawValue());
        assertEquals("spaced value", custom.value());
    }
}
