package io.ferry.sip;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A SIP response (RFC 3261 §7.2): status code and reason phrase, headers, body. Immutable;
 * the status line is kept as raw bytes.
 */
public final class SipResponse implements SipMessage {

    private final StartLine line;
    private final int status;
    private final int reasonStart;
    private final Headers headers;
    private final Body body;

    SipResponse(StartLine line, int status, int reasonStart, Headers headers, Body body) {
        this.line = line;
        this.status = status;
        this.reasonStart = reasonStart;
        this.headers = headers;
        this.body = body;
    }

    /**
     * A new response {@code SIP/2.0 status reason} with the given headers and no body.
     *
     * @throws IllegalArgumentException for a status outside 100-699 or a reason with CR or LF
     */
    public static SipResponse of(int status, String reason, Headers headers) {
        if (status < 100 || status > 699) throw new IllegalArgumentException("status out of range: " + status);
        if (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0) throw new IllegalArgumentException("CR or LF in reason");
        StartLine l = StartLine.of("SIP/2.0 " + status + " " + reason);
        return new SipResponse(l, status, 12, Objects.requireNonNull(headers), Body.EMPTY);
    }

    public int status() {
        return status;
    }

    /** The reason phrase as written. */
    public String reason() {
        return line.text(line.start + reasonStart, Math.max(line.start + reasonStart, line.end - 2));
    }

    /** The status class: 1 for provisional, 2 for success... */
    public int statusClass() {
        return status / 100;
    }

    /*
     * Views of the fields every layer reads, parsed once. Benign races: the views are immutable
     * records (final fields), so a thread either sees a complete one or parses its own.
     */
    private Via topViaCache;
    private CSeq cseqCache;
    private NameAddr fromCache;
    private NameAddr toCache;

    @Override
    public Optional<Via> topVia() throws SipParseException {
        Via v = topViaCache;
        if (v == null) {
            Optional<Via> parsed = SipMessage.super.topVia();
            if (parsed.isPresent()) topViaCache = parsed.get();
            return parsed;
        }
        return Optional.of(v);
    }

    @Override
    public Optional<CSeq> cseq() throws SipParseException {
        CSeq c = cseqCache;
        if (c == null) {
            Optional<CSeq> parsed = SipMessage.super.cseq();
            if (parsed.isPresent()) cseqCache = parsed.get();
            return parsed;
        }
        return Optional.of(c);
    }

    @Override
    public Optional<NameAddr> from() throws SipParseException {
        NameAddr a = fromCache;
        if (a == null) {
            Optional<NameAddr> parsed = SipMessage.super.from();
            if (parsed.isPresent()) fromCache = parsed.get();
            return parsed;
        }
        return Optional.of(a);
    }

    @Override
    public Optional<NameAddr> to() throws SipParseException {
        NameAddr a = toCache;
        if (a == null) {
            Optional<NameAddr> parsed = SipMessage.super.to();
            if (parsed.isPresent()) toCache = parsed.get();
            return parsed;
        }
        return Optional.of(a);
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    @Override
    public Headers headers() {
        return headers;
    }

    @Override
    public ByteBuffer body() {
        return body.asReadOnlyBuffer();
    }

    @Override
    public byte[] bodyBytes() {
        return body.copy();
    }

    @Override
    public int bodyLength() {
        return body.len;
    }

    StartLine startLine() {
        return line;
    }

    Body rawBody() {
        return body;
    }

    /** A copy with another status and reason phrase. */
    public SipResponse withStatus(int newStatus, String reason) {
        SipResponse r = of(newStatus, reason, headers);
        return new SipResponse(r.line, r.status, r.reasonStart, headers, body);
    }

    @Override
    public SipResponse withHeaders(Headers h) {
        return new SipResponse(line, status, reasonStart, Objects.requireNonNull(h), body);
    }

    @Override
    public SipResponse withHeader(String name, String value) {
        return withHeaders(headers.with(name, value));
    }

    @Override
    public SipResponse withoutHeader(String name) {
        return withHeaders(headers.without(name));
    }

    @Override
    public SipResponse withPrependedHeader(String name, String value) {
        return withHeaders(headers.prepend(name, value));
    }

    @Override
    public SipResponse withAppendedHeader(String name, String value) {
        return withHeaders(headers.append(name, value));
    }

    @Override
    public SipResponse withTopVia(Via via) {
        return withHeaders(headers.withTopValue(HeaderTable.VIA, "Via", via.toString()));
    }

    @Override
    public SipResponse withoutTopVia() {
        return withHeaders(headers.withTopValue(HeaderTable.VIA, "Via", null));
    }

    @Override
    public SipResponse withBody(String contentType, byte[] bytes) {
        Body b = Body.copyOf(bytes);
        Headers h = contentType == null ? headers.without("Content-Type") : headers.with("Content-Type", contentType);
        h = h.with("Content-Length", Integer.toString(b.len));
        return new SipResponse(line, status, reasonStart, h, b);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SipResponse r)) return false;
        return Arrays.equals(line.buf, line.start, line.end, r.line.buf, r.line.start, r.line.end)
                && headers.equals(r.headers) && body.contentEquals(r.body);
    }

    @Override
    public int hashCode() {
        return 31 * status + headers.hashCode();
    }

    @Override
    public String toString() {
        return line + "\r\n" + headers + "\r\n[" + body.len + " body bytes]";
    }
}
