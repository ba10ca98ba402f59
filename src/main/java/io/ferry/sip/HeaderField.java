package io.ferry.sip;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One header field exactly as it was written: its raw bytes (name as written, separator,
 * value, folded continuation lines and the final CRLF) are kept and written back unchanged by
 * {@link SipSerializer}. Name and value Strings are decoded only when asked for.
 *
 * <p>{@link #value()} is the unfolded value (RFC 3261 §7.3.1: each {@code CRLF 1*WSP} becomes
 * one SP), trimmed of leading and trailing whitespace; the raw bytes keep the folding.
 */
public final class HeaderField {

    private final byte[] buf;
    private final int start;
    private final int nameEnd;
    private final int valueStart;
    private final int valueEnd;
    private final int end;
    private final int key;
    private final boolean folded;
    /** Index in {@code buf} of the message's first byte, or -1 for a field built by Ferry. */
    private final int base;

    private String nameCache;
    private String valueCache;

    HeaderField(byte[] buf, int start, int nameEnd, int valueStart, int valueEnd, int end,
                int key, boolean folded, int base) {
        this.buf = buf;
        this.start = start;
        this.nameEnd = nameEnd;
        this.valueStart = valueStart;
        this.valueEnd = valueEnd;
        this.end = end;
        this.key = key;
        this.folded = folded;
        this.base = base;
    }

    /**
     * A new header field written as {@code name: value CRLF}.
     *
     * @throws IllegalArgumentException if the name is not a token or the value contains CR or LF
     */
    public static HeaderField of(String name, String value) {
        if (!SipChars.isToken(name)) throw new IllegalArgumentException("header name is not a token: " + name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') throw new IllegalArgumentException("CR or LF in value of " + name);
        }
        String trimmed = value.strip();
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] v = trimmed.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[n.length + 2 + v.length + 2];
        System.arraycopy(n, 0, b, 0, n.length);
        b[n.length] = ':';
        b[n.length + 1] = ' ';
        System.arraycopy(v, 0, b, n.length + 2, v.length);
        b[b.length - 2] = '\r';
        b[b.length - 1] = '\n';
        HeaderField f = new HeaderField(b, 0, n.length, n.length + 2, n.length + 2 + v.length, b.length,
                HeaderTable.lookup(name), false, -1);
        f.nameCache = name;
        f.valueCache = trimmed;
        return f;
    }

    /** The name as written, e.g. {@code "v"} or {@code "VIA"}. */
    public String name() {
        String n = nameCache;
        if (n == null) {
            n = new String(buf, start, nameEnd - start, StandardCharsets.ISO_8859_1);
            nameCache = n;
        }
        return n;
    }

    /** The canonical name for known headers ({@code "Via"} for {@code "v"}), else the name as written. */
    public String canonicalName() {
        return key >= 0 ? HeaderTable.canonicalName(key) : name();
    }

    /** True when this field is named {@code name}, case-insensitively, compact forms included. */
    public boolean is(String name) {
        int k = HeaderTable.lookup(name);
        if (k >= 0) return k == key;
        return key < 0 && nameEquals(name);
    }

    int key() {
        return key;
    }

    boolean nameEquals(String name) {
        int len = nameEnd - start;
        if (name.length() != len) return false;
        for (int i = 0; i < len; i++) {
            if (SipChars.lower(buf[start + i] & 0xff) != SipChars.lower(name.charAt(i))) return false;
        }
        return true;
    }

    /** The value, unfolded and trimmed (UTF-8). */
    public String value() {
        String v = valueCache;
        if (v == null) {
            v = decodeValue(buf, valueStart, valueEnd, folded);
            valueCache = v;
        }
        return v;
    }

    /** The value in {@code buf[valueStart, valueEnd)} as UTF-8, unfolded when {@code folded}. */
    static String decodeValue(byte[] buf, int valueStart, int valueEnd, boolean folded) {
        if (!folded) return new String(buf, valueStart, valueEnd - valueStart, StandardCharsets.UTF_8);
        byte[] out = new byte[valueEnd - valueStart];
        int n = 0;
        int i = valueStart;
        while (i < valueEnd) {
            byte c = buf[i];
            if (c == '\r' && i + 1 < valueEnd && buf[i + 1] == '\n') {
                // RFC 3261 §7.3.1: a line fold is replaced by a single SP
                i += 2;
                while (i < valueEnd && SipChars.isWsp(buf[i])) i++;
                while (n > 0 && SipChars.isWsp(out[n - 1])) n--;
                out[n++] = ' ';
            } else {
                out[n++] = c;
                i++;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** True when this header's grammar is a comma-separated list (Via, Contact, Route, Supported...). */
    public boolean isList() {
        return HeaderTable.isList(key);
    }

    /**
     * The values of this field: split at commas outside quoted strings and {@code <...>} for
     * headers whose grammar is a list (RFC 3261 §7.3.1), else the single value.
     */
    public List<String> values() {
        String v = value();
        if (!isList()) return List.of(v);
        int[] ranges = ValueSplitter.split(v);
        if (ranges.length == 2) return List.of(v.substring(ranges[0], ranges[1]));
        List<String> out = new ArrayList<>(ranges.length / 2);
        for (int i = 0; i < ranges.length; i += 2) out.add(v.substring(ranges[i], ranges[i + 1]));
        return List.copyOf(out);
    }

    /** Byte offset of the value in the parsed message, or -1 for a field built by Ferry. */
    public int offset() {
        return base >= 0 ? valueStart - base : -1;
    }

    /** True when the value spans folded continuation lines. */
    public boolean isFolded() {
        return folded;
    }

    /** Length of the raw bytes, final CRLF included. */
    public int rawLength() {
        return end - start;
    }

    /** A copy of the raw bytes, final CRLF included. */
    public byte[] rawBytes() {
        return Arrays.copyOfRange(buf, start, end);
    }

    void writeTo(ByteBuffer out) {
        out.put(buf, start, end - start);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, start, end - start);
    }

    int copyTo(byte[] dst, int pos) {
        System.arraycopy(buf, start, dst, pos, end - start);
        return pos + end - start;
    }

    /** Equal when the raw bytes are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField f
                && Arrays.equals(buf, start, end, f.buf, f.start, f.end);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = start; i < end; i++) h = 31 * h + buf[i];
        return h;
    }

    /** The raw text without the final CRLF. */
    @Override
    public String toString() {
        return new String(buf, start, Math.max(0, end - start - 2), StandardCharsets.UTF_8);
    }
}
