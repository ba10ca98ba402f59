package io.ferry.msrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest
    @ValueSource(strings = {"1-25/25", "1-*/8", "5-8/8", "1-*/*", "1-0/0", "138-148/148", "1-39/*"})
    void rfc4975_7_1_1_byteRange_parseThenFormat_givesTheSameText(String text) {
        assertEquals(text, ByteRange.parse(text).format());
    }

    @Test
    void rfc4975_7_1_1_starMeansUnknown() {
        ByteRange r = ByteRange.parse("1-*/8");
        assertFalse(r.isEndKnown());
        assertTrue(r.isTotalKnown());
        assertEquals(OptionalLong.empty(), r.length());
        ByteRange u = ByteRange.parse("1-*/*");
        assertFalse(u.isTotalKnown());
        assertEquals(ByteRange.UNKNOWN, u.total());
    }

    @Test
    void rfc4975_7_1_1_emptyContent_is1To0Of0() {
        ByteRange empty = ByteRange.parse("1-0/0");
        assertEquals(OptionalLong.of(0), empty.length());
        assertTrue(empty.isLast());
        assertFalse(empty.contains(1));
        assertEquals(empty, ByteRange.whole(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-1/1", "5-3/8", "1-9/8", "1-2", "-1-2/3", "1-2/x", "a-2/3", "1-/3", "1-2/", "1-2/-3",
            "1-2/3 ", "1234567890123456789-1/1", "1-**/8", ""})
    void rfc4975_9_malformedByteRanges_areRejected(String text) {
        MsrpParseException e = assertThrows(MsrpParseException.class, () -> ByteRange.parse(text));
        assertEquals(MsrpViolation.BYTE_RANGE_INVALID, e.violation());
        assertEquals(400, e.status());
    }

    @Test
    void length_countsBothEnds() {
        assertEquals(OptionalLong.of(25), ByteRange.of(1, 25, 25).length());
        assertEquals(OptionalLong.of(11), ByteRange.of(138, 148, 148).length());
    }

    @Test
    void contains_position_respectsKnownAndUnknownEnds() {
        ByteRange r = ByteRange.of(5, 8, 8);
        assertFalse(r.contains(4));
        assertTrue(r.contains(5));
        assertTrue(r.contains(8));
        assertFalse(r.contains(9));
        ByteRange open = ByteRange.interruptible(1, 8);
        assertTrue(open.contains(8));
        assertFalse(open.contains(9));
        assertTrue(ByteRange.interruptible(1, ByteRange.UNKNOWN).contains(1_000_000));
    }

    @Test
    void contains_range_coversOnlyWhatLiesInside() {
        ByteRange whole = ByteRange.whole(148);
        assertTrue(whole.contains(ByteRange.of(1, 137, 148)));
        assertTrue(whole.contains(ByteRange.of(138, 148, 148)));
        assertFalse(ByteRange.of(1, 137, 148).contains(ByteRange.of(138, 148, 148)));
        assertFalse(ByteRange.of(1, 137, 148).contains(ByteRange.interruptible(1, 148)));
    }

    @Test
    void rfc4975_7_1_1_nextChunk_startsRightAfterThisOne() {
        ByteRange first = ByteRange.chunk(1, 2048, 5000);
        assertEquals(ByteRange.of(1, 2048, 5000), first);
        ByteRange second = first.next(2048);
        assertEquals(ByteRange.of(2049, 4096, 5000), second);
        ByteRange last = second.next(904);
        assertEquals(ByteRange.of(4097, 5000, 5000), last);
        assertTrue(last.isLast());
        assertFalse(second.isLast());
        assertEquals(5001, last.nextStart());
        assertThrows(MsrpParseException.class, () -> last.next(1));
        assertThrows(IllegalStateException.class, () -> ByteRange.interruptible(1, 10).nextStart());
    }

    @Test
    void rfc4975_7_1_4_failureReport_rangeEndComesFromTheActualBody() {
        ByteRange sent = ByteRange.interruptible(4097, 10000);
        assertEquals(ByteRange.of(4097, 5000, 10000), sent.withActualLength(904));
        assertEquals("4097-5000/10000", sent.withActualLength(904).format());
    }

    @Test
    void rfc4975_7_3_1_wholeMessage_isStartOneAndEndEqualsTotal() {
        assertTrue(ByteRange.parse("1-16/16").isWholeMessage());
        assertFalse(ByteRange.parse("1-*/16").isWholeMessage());
        assertFalse(ByteRange.parse("2-16/16").isWholeMessage());
    }

    @Test
    void withers_returnCopies() {
        ByteRange r = ByteRange.interruptible(1, ByteRange.UNKNOWN);
        assertEquals("1-39/39", r.withEnd(39).withTotal(39).format());
        assertEquals("1-*/*", r.format());
    }
}
