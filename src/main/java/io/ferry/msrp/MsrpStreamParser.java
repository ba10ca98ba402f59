package io.ferry.msrp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Streaming MSRP parser for one connection (RFC 4975 §5.1, §7.1, §9). Feed it bytes as they
 * arrive, split anywhere; it calls an {@link MsrpListener} with each header part, the body as
 * slices (views of the fed buffers, never accumulated), and the end-line's flag.
 *
 * <p>The header block (start line and header lines) is buffered up to
 * {@link MsrpLimits#maxHeaderBlockBytes()}. The body is not: once the transaction id is known, the
 * parser searches for the exact delimiter {@code CRLF "-------" transact-id} followed by a
 * continuation flag and CRLF (RFC 4975 §7.1: the body ends where CRLF and the end-line appear). Each
 * byte is examined once; across slice boundaries it holds back only the bytes of a partial
 * delimiter match: at most the delimiter, the flag and the CR. The delimiter begins with CR, which
 * no other delimiter byte is, so a broken partial match is always plain body, and the held bytes
 * are re-emitted from the constant delimiter without copying.
 *
 * <p>Errors: a message that breaks a rule after its transaction id is known is reported through
 * {@link MsrpListener#onInvalid} and skipped up to its end-line; parsing continues with the next
 * message. When the stream can no longer be framed, {@link #feed} throws an
 * {@link MsrpParseException} with {@link MsrpParseException#framingLost()} true; the parser is then
 * dead and the connection must be closed.
 *
 * <p>Results do not depend on how the input is sliced: the same bytes give the same events, errors
 * and offsets whether fed whole or one byte at a time (body slices differ only in their boundaries).
 *
 * <p>Not thread-safe: one instance per connection, fed by one thread at a time (a Netty event loop
 * or a WebSocket session's message handler).
 */
public final class MsrpStreamParser {
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] MSRP_SP = {'M', 'S', 'R', 'P', ' '};
    private static final int KEEP_BUFFER = 4096;

    private enum State { START_LINE, HEADERS, BODY, SKIP, DONE, DEAD }

    private final MsrpLimits limits;
    private final MsrpListener listener;
    private final boolean single;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private State state = State.START_LINE;
    private long streamOffset;
    private long base;
    private long messageStart = -1;

    private byte[] head = EMPTY;
    private int headLen;
    private int lineStart;
    private final int[] lineStarts;
    private final int[] lineEnds;
    private int lineCount;

    private String tid;
    private byte[] delimiter;
    private String methodName;
    private int code = -1;
    private String comment;
    private MsrpMessage message;

    private int matched;
    private ContinuationFlag flag;
    private long bodyBytes;
    private long bodyLimit;

    /** A parser with {@link MsrpLimits#DEFAULTS}. */
    public MsrpStreamParser(MsrpListener listener) {
        this(MsrpLimits.DEFAULTS, listener);
    }

    public MsrpStreamParser(MsrpLimits limits, MsrpListener listener) {
        this(limits, listener, false);
    }

    /** {@code single}: stop after one message (used by {@link MsrpParser}). */
    MsrpStreamParser(MsrpLimits limits, MsrpListener listener, boolean single) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.single = single;
        this.lineStarts = new int[limits.maxHeaderCount()];
        this.lineEnds = new int[limits.maxHeaderCount()];
    }

    /**
     * Consumes all remaining bytes of {@code src} (its position moves to its limit; in single-message
     * mode, to the end of the first message). Body slices passed to the listener are views of
     * {@code src}.
     *
     * @throws MsrpParseException   when framing is lost; the parser is dead afterwards
     * @throws IllegalStateException when called on a dead parser
     */
    public void feed(ByteBuffer src) {
        if (state == State.DEAD) throw new IllegalStateException("MSRP framing was lost; close the connection");
        int pos = src.position();
        int end = src.limit();
        int start = pos;
        base = streamOffset - start;
        try {
            while (pos < end && state != State.DONE) {
                pos = switch (state) {
                    case START_LINE, HEADERS -> headerBytes(src, pos, end);
                    case BODY, SKIP -> bodyBytes(src, pos, end);
                    default -> throw new IllegalStateException(state.name());
                };
            }
        } catch (RuntimeException e) {
            state = State.DEAD;
            throw e;
        } finally {
            streamOffset += pos - start;
        }
        src.position(pos);
    }

    /** Bytes consumed so far on this connection. */
    public long offset() { return streamOffset; }

    /** True between messages: no partial message is buffered or being scanned. */
    public boolean isIdle() { return state == State.START_LINE && headLen == 0; }

    /** True once framing was lost. */
    public boolean isDead() { return state == State.DEAD; }

    boolean isDone() { return state == State.DONE; }

    // ---- header block -------------------------------------------------------------------------

    private int headerBytes(ByteBuffer src, int pos, int end) {
        if (headLen == 0 && state == State.START_LINE) messageStart = base + pos;
        int lf = -1;
        for (int i = pos; i < end; i++) {
            if (src.get(i) == '\n') { lf = i; break; }
        }
        int chunkEnd = lf >= 0 ? lf + 1 : end;
        int n = chunkEnd - pos;
        boolean startLine = state == State.START_LINE;
        if (startLine && headLen < MSRP_SP.length) {
            // RFC 4975 §9 req-start: reject a stream that is not MSRP as soon as its first bytes arrive.
            for (int i = 0; i < n && headLen + i < MSRP_SP.length; i++) {
                if (src.get(pos + i) != MSRP_SP[headLen + i])
                    throw new MsrpParseException(MsrpViolation.START_LINE_MALFORMED, base + pos + i, "expected \"MSRP \"");
            }
        }
        int lineRoom = limits.maxLineBytes() - (headLen - lineStart);
        int blockRoom = limits.maxHeaderBlockBytes() - headLen;
        if (n > lineRoom || n > blockRoom) {
            // Keep what still fits, so the error and the skip start exactly where the limit was
            // crossed, however the input was sliced.
            boolean line = n > lineRoom && lineRoom <= blockRoom;
            int room = line ? lineRoom : blockRoom;
            ensureCapacity(headLen + room);
            src.get(pos, head, headLen, room);
            headLen += room;
            long at = base + pos + room;
            if (startLine) throw new MsrpParseException(MsrpViolation.START_LINE_TOO_LONG, at, "> " + (line ? limits.maxLineBytes() : limits.maxHeaderBlockBytes()) + " bytes");
            MsrpParseException e = line
                    ? new MsrpParseException(MsrpViolation.HEADER_LINE_TOO_LONG, at, "> " + limits.maxLineBytes() + " bytes")
                    : new MsrpParseException(MsrpViolation.HEADER_BLOCK_TOO_LARGE, at, "> " + limits.maxHeaderBlockBytes() + " bytes");
            return invalid(e, pendingCr(), pos + room);
        }
        ensureCapacity(headLen + n);
        src.get(pos, head, headLen, n);
        headLen += n;
        if (lf < 0) return end;

        int lfIndex = headLen - 1;
        if (lfIndex == lineStart || head[lfIndex - 1] != '\r') {
            if (startLine) throw new MsrpParseException(MsrpViolation.START_LINE_MALFORMED, base + lf, "line not ended by CRLF");
            return invalid(new MsrpParseException(MsrpViolation.BARE_LF, base + lf, null), 0, chunkEnd);
        }
        int contentEnd = lfIndex - 1;
        if (startLine) {
            try {
                startLine(lineStart, contentEnd);
            } catch (MsrpParseException e) {
                if (e.framingLost()) throw e;
                return invalid(e, 2, chunkEnd);
            }
            state = State.HEADERS;
            lineStart = headLen;
            return chunkEnd;
        }
        int len = contentEnd - lineStart;
        if (len == 0) return headersDone(true, chunkEnd);
        if (isEndLine(lineStart, len)) {
            flag = ContinuationFlag.of(head[contentEnd - 1]);
            return headersDone(false, chunkEnd);
        }
        if (startsWithEndLinePrefix(lineStart, len)) {
            throw new MsrpParseException(MsrpViolation.END_LINE_MALFORMED, offsetOf(lineStart), "expected flag and CRLF after the transaction id", tid);
        }
        if (lineCount == lineStarts.length) {
            return invalid(new MsrpParseException(MsrpViolation.TOO_MANY_HEADERS, offsetOf(lineStart), "> " + lineStarts.length), 2, chunkEnd);
        }
        lineStarts[lineCount] = lineStart;
        lineEnds[lineCount] = contentEnd;
        lineCount++;
        lineStart = headLen;
        return chunkEnd;
    }

    /**
     * How far into the end delimiter ({@code CRLF "-------" tid flag CR}) the buffered header bytes
     * already are, so that skipping can resume mid-match: the previous line's CRLF counts 2, and a
     * partial current line that is a prefix of {@code "-------" tid flag CR} adds its length.
     * Returns 1 for a partial line that merely ends with CR, else 0.
     */
    private int pendingCr() {
        if (state != State.HEADERS) return 0;
        byte[] d = delimiter;
        int m = d.length;
        int k = headLen - lineStart;
        boolean prefix = k <= m;
        for (int i = 0; prefix && i < k; i++) {
            byte b = head[lineStart + i];
            int at = 2 + i;
            prefix = at < m ? b == d[at] : at == m ? ContinuationFlag.of(b) != null : b == '\r';
        }
        if (prefix) return 2 + k;
        return head[headLen - 1] == '\r' ? 1 : 0;
    }

    private void ensureCapacity(int needed) {
        if (needed <= head.length) return;
        int cap = Math.max(needed, Math.min(Math.max(head.length * 2, 256), limits.maxHeaderBlockBytes()));
        byte[] bigger = new byte[cap];
        System.arraycopy(head, 0, bigger, 0, headLen);
        head = bigger;
    }

    private long offsetOf(int headIndex) { return messageStart + headIndex; }

    /** RFC 4975 §9 req-start / resp-start. */
    private void startLine(int from, int to) {
        if (to - from < MSRP_SP.length) throw new MsrpParseException(MsrpViolation.START_LINE_MALFORMED, offsetOf(from), "too short");
        for (int i = 0; i < MSRP_SP.length; i++) {
            if (head[from + i] != MSRP_SP[i]) throw new MsrpParseException(MsrpViolation.START_LINE_MALFORMED, offsetOf(from + i), "expected \"MSRP \"");
        }
        int tidStart = from + MSRP_SP.length;
        int sp = -1;
        for (int i = tidStart; i < to; i++) {
            if (head[i] == ' ') { sp = i; break; }
        }
        if (sp < 0) throw new MsrpParseException(MsrpViolation.START_LINE_MALFORMED, offsetOf(to), "no method or status after transaction id");
        String id = new String(head, tidStart, sp - tidStart, StandardCharsets.ISO_8859_1);
        if (!MsrpMessage.isTransactionId(id)) throw new MsrpParseException(MsrpViolation.TRANSACTION_ID_INVALID, offsetOf(tidStart), id);
        tid = id;
        byte[] d = new byte[9 + id.length()];
        d[0] = '\r';
        d[1] = '\n';
        for (int i = 2; i < 9; i++) d[i] = '-';
        for (int i = 0; i < id.length(); i++) d[9 + i] = (byte) id.charAt(i);
        delimiter = d;

        int r = sp + 1;
        int restLen = to - r;
        if (restLen >= 3 && digit(head[r]) && digit(head[r + 1]) && digit(head[r + 2]) && (restLen == 3 || head[r + 3] == ' ')) {
            code = (head[r] - '0') * 100 + (head[r + 1] - '0') * 10 + (head[r + 2] - '0');
            comment = restLen == 3 ? null : text(r + 4, to, MsrpViolation.STATUS_LINE_INVALID);
            for (int i = 0; comment != null && i < comment.length(); i++) {
                char c = comment.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7F) throw new MsrpParseException(MsrpViolation.STATUS_LINE_INVALID, offsetOf(r + 4), "control character in comment", tid);
            }
            return;
        }
        if (restLen == 0) throw new MsrpParseException(MsrpViolation.METHOD_INVALID, offsetOf(r), "empty method", tid);
        for (int i = r; i < to; i++) {
            if (head[i] < 'A' || head[i] > 'Z') {
                boolean looksLikeCode = digit(head[r]);
                throw new MsrpParseException(looksLikeCode ? MsrpViolation.STATUS_LINE_INVALID : MsrpViolation.METHOD_INVALID,
                        offsetOf(i), "unexpected byte 0x" + Integer.toHexString(head[i] & 0xFF), tid);
            }
        }
        methodName = new String(head, r, restLen, StandardCharsets.ISO_8859_1);
    }

    private static boolean digit(byte b) { return b >= '0' && b <= '9'; }

    private boolean isEndLine(int from, int len) {
        byte[] d = delimiter;
        if (len != d.length - 2 + 1) return false;
        for (int i = 2; i < d.length; i++) {
            if (head[from + i - 2] != d[i]) return false;
        }
        return ContinuationFlag.of(head[from + len - 1]) != null;
    }

    /** True if the line starts with {@code "-------" tid}: an end-line, broken if {@link #isEndLine} said no. */
    private boolean startsWithEndLinePrefix(int from, int len) {
        byte[] d = delimiter;
        if (len < d.length - 2) return false;
        for (int i = 2; i < d.length; i++) {
            if (head[from + i - 2] != d[i]) return false;
        }
        return true;
    }

    /** Builds the header part; a bodiless message ends here. */
    private int headersDone(boolean bodyFollows, int next) {
        MsrpMessage m;
        try {
            m = build();
        } catch (MsrpParseException e) {
            return invalid(e, 0, bodyFollows, next);
        }
        if (bodyFollows && m instanceof MsrpResponse) {
            return invalid(new MsrpParseException(MsrpViolation.RESPONSE_HAS_BODY, offsetOf(lineStart), null, tid), 0, true, next);
        }
        message = m;
        listener.onHeaders(m, bodyFollows);
        if (!bodyFollows) {
            listener.onEnd(m, flag);
            complete();
            return next;
        }
        state = State.BODY;
        matched = 0;
        bodyBytes = 0;
        bodyLimit = m instanceof MsrpRequest req && req.isSend() ? limits.maxBodyBytes() : limits.maxNonSendBodyBytes();
        releaseHead();
        return next;
    }

    private MsrpMessage build() {
        List<MsrpHeader> headers = new ArrayList<>(lineCount);
        long[] valueOffsets = new long[lineCount];
        for (int k = 0; k < lineCount; k++) {
            int s = lineStarts[k], e = lineEnds[k];
            int colon = -1;
            for (int i = s; i < e; i++) {
                if (head[i] == ':') { colon = i; break; }
            }
            if (colon < 0) throw new MsrpParseException(MsrpViolation.HEADER_MALFORMED, offsetOf(s), "no ':'", tid);
            String name = new String(head, s, colon - s, StandardCharsets.ISO_8859_1);
            if (!MsrpHeader.isName(name)) throw new MsrpParseException(MsrpViolation.HEADER_MALFORMED, offsetOf(s), "header name \"" + name + "\"", tid);
            String raw = text(colon + 1, e, MsrpViolation.HEADER_MALFORMED);
            try {
                headers.add(new MsrpHeader(name, raw));
            } catch (MsrpParseException ex) {
                throw ex.shifted(offsetOf(colon + 1)).withTransactionId(tid);
            }
            valueOffsets[k] = offsetOf(colon + 1);
        }
        MsrpHeaders h;
        try {
            h = MsrpHeaders.parsed(headers, valueOffsets, limits);
        } catch (MsrpParseException ex) {
            throw (ex.offset() < 0 ? ex.shifted(messageStart) : ex).withTransactionId(tid);
        }
        return methodName != null ? new MsrpRequest(tid, MsrpMethod.of(methodName), h) : new MsrpResponse(tid, code, comment, h);
    }

    /** Strict UTF-8 (RFC 4975 §9 utf8text); ASCII takes the fast path. */
    private String text(int from, int to, MsrpViolation onControl) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (head[i] < 0) { ascii = false; break; }
        }
        if (ascii) return new String(head, from, to - from, StandardCharsets.ISO_8859_1);
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(head, from, to - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MsrpParseException(MsrpViolation.UTF8_INVALID, offsetOf(from), onControl.reason(), tid);
        }
    }

    // ---- body and end-line --------------------------------------------------------------------

    private int bodyBytes(ByteBuffer src, int pos, int end) {
        final byte[] d = delimiter;
        final int m = d.length;
        int carried = matched;
        int emitFrom = pos;
        int i = pos;
        while (i < end) {
            byte b = src.get(i);
            if (matched < m) {
                if (b == d[matched]) {
                    matched++;
                } else {
                    if (matched > 0 && carried > 0) {
                        emitConst(carried);
                        carried = 0;
                    }
                    matched = b == d[0] ? 1 : 0;
                }
                i++;
                continue;
            }
            if (matched == m) {
                ContinuationFlag f = ContinuationFlag.of(b);
                if (f == null) {
                    // RFC 4975 §7.1: only "-------" tid plus a flag ends the body; this was body.
                    if (carried > 0) {
                        emitConst(carried);
                        carried = 0;
                    }
                    matched = b == d[0] ? 1 : 0;
                } else {
                    flag = f;
                    matched++;
                }
                i++;
                continue;
            }
            if (matched == m + 1) {
                if (b != '\r') throw brokenEndLine(src, emitFrom, i - (matched - carried), i, "expected CR after the flag");
                matched++;
                i++;
                continue;
            }
            if (b != '\n') throw brokenEndLine(src, emitFrom, i - (matched - carried), i, "expected LF after the flag");
            i++;
            int matchStart = i - (m + 3 - carried);
            if (matchStart > emitFrom) emitSlice(src, emitFrom, matchStart);
            if (state == State.BODY) listener.onEnd(message, flag);
            complete();
            return i;
        }
        int heldInSlice = matched - carried;
        int emitTo = end - heldInSlice;
        if (emitTo > emitFrom) emitSlice(src, emitFrom, emitTo);
        return end;
    }

    /** Delivers the body read so far (as any slicing would have), then reports the lost framing. */
    private MsrpParseException brokenEndLine(ByteBuffer src, int emitFrom, int emitTo, int at, String detail) {
        if (emitTo > emitFrom) emitSlice(src, emitFrom, emitTo);
        return new MsrpParseException(MsrpViolation.END_LINE_MALFORMED, base + at, detail, tid);
    }

    private void emitSlice(ByteBuffer src, int from, int to) {
        if (state != State.BODY || !countBody(to - from, from)) return;
        ByteBuffer view = src.asReadOnlyBuffer();
        view.limit(to);
        view.position(from);
        listener.onBody(view.slice());
    }

    private void emitConst(int length) {
        if (state != State.BODY || !countBody(length, -1)) return;
        listener.onBody(ByteBuffer.wrap(delimiter, 0, length).slice().asReadOnlyBuffer());
    }

    /** Counts body bytes against the limit; on overflow reports 413 and starts discarding. */
    private boolean countBody(int n, int at) {
        if (bodyBytes + n > bodyLimit) {
            MsrpParseException e = new MsrpParseException(MsrpViolation.BODY_TOO_LARGE, at < 0 ? -1 : base + at,
                    "> " + bodyLimit + " bytes", tid);
            if (message instanceof MsrpRequest r) e = e.withRequest(r);
            state = State.SKIP;
            listener.onInvalid(tid, message, e);
            return false;
        }
        bodyBytes += n;
        return true;
    }

    // ---- recovery and reset -------------------------------------------------------------------

    private int invalid(MsrpParseException e, int skipMatched, int next) {
        return invalid(e, skipMatched, true, next);
    }

    /**
     * Reports a broken message whose framing is intact. With {@code skip}, the parser then scans for
     * the end-line, starting with {@code skipMatched} delimiter bytes already seen (2 right after a
     * CRLF, since a bodiless message's end-line follows its last CRLF directly).
     */
    private int invalid(MsrpParseException e, int skipMatched, boolean skip, int next) {
        MsrpParseException error = e.transactionId() == null ? e.withTransactionId(tid) : e;
        if (error.framingLost()) throw error;
        MsrpMessage delivered = message;
        MsrpRequest readable = delivered instanceof MsrpRequest r ? r : salvage();
        if (readable != null) error = error.withRequest(readable);
        String id = tid;
        if (skip) {
            state = State.SKIP;
            matched = skipMatched;
            releaseHead();
            listener.onInvalid(id, delivered, error);
        } else {
            complete();
            listener.onInvalid(id, delivered, error);
        }
        return next;
    }

    /**
     * For a request whose header block is broken: a request with only the To-Path, From-Path and
     * Failure-Report lines (when they read correctly), enough to answer it. Null otherwise.
     */
    private MsrpRequest salvage() {
        if (methodName == null || tid == null) return null;
        List<MsrpHeader> kept = new ArrayList<>(3);
        boolean to = false, from = false, failure = false;
        for (int k = 0; k < lineCount; k++) {
            int s = lineStarts[k], e = lineEnds[k];
            int colon = -1;
            for (int i = s; i < e; i++) {
                if (head[i] == ':') { colon = i; break; }
            }
            if (colon < 0) continue;
            String name = new String(head, s, colon - s, StandardCharsets.ISO_8859_1);
            boolean isTo = name.equalsIgnoreCase(MsrpHeaders.TO_PATH) && !to;
            boolean isFrom = name.equalsIgnoreCase(MsrpHeaders.FROM_PATH) && !from;
            boolean isFailure = name.equalsIgnoreCase(MsrpHeaders.FAILURE_REPORT) && !failure;
            if (!isTo && !isFrom && !isFailure) continue;
            try {
                kept.add(new MsrpHeader(name, text(colon + 1, e, MsrpViolation.HEADER_MALFORMED)));
            } catch (MsrpParseException ignored) {
                return null;
            }
            to |= isTo;
            from |= isFrom;
            failure |= isFailure;
        }
        try {
            return new MsrpRequest(tid, MsrpMethod.of(methodName), MsrpHeaders.of(kept, limits));
        } catch (MsrpParseException unreadable) {
            return null;
        }
    }

    private void releaseHead() {
        headLen = 0;
        lineStart = 0;
        lineCount = 0;
        if (head.length > KEEP_BUFFER) head = EMPTY;
    }

    private void complete() {
        releaseHead();
        tid = null;
        delimiter = null;
        methodName = null;
        code = -1;
        comment = null;
        message = null;
        matched = 0;
        flag = null;
        bodyBytes = 0;
        state = single ? State.DONE : State.START_LINE;
    }
}
