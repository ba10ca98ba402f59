package io.ferry.msrp;

import java.util.OptionalLong;

/**
 * RFC 4975 §7.1.1 Byte-Range: the 1-based positions of a chunk inside the whole message,
 * {@code range-start "-" range-end "/" total}, where range-end and total may be {@code *}
 * ({@link #UNKNOWN}). An empty chunk is {@code 1-0/0}: range-end may be range-start minus one.
 */
public record ByteRange(long start, long end, long total) {
    /** Stands for {@code *}. */
    public static final long UNKNOWN = -1;

    private static final int MAX_DIGITS = 18;

    public ByteRange {
        if (start < 1) throw invalid("range-start must be >= 1: " + start);
        if (end != UNKNOWN && end < start - 1) throw invalid("range-end " + end + " before range-start " + start);
        if (total != UNKNOWN && total < 0) throw invalid("total must be >= 0: " + total);
        if (end != UNKNOWN && total != UNKNOWN && end > total) throw invalid("range-end " + end + " beyond total " + total);
    }

    /** A range with all three values known. */
    public static ByteRange of(long start, long end, long total) { return new ByteRange(start, end, total); }

    /** The range of a chunk of {@code length} bytes starting at {@code start}; total may be UNKNOWN. */
    public static ByteRange chunk(long start, long length, long total) {
        if (length < 0) throw invalid("negative length " + length);
        return new ByteRange(start, start + length - 1, total);
    }

    /**
     * An interruptible chunk starting at {@code start}: range-end is {@code *}, as RFC 4975 §7.1.1
     * requires for chunks larger than 2048 bytes.
     */
    public static ByteRange interruptible(long start, long total) { return new ByteRange(start, UNKNOWN, total); }

    /** The whole message in one chunk: {@code 1-n/n}. */
    public static ByteRange whole(long length) { return new ByteRange(1, length, length); }

    /** Parses a header value such as {@code 1-*}{@code /8}; offsets in the exception are relative to the value. */
    public static ByteRange parse(CharSequence v) {
        int dash = -1, slash = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '-' && dash < 0) dash = i;
            else if (c == '/' && dash >= 0 && slash < 0) slash = i;
        }
        if (dash <= 0 || slash < 0) throw new MsrpParseException(MsrpViolation.BYTE_RANGE_INVALID, 0, v.toString());
        long s = number(v, 0, dash, false);
        long e = number(v, dash + 1, slash, true);
        long t = number(v, slash + 1, v.length(), true);
        try {
            return new ByteRange(s, e, t);
        } catch (MsrpParseException ex) {
            throw new MsrpParseException(MsrpViolation.BYTE_RANGE_INVALID, 0, v + ": " + ex.detail());
        }
    }

    private static long number(CharSequence v, int from, int to, boolean starAllowed) {
        if (starAllowed && to - from == 1 && v.charAt(from) == '*') return UNKNOWN;
        if (to <= from || to - from > MAX_DIGITS) throw new MsrpParseException(MsrpViolation.BYTE_RANGE_INVALID, from, v.toString());
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') throw new MsrpParseException(MsrpViolation.BYTE_RANGE_INVALID, i, v.toString());
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static MsrpParseException invalid(String detail) {
        return new MsrpParseException(MsrpViolation.BYTE_RANGE_INVALID, -1, detail);
    }

    public boolean isEndKnown() { return end != UNKNOWN; }

    public boolean isTotalKnown() { return total != UNKNOWN; }

    /** Bytes in this chunk, when range-end is known. */
    public OptionalLong length() { return end == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(end - start + 1); }

    /** True if the 1-based message position lies in this range (up to total when range-end is {@code *}). */
    public boolean contains(long position) {
        if (position < start) return false;
        if (end != UNKNOWN) return position <= end;
        return total == UNKNOWN || position <= total;
    }

    /** True if this range covers all of {@code other}. */
    public boolean contains(ByteRange other) {
        if (other.start < start) return false;
        if (end == UNKNOWN) return total == UNKNOWN || (other.end != UNKNOWN && other.end <= total);
        return other.end != UNKNOWN && other.end <= end;
    }

    /** True if range-end and total are known and equal: this chunk ends the message. */
    public boolean isLast() { return end != UNKNOWN && total != UNKNOWN && end == total; }

    /** True if this one range is the whole message: {@code 1-n/n}. */
    public boolean isWholeMessage() { return start == 1 && isLast(); }

    /** The position the next chunk starts at (requires a known range-end). */
    public long nextStart() {
        if (end == UNKNOWN) throw new IllegalStateException("range-end is unknown: " + format());
        return end + 1;
    }

    /** The next chunk of {@code length} bytes, right after this one, with the same total. */
    public ByteRange next(long length) { return chunk(nextStart(), length, total); }

    /**
     * This range with range-end computed from the body actually carried. RFC 4975 §7.3.1: the
     * receiver determines a chunk's length from its payload; §7.1.4: a failure REPORT computes
     * range-end from the actual body data.
     */
    public ByteRange withActualLength(long bodyLength) { return chunk(start, bodyLength, total); }

    public ByteRange withEnd(long newEnd) { return new ByteRange(start, newEnd, total); }

    public ByteRange withTotal(long newTotal) { return new ByteRange(start, end, newTotal); }

    /** The header value on the wire. */
    public String format() {
        return start + "-" + (end == UNKNOWN ? "*" : Long.toString(end)) + "/" + (total == UNKNOWN ? "*" : Long.toString(total));
    }

    @Override
    public String toString() { return format(); }
}
