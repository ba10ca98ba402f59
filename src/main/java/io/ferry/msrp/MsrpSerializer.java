package io.ferry.msrp;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes MSRP messages straight into a {@link ByteBuffer}, with no intermediate string for the
 * whole message. Header fields are written as {@code name ":" rawValue}, so a parsed message is
 * written back byte for byte. For streaming a chunk through a relay, write the header part, then
 * each body slice as it arrives, then the end-line (RFC 4975 §7.1: a body is followed by CRLF and
 * the end-line; a bodiless message by the end-line alone). Every write checks the space first and
 * throws {@link BufferOverflowException} without writing anything when it is short.
 */
public final class MsrpSerializer {
    private static final byte[] CRLF = {'\r', '\n'};

    private MsrpSerializer() {}

    /** Bytes of the start line, the headers and, when a body follows, the blank line. */
    public static int headerPartSize(MsrpMessage m, boolean bodyFollows) {
        int n = 5 + m.transactionId().length() + 1;
        if (m instanceof MsrpRequest r) {
            n += r.method().name().length();
        } else if (m instanceof MsrpResponse r) {
            n += 3 + (r.comment() == null ? 0 : 1 + utf8Length(r.comment()));
        }
        n += 2;
        for (MsrpHeader h : m.headers()) n += h.name().length() + 1 + utf8Length(h.rawValue()) + 2;
        return bodyFollows ? n + 2 : n;
    }

    /** Writes {@code MSRP tid METHOD|code [comment]} CRLF, each header CRLF, and CRLF if a body follows. */
    public static void writeHeaderPart(MsrpMessage m, boolean bodyFollows, ByteBuffer out) {
        int size = headerPartSize(m, bodyFollows);
        if (out.remaining() < size) throw new BufferOverflowException();
        putAscii(out, "MSRP ");
        putAscii(out, m.transactionId());
        out.put((byte) ' ');
        if (m instanceof MsrpRequest r) {
            putAscii(out, r.method().name());
        } else if (m instanceof MsrpResponse r) {
            out.put((byte) ('0' + r.code() / 100)).put((byte) ('0' + r.code() / 10 % 10)).put((byte) ('0' + r.code() % 10));
            if (r.comment() != null) {
                out.put((byte) ' ');
                putUtf8(out, r.comment());
            }
        }
        out.put(CRLF);
        for (MsrpHeader h : m.headers()) {
            putAscii(out, h.name());
            out.put((byte) ':');
            putUtf8(out, h.rawValue());
            out.put(CRLF);
        }
        if (bodyFollows) out.put(CRLF);
    }

    /** Bytes of the end-line, with the CRLF that separates it from a body when {@code afterBody}. */
    public static int endLineSize(String transactionId, boolean afterBody) {
        return (afterBody ? 2 : 0) + 7 + transactionId.length() + 1 + 2;
    }

    /** Writes [CRLF] {@code -------tid} flag CRLF. */
    public static void writeEndLine(String transactionId, ContinuationFlag flag, boolean afterBody, ByteBuffer out) {
        if (out.remaining() < endLineSize(transactionId, afterBody)) throw new BufferOverflowException();
        if (afterBody) out.put(CRLF);
        putAscii(out, "-------");
        putAscii(out, transactionId);
        out.put((byte) flag.symbol());
        out.put(CRLF);
    }

    /** Bytes of the whole frame. */
    public static int size(MsrpFrame f) {
        return headerPartSize(f.message(), f.hasBody()) + f.bodyLength() + endLineSize(f.message().transactionId(), f.hasBody());
    }

    /** Writes the whole frame: header part, body, end-line. */
    public static void write(MsrpFrame f, ByteBuffer out) {
        if (out.remaining() < size(f)) throw new BufferOverflowException();
        writeHeaderPart(f.message(), f.hasBody(), out);
        if (f.hasBody()) out.put(f.body());
        writeEndLine(f.message().transactionId(), f.flag(), f.hasBody(), out);
    }

    /** The frame as a new array. */
    public static byte[] toBytes(MsrpFrame f) {
        byte[] bytes = new byte[size(f)];
        write(f, ByteBuffer.wrap(bytes));
        return bytes;
    }

    /** A bodiless message ending with {@code $} (every response, and most AUTH and REPORT requests). */
    public static byte[] toBytes(MsrpMessage m) {
        return toBytes(MsrpFrame.of(m));
    }

    private static void putAscii(ByteBuffer out, String s) {
        for (int i = 0; i < s.length(); i++) out.put((byte) s.charAt(i));
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else n += 3;
        }
        return n;
    }

    private static void putUtf8(ByteBuffer out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6))).put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18))).put((byte) (0x80 | ((cp >> 12) & 0x3F)))
                        .put((byte) (0x80 | ((cp >> 6) & 0x3F))).put((byte) (0x80 | (cp & 0x3F)));
            } else {
                out.put((byte) (0xE0 | (c >> 12))).put((byte) (0x80 | ((c >> 6) & 0x3F))).put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }
}
