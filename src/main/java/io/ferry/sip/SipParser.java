package io.ferry.sip;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Parses exactly one SIP message per buffer: a UDP datagram or a WebSocket message (RFC 7118
 * §5). Immutable and thread-safe; share one instance.
 *
 * <p>{@link #parse(byte[], int, int)} does not copy: the message keeps offsets into the caller's
 * array, which the caller hands over (the transports pass a fresh array per datagram or WebSocket
 * message) and must not modify afterwards. {@link #parse(ByteBuffer)} and {@link #parseCopy}
 * copy the bytes first, for callers that reuse their buffers. Header values are decoded only
 * when asked for. The parser checks the framing grammar (start line, header lines, CRLF line ends,
 * folding, Content-Length) and the {@link SipLimits}; header values are interpreted lazily by the
 * views ({@link SipMessage#topVia()}, ...), so a malformed Via is reported when it is read.
 *
 * <p>Body rules (RFC 3261 §18.3): with a Content-Length larger than the bytes after the header
 * section, the message is rejected with 400 (Content-Length mismatch); with a smaller one, the
 * body is the first Content-Length bytes and the extra bytes are discarded (so they are not
 * written back by {@link SipSerializer}); without Content-Length the body is the rest of the
 * buffer. Leading CRLFs before the start line are skipped (RFC 3261 §7.5) and not written back.
 * Line ends must be CRLF: a bare CR or LF in the header section is rejected, so that Ferry never
 * frames a message differently from a strict next hop. Folded lines are accepted and kept
 * verbatim.
 */
public final class SipParser {

    private static final String RULE_REQUEST_LINE = "RFC 3261 §25.1 Request-Line";
    private static final String RULE_STATUS_LINE = "RFC 3261 §25.1 Status-Line";
    private static final String RULE_HEADER = "RFC 3261 §7.3.1 header field";
    private static final String RULE_LINE_END = "RFC 3261 §7 CRLF line ends";
    private static final String RULE_LENGTH = "RFC 3261 §18.3 Content-Length";

    private final SipLimits limits;

    public SipParser(SipLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    /** A parser with {@link SipLimits#defaults()}. */
    public SipParser() {
        this(SipLimits.defaults());
    }

    public SipLimits limits() {
        return limits;
    }

    /**
     * Parses {@code buf[off, off+len)} as one message, without copying: the message references
     * {@code buf}, so the caller must not modify that range afterwards. Offsets in exceptions
     * and in the message are relative to {@code off}.
     */
    public SipMessage parse(byte[] buf, int off, int len) throws SipParseException {
        Objects.checkFromIndexSize(off, len, buf.length);
        checkSize(len);
        try {
            return parseRange(buf, off, off + len);
        } catch (SipParseException e) {
            throw off == 0 ? e : e.relativeTo(off);
        }
    }

    /** Parses the whole array as one message, without copying (see {@link #parse(byte[], int, int)}). */
    public SipMessage parse(byte[] buf) throws SipParseException {
        return parse(buf, 0, buf.length);
    }

    /** Parses a copy of {@code buf[off, off+len)}: the caller may reuse its array afterwards. */
    public SipMessage parseCopy(byte[] buf, int off, int len) throws SipParseException {
        Objects.checkFromIndexSize(off, len, buf.length);
        checkSize(len);
        return parseRange(Arrays.copyOfRange(buf, off, off + len), 0, len);
    }

    /**
     * Parses the remaining bytes of {@code in} as one message; the buffer's position is not
     * changed. Offsets are relative to the position.
     */
    public SipMessage parse(ByteBuffer in) throws SipParseException {
        int len = in.remaining();
        checkSize(len);
        byte[] b = new byte[len];
        in.duplicate().get(b);
        return parseRange(b, 0, len);
    }

    /**
     * The response to send for a request that {@link #parse} rejected with {@code error}: status
     * and reason from the error, and the Via, From, To, Call-ID and CSeq fields found by a
     * lenient scan of the header lines (a To tag is added, RFC 3261 §8.2.6). Empty when the bytes
     * are a response or an ACK (never answered, RFC 3261 §17), or when one of those five fields
     * cannot be found, so that no response could reach the sender.
     */
    public Optional<SipResponse> responseTo(byte[] buf, int off, int len, SipParseException error, Supplier<String> toTag) {
        Objects.checkFromIndexSize(off, len, buf.length);
        return RejectedRequest.response(buf, off, off + len, error, toTag);
    }

    /** As {@link #responseTo(byte[], int, int, SipParseException, Supplier)} with a random To tag. */
    public Optional<SipResponse> responseTo(byte[] buf, int off, int len, SipParseException error) {
        return responseTo(buf, off, len, error, SipRequest::newTag);
    }

    /** RFC 5626 §4.4.1: true when the buffer holds only a CRLF keepalive (CRLFCRLF ping or CRLF pong). */
    public static boolean isKeepalive(ByteBuffer in) {
        int n = in.remaining();
        if (n != 2 && n != 4) return false;
        int p = in.position();
        for (int i = 0; i < n; i += 2) {
            if (in.get(p + i) != '\r' || in.get(p + i + 1) != '\n') return false;
        }
        return true;
    }

    private void checkSize(int len) throws SipParseException {
        if (len > limits.maxMessageBytes()) {
            throw new SipParseException(SipParseFailure.MESSAGE_TOO_LARGE, "SipLimits.maxMessageBytes=" + limits.maxMessageBytes(),
                    limits.maxMessageBytes());
        }
    }

    /** Parses {@code b[from, n)}; offsets in exceptions are indexes into {@code b}. */
    private SipMessage parseRange(byte[] b, int from, int n) throws SipParseException {
        int p = from;
        // RFC 3261 §7.5: CRLFs before the start line are ignored
        while (p + 1 < n && b[p] == '\r' && b[p + 1] == '\n') p += 2;
        if (p >= n) throw new SipParseException(SipParseFailure.EMPTY_MESSAGE, "RFC 3261 §7 generic-message", p);
        int lineStart = p;
        int eol = findCr(b, p, n);
        if (n - p >= 4 && (b[p] | 0x20) == 's' && (b[p + 1] | 0x20) == 'i' && (b[p + 2] | 0x20) == 'p' && b[p + 3] == '/') {
            return parseResponse(b, from, n, lineStart, eol);
        }
        return parseRequest(b, from, n, lineStart, eol);
    }

    /** Index of the CR of the CRLF ending the line that starts at {@code p}; rejects bare CR/LF. */
    private static int findCr(byte[] b, int p, int n) throws SipParseException {
        int q = p;
        while (q < n) {
            byte c = b[q];
            if (c == '\r') {
                if (q + 1 < n && b[q + 1] == '\n') return q;
                throw new SipParseException(SipParseFailure.BAD_LINE_ENDING, RULE_LINE_END + ": bare CR", q);
            }
            if (c == '\n') throw new SipParseException(SipParseFailure.BAD_LINE_ENDING, RULE_LINE_END + ": bare LF", q);
            q++;
        }
        throw new SipParseException(SipParseFailure.MISSING_CRLF, RULE_LINE_END + ": line without CRLF", q);
    }

    private SipMessage parseRequest(byte[] b, int base, int n, int lineStart, int eol) throws SipParseException {
        int p = lineStart;
        while (p < eol && SipChars.isToken(b[p] & 0xff)) p++;
        if (p == lineStart || p >= eol || b[p] != ' ') {
            throw new SipParseException(SipParseFailure.BAD_REQUEST_LINE, RULE_REQUEST_LINE + ": Method SP", p);
        }
        String method = Interned.method(b, lineStart, p);
        int us = ++p;
        while (p < eol && b[p] != ' ') {
            int c = b[p] & 0xff;
            if (c < 0x21 || c == 0x7f) {
                throw new SipParseException(SipParseFailure.BAD_REQUEST_URI, RULE_REQUEST_LINE + ": control character in Request-URI", p);
            }
            p++;
        }
        int ue = p;
        if (ue - us > limits.maxUriBytes()) {
            throw new SipParseException(SipParseFailure.URI_TOO_LONG, "SipLimits.maxUriBytes=" + limits.maxUriBytes(), us);
        }
        if (ue == us) throw new SipParseException(SipParseFailure.BAD_REQUEST_LINE, RULE_REQUEST_LINE + ": empty Request-URI", us);
        if (!hasScheme(b, us, ue)) {
            throw new SipParseException(SipParseFailure.BAD_REQUEST_URI, RULE_REQUEST_LINE + ": Request-URI without scheme", us);
        }
        if (p >= eol) throw new SipParseException(SipParseFailure.BAD_REQUEST_LINE, RULE_REQUEST_LINE + ": missing SIP-Version", p);
        checkVersion(b, p + 1, eol, RULE_REQUEST_LINE);
        checkLineLength(lineStart, eol);
        HeaderSection hs = parseHeaders(b, base, n, eol + 2);
        return new SipRequest(new StartLine(b, base, lineStart, eol + 2), method, us, ue, hs.headers, body(b, n, hs));
    }

    private SipMessage parseResponse(byte[] b, int base, int n, int lineStart, int eol) throws SipParseException {
        int p = lineStart;
        while (p < eol && b[p] != ' ') p++;
        checkVersion(b, lineStart, p, RULE_STATUS_LINE);
        if (p + 4 > eol || !SipChars.isDigit(b[p + 1]) || !SipChars.isDigit(b[p + 2]) || !SipChars.isDigit(b[p + 3])) {
            throw new SipParseException(SipParseFailure.BAD_STATUS_LINE, RULE_STATUS_LINE + ": 3DIGIT Status-Code", p);
        }
        int status = (b[p + 1] - '0') * 100 + (b[p + 2] - '0') * 10 + (b[p + 3] - '0');
        if (status < 100 || status > 699) {
            throw new SipParseException(SipParseFailure.BAD_STATUS_LINE, RULE_STATUS_LINE + ": Status-Code out of range", p + 1);
        }
        int rs = p + 4;
        if (rs < eol) {
            if (b[rs] != ' ') throw new SipParseException(SipParseFailure.BAD_STATUS_LINE, RULE_STATUS_LINE + ": SP Reason-Phrase", rs);
            rs++;
        }
        // a missing SP Reason-Phrase is tolerated: the reason is then empty
        for (int i = rs; i < eol; i++) {
            int c = b[i] & 0xff;
            if (c < 0x20 && c != '\t') throw new SipParseException(SipParseFailure.BAD_STATUS_LINE, RULE_STATUS_LINE + ": control character", i);
        }
        checkLineLength(lineStart, eol);
        HeaderSection hs = parseHeaders(b, base, n, eol + 2);
        return new SipResponse(new StartLine(b, base, lineStart, eol + 2), status, rs - lineStart, hs.headers, body(b, n, hs));
    }

    private void checkLineLength(int start, int eol) throws SipParseException {
        if (eol - start > limits.maxLineBytes()) {
            throw new SipParseException(SipParseFailure.LINE_TOO_LONG, "SipLimits.maxLineBytes=" + limits.maxLineBytes(), start);
        }
    }

    /** RFC 3261 §7.1: {@code SIP/2.0} (SIP case-insensitive); another well-formed version answers 505. */
    private static void checkVersion(byte[] b, int s, int e, String rule) throws SipParseException {
        if (e - s == 7 && (b[s] | 0x20) == 's' && (b[s + 1] | 0x20) == 'i' && (b[s + 2] | 0x20) == 'p'
                && b[s + 3] == '/' && b[s + 4] == '2' && b[s + 5] == '.' && b[s + 6] == '0') {
            return;
        }
        boolean wellFormed = e - s >= 7 && (b[s] | 0x20) == 's' && (b[s + 1] | 0x20) == 'i' && (b[s + 2] | 0x20) == 'p'
                && b[s + 3] == '/';
        if (wellFormed) {
            int p = s + 4;
            int d1 = p;
            while (p < e && SipChars.isDigit(b[p])) p++;
            wellFormed = p > d1 && p < e && b[p] == '.';
            int d2 = ++p;
            while (p < e && SipChars.isDigit(b[p])) p++;
            wellFormed = wellFormed && p > d2 && p == e;
        }
        if (wellFormed) throw new SipParseException(SipParseFailure.VERSION_NOT_SUPPORTED, rule + ": SIP-Version", s);
        throw new SipParseException(SipParseFailure.BAD_VERSION, rule + ": SIP-Version", s);
    }

    private static boolean hasScheme(byte[] b, int s, int e) {
        int c0 = b[s] | 0x20;
        if (c0 < 'a' || c0 > 'z') return false;
        for (int i = s + 1; i < e; i++) {
            int c = b[i];
            if (c == ':') return i + 1 < e;
            boolean ok = ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
            if (!ok) return false;
        }
        return false;
    }

    /** Header fields and what the parser learned about framing while reading them. */
    private record HeaderSection(Headers headers, int bodyStart, long contentLength, int contentLengthOffset) {
    }

    private HeaderSection parseHeaders(byte[] b, int base, int n, int p) throws SipParseException {
        final int maxHeaders = limits.maxHeaderCount();
        final int maxLine = limits.maxLineBytes();
        final int stride = Headers.STRIDE;
        int[] offs = new int[Math.min(16, maxHeaders) * stride];
        int count = 0;
        int vias = 0;
        long contentLength = -1;
        int clOffset = -1;
        while (true) {
            if (p >= n) {
                throw new SipParseException(SipParseFailure.MISSING_EMPTY_LINE, "RFC 3261 §7 CRLF after the header fields", p);
            }
            byte c = b[p];
            if (c == '\r') {
                if (p + 1 < n && b[p + 1] == '\n') {
                    p += 2;
                    break;
                }
                throw new SipParseException(SipParseFailure.BAD_LINE_ENDING, RULE_LINE_END + ": bare CR", p);
            }
            if (count == maxHeaders) {
                throw new SipParseException(SipParseFailure.TOO_MANY_HEADERS, "SipLimits.maxHeaderCount=" + maxHeaders, p);
            }
            final int start = p;
            while (p < n && SipChars.isToken(b[p] & 0xff)) p++;
            final int nameEnd = p;
            if (nameEnd == start) {
                throw new SipParseException(SipParseFailure.BAD_HEADER, RULE_HEADER + ": field-name is not a token", p);
            }
            while (p < n && (b[p] == ' ' || b[p] == '\t')) p++;
            if (p >= n || b[p] != ':') {
                throw new SipParseException(SipParseFailure.BAD_HEADER, RULE_HEADER + ": expected HCOLON", p);
            }
            p++;
            final int valueScan = p;
            int lineBegin = start;
            boolean folded = false;
            int lastCr;
            while (true) {
                int q = p;
                while (q < n) {
                    byte x = b[q];
                    if (x == '\r' || x == '\n') break;
                    q++;
                }
                if (q - lineBegin > maxLine) {
                    throw new SipParseException(SipParseFailure.LINE_TOO_LONG, "SipLimits.maxLineBytes=" + maxLine, lineBegin);
                }
                if (q >= n) throw new SipParseException(SipParseFailure.MISSING_CRLF, RULE_LINE_END + ": header line without CRLF", q);
                if (b[q] == '\n' || q + 1 >= n || b[q + 1] != '\n') {
                    throw new SipParseException(SipParseFailure.BAD_LINE_ENDING, RULE_LINE_END + (b[q] == '\n' ? ": bare LF" : ": bare CR"), q);
                }
                int next = q + 2;
                if (next < n && (b[next] == ' ' || b[next] == '\t')) {
                    // RFC 3261 §7.3.1: a line starting with whitespace continues the field
                    folded = true;
                    lineBegin = next;
                    p = next;
                    continue;
                }
                lastCr = q;
                p = next;
                break;
            }
            int vs = valueScan;
            while (vs < lastCr && isLws(b[vs])) vs++;
            int ve = lastCr;
            while (ve > vs && isLws(b[ve - 1])) ve--;
            if (folded) folded = containsCr(b, vs, ve);
            int key = HeaderTable.lookup(b, start, nameEnd);
            if (key == HeaderTable.CONTENT_LENGTH) {
                if (contentLength >= 0) {
                    throw new SipParseException(SipParseFailure.MULTIPLE_CONTENT_LENGTH, RULE_LENGTH + ": more than one Content-Length", start);
                }
                contentLength = parseLength(b, vs, ve);
                clOffset = vs;
            } else if (key == HeaderTable.VIA) {
                vias += ValueSplitter.count(b, vs, ve);
                if (vias > limits.maxViaCount()) {
                    throw new SipParseException(SipParseFailure.TOO_MANY_VIAS, "SipLimits.maxViaCount=" + limits.maxViaCount(), start);
                }
            }
            int o = count * stride;
            if (o == offs.length) offs = Arrays.copyOf(offs, Math.min(maxHeaders, count * 2) * stride);
            offs[o] = start;
            offs[o + 1] = nameEnd;
            offs[o + 2] = vs;
            offs[o + 3] = ve;
            offs[o + 4] = p;
            offs[o + 5] = Headers.info(key, folded);
            count++;
        }
        Headers headers = count == 0 ? Headers.empty() : new Headers(b, base, offs, count);
        return new HeaderSection(headers, p, contentLength, clOffset);
    }

    private static boolean isLws(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean containsCr(byte[] b, int s, int e) {
        for (int i = s; i < e; i++) if (b[i] == '\r') return true;
        return false;
    }

    /** Content-Length digits; values too large to matter are capped so the limit check rejects them. */
    static long parseLength(byte[] b, int s, int e) throws SipParseException {
        if (s == e) throw new SipParseException(SipParseFailure.BAD_CONTENT_LENGTH, RULE_LENGTH + ": empty value", s);
        long v = 0;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                throw new SipParseException(SipParseFailure.BAD_CONTENT_LENGTH, RULE_LENGTH + ": not 1*DIGIT", i);
            }
            if (v < Integer.MAX_VALUE) v = Math.min((long) Integer.MAX_VALUE, v * 10 + (c - '0'));
        }
        return v;
    }

    private Body body(byte[] b, int n, HeaderSection hs) throws SipParseException {
        int start = hs.bodyStart;
        int available = n - start;
        long cl = hs.contentLength;
        int len;
        if (cl >= 0) {
            if (cl > available) {
                // RFC 3261 §18.3: the packet ends before the body does
                throw new SipParseException(SipParseFailure.CONTENT_LENGTH_MISMATCH, RULE_LENGTH + ": Content-Length " + cl + " exceeds the " + available + " bytes present", hs.contentLengthOffset);
            }
            len = (int) cl;
        } else {
            len = available;
        }
        if (len > limits.maxContentLength()) {
            throw new SipParseException(SipParseFailure.BODY_TOO_LARGE, "SipLimits.maxContentLength=" + limits.maxContentLength(),
                    start);
        }
        return len == 0 ? Body.EMPTY : new Body(b, start, len);
    }
}
