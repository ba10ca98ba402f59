package io.ferry.sip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Frames SIP messages in a TCP or TLS byte stream (RFC 3261 §18.3): the header section up to the
 * empty line, then exactly Content-Length body bytes; Content-Length is mandatory on streams.
 * CRLFs between messages are keepalives (RFC 5626 §4.4.1): a double CRLF is a {@link SipFrame.Ping},
 * a single one a {@link SipFrame.Pong}. A single CRLF is reported once the next bytes show it is
 * not the first half of a ping.
 *
 * <p>One instance per connection. <b>Not thread-safe</b>: feed it from the connection's I/O thread.
 *
 * <p>At most about {@link SipLimits#maxMessageBytes()} bytes are ever buffered: a header section
 * without its empty line within that size, a missing or malformed Content-Length, a
 * Content-Length above {@link SipLimits#maxContentLength()} or a message above the size limit
 * make the stream unframeable: {@code feed} throws a {@link SipParseException} with
 * {@link SipParseException#framingLost()} true, after delivering the frames before the fault,
 * and every later call throws it again. The connection must then be closed.
 *
 * <p>Each delivered message owns a copy of its bytes; the caller may reuse the buffers it feeds.
 * <pre>{@code
 * framer.feed(byteBuffer, frame -> {
 *     if (frame instanceof SipFrame.Message m) dispatch(m.message());
 *     else if (frame instanceof SipFrame.Ping) send(CRLF);                       // RFC 5626 §4.4.1 pong
 *     else if (frame instanceof SipFrame.Rejected r) parser.responseTo(r.bytes(), 0, r.bytes().length, r.error())
 *             .ifPresent(this::send);                                         // 400/505/513..., stream goes on
 * });                                                                         // throws when framing is lost: close
 * }</pre>
 */
public final class SipFramer {

    private static final byte[] NONE = new byte[0];
    private static final String RULE_FRAMING = "RFC 3261 §18.3 framing";

    private final SipParser parser;
    private final SipLimits limits;

    private byte[] own = NONE;
    private byte[] buf = NONE;
    private int start;
    private int end;
    /** Bytes from {@code start} already searched for the end of the header section. */
    private int scanned;
    /** Length of the frame starting at {@code start}, once its header section is complete; else -1. */
    private int frameLength = -1;
    private SipParseException failure;

    public SipFramer(SipParser parser) {
        this.parser = Objects.requireNonNull(parser);
        this.limits = parser.limits();
    }

    public SipFramer(SipLimits limits) {
        this(new SipParser(limits));
    }

    /** Bytes received but not yet part of a delivered frame. */
    public int buffered() {
        return end - start;
    }

    /** Feeds all remaining bytes of {@code in} (its position moves to its limit). */
    public void feed(ByteBuffer in, Consumer<? super SipFrame> sink) throws SipParseException {
        if (in.hasArray()) {
            int off = in.arrayOffset() + in.position();
            int len = in.remaining();
            in.position(in.limit());
            feed(in.array(), off, len, sink);
        } else {
            byte[] tmp = new byte[Math.min(in.remaining(), 16 * 1024)];
            while (in.hasRemaining()) {
                int n = Math.min(tmp.length, in.remaining());
                in.get(tmp, 0, n);
                feed(tmp, 0, n, sink);
            }
        }
    }

    /** Feeds bytes and returns the frames they complete, in order. */
    public List<SipFrame> feed(ByteBuffer in) throws SipParseException {
        List<SipFrame> out = new ArrayList<>(2);
        feed(in, out::add);
        return out;
    }

    /** Feeds {@code b[off, off+len)}; frames are passed to {@code sink} in order. */
    public void feed(byte[] b, int off, int len, Consumer<? super SipFrame> sink) throws SipParseException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) throw failure;
        try {
            if (start == end) {
                // nothing pending: frame straight from the caller's bytes, keep only the tail
                buf = b;
                start = off;
                end = off + len;
                try {
                    extract(sink);
                } finally {
                    keepTail();
                }
                return;
            }
            int p = off;
            int stop = off + len;
            while (p < stop) {
                int room = capacity() - (end - start);
                int n = Math.min(room, stop - p);
                append(b, p, n);
                p += n;
                extract(sink);
            }
        } catch (SipParseException e) {
            failure = e.asFramingLost();
            buf = own = NONE;
            start = end = 0;
            throw failure;
        }
    }

    /** Upper bound on buffered bytes: one maximal message plus a pending keepalive. */
    private int capacity() {
        return limits.maxMessageBytes() + 4;
    }

    private void keepTail() {
        int n = end - start;
        if (n == 0) {
            buf = own;
            start = end = 0;
            return;
        }
        if (own.length < n) own = new byte[Math.max(n, Math.min(capacity(), Math.max(1024, n * 2)))];
        System.arraycopy(buf, start, own, 0, n);
        buf = own;
        start = 0;
        end = n;
    }

    private void append(byte[] b, int off, int n) {
        int pending = end - start;
        if (own.length - end < n) {
            if (own.length - pending >= n) {
                System.arraycopy(own, start, own, 0, pending);
            } else {
                byte[] bigger = new byte[Math.min(capacity(), Math.max(pending + n, own.length * 2))];
                System.arraycopy(own, start, bigger, 0, pending);
                own = bigger;
            }
            start = 0;
            end = pending;
        }
        System.arraycopy(b, off, own, end, n);
        end += n;
        buf = own;
    }

    private void extract(Consumer<? super SipFrame> sink) throws SipParseException {
        while (start < end) {
            if (frameLength < 0) {
                if (scanned == 0) {
                    int k = keepalive(sink);
                    if (k < 0) return;
                    if (k > 0) continue;
                }
                int headerEnd = findHeaderEnd();
                if (headerEnd < 0) {
                    if (end - start >= limits.maxMessageBytes()) {
                        throw new SipParseException(SipParseFailure.MESSAGE_TOO_LARGE,
                                RULE_FRAMING + ": no empty line within SipLimits.maxMessageBytes=" + limits.maxMessageBytes(), 0, true);
                    }
                    return;
                }
                long cl = contentLength(headerEnd);
                if (cl > limits.maxContentLength()) {
                    throw new SipParseException(SipParseFailure.BODY_TOO_LARGE,
                            RULE_FRAMING + ": SipLimits.maxContentLength=" + limits.maxContentLength(), 0, true);
                }
                long total = headerEnd - start + cl;
                if (total > limits.maxMessageBytes()) {
                    throw new SipParseException(SipParseFailure.MESSAGE_TOO_LARGE,
                            RULE_FRAMING + ": SipLimits.maxMessageBytes=" + limits.maxMessageBytes(), 0, true);
                }
                frameLength = (int) total;
            }
            if (end - start < frameLength) return;
            int at = start;
            int len = frameLength;
            start += len;
            frameLength = -1;
            scanned = 0;
            byte[] copy = java.util.Arrays.copyOfRange(buf, at, at + len);
            SipFrame frame;
            try {
                frame = new SipFrame.Message(parser.parse(copy));
            } catch (SipParseException e) {
                frame = new SipFrame.Rejected(e, copy);
            }
            sink.accept(frame);
        }
    }

    /**
     * At a message boundary: consumes a keepalive and returns 1, returns 0 when a message starts
     * here, or -1 when more bytes are needed to tell.
     */
    private int keepalive(Consumer<? super SipFrame> sink) throws SipParseException {
        int n = end - start;
        byte c = buf[start];
        if (c == '\n') throw new SipParseException(SipParseFailure.BAD_LINE_ENDING, RULE_FRAMING + ": bare LF between messages", 0, true);
        if (c != '\r') return 0;
        if (n < 2) return -1;
        if (buf[start + 1] != '\n') throw new SipParseException(SipParseFailure.BAD_LINE_ENDING, RULE_FRAMING + ": bare CR between messages", 0, true);
        if (n < 3) return -1;
        if (buf[start + 2] == '\r') {
            if (n < 4) return -1;
            if (buf[start + 3] != '\n') throw new SipParseException(SipParseFailure.BAD_LINE_ENDING, RULE_FRAMING + ": bare CR between messages", 2, true);
            start += 4;
            sink.accept(SipFrame.PING);
            return 1;
        }
        start += 2;
        sink.accept(SipFrame.PONG);
        return 1;
    }

    /** Index just past the CRLFCRLF ending the header section, or -1. */
    private int findHeaderEnd() {
        int from = start + Math.max(0, scanned - 3);
        for (int i = from; i + 3 < end; i++) {
            if (buf[i + 3] == '\n' && buf[i + 2] == '\r' && buf[i + 1] == '\n' && buf[i] == '\r') return i + 4;
        }
        scanned = end - start;
        return -1;
    }

    /** The Content-Length of the header section {@code [start, headerEnd)}; a missing or bad one loses framing. */
    private long contentLength(int headerEnd) throws SipParseException {
        int p = start;
        while (p < headerEnd && buf[p] != '\n') p++;
        p++;
        long found = -1;
        while (p < headerEnd - 2) {
            int lineStart = p;
            int lineEnd = p;
            while (buf[lineEnd] != '\n') lineEnd++;
            if (buf[p] != ' ' && buf[p] != '\t') {
                int ne = p;
                while (ne < lineEnd && SipChars.isToken(buf[ne] & 0xff)) ne++;
                int q = ne;
                while (q < lineEnd && (buf[q] == ' ' || buf[q] == '\t')) q++;
                if (q < lineEnd && buf[q] == ':' && HeaderTable.lookup(buf, p, ne) == HeaderTable.CONTENT_LENGTH) {
                    if (found >= 0) {
                        throw new SipParseException(SipParseFailure.MULTIPLE_CONTENT_LENGTH, RULE_FRAMING + ": more than one Content-Length",
                                lineStart - start, true);
                    }
                    int vs = q + 1;
                    int ve = lineEnd;
                    // the value may be folded onto the following lines
                    while (ve + 1 < headerEnd - 2 && (buf[ve + 1] == ' ' || buf[ve + 1] == '\t')) {
                        ve++;
                        while (buf[ve] != '\n') ve++;
                    }
                    lineEnd = ve;
                    while (vs < ve && (buf[vs] == ' ' || buf[vs] == '\t' || buf[vs] == '\r' || buf[vs] == '\n')) vs++;
                    int e = ve;
                    while (e > vs && (buf[e - 1] == ' ' || buf[e - 1] == '\t' || buf[e - 1] == '\r' || buf[e - 1] == '\n')) e--;
                    try {
                        found = SipParser.parseLength(buf, vs, e);
                    } catch (SipParseException ex) {
                        throw new SipParseException(ex.failure(), ex.reason(), ex.rule(), ex.offset() - start, true);
                    }
                }
            }
            p = lineEnd + 1;
        }
        if (found < 0) {
            throw new SipParseException(SipParseFailure.MISSING_CONTENT_LENGTH, "RFC 3261 §18.3 Content-Length is mandatory on streams", 0, true);
        }
        return found;
    }
}
