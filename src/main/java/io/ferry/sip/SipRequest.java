package io.ferry.sip;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A SIP request (RFC 3261 §7.1): method, Request-URI and version, headers, body. Immutable;
 * the start line is kept as raw bytes until {@link #withRequestUri} changes it.
 */
public final class SipRequest implements SipMessage {

    private final StartLine line;
    private final String method;
    private final int uriStart;
    private final int uriEnd;
    private final Headers headers;
    private final Body body;
    private Uri uriCache;

    SipRequest(StartLine line, String method, int uriStart, int uriEnd, Headers headers, Body body) {
        this.line = line;
        this.method = method;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
        this.headers = headers;
        this.body = body;
    }

    /**
     * A new request {@code method requestUri SIP/2.0} with the given headers and no body.
     *
     * @throws IllegalArgumentException if the method is not a token or the URI contains whitespace
     */
    public static SipRequest of(String method, String requestUri, Headers headers) {
        if (!SipChars.isToken(method)) throw new IllegalArgumentException("method is not a token: " + method);
        checkUriText(requestUri);
        StartLine l = StartLine.of(method + " " + requestUri + " SIP/2.0");
        int us = method.getBytes(StandardCharsets.UTF_8).length + 1;
        return new SipRequest(l, method, us, us + requestUri.getBytes(StandardCharsets.UTF_8).length,
                Objects.requireNonNull(headers), Body.EMPTY);
    }

    public static SipRequest of(String method, Uri requestUri, Headers headers) {
        return of(method, requestUri.toString(), headers);
    }

    private static void checkUriText(String uri) {
        if (uri.isEmpty()) throw new IllegalArgumentException("empty Request-URI");
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c == 0x7f) throw new IllegalArgumentException("whitespace or control character in Request-URI");
        }
    }

    /** The method, case-sensitive (RFC 3261 §7.1). */
    public String method() {
        return method;
    }

    /** True when the method is {@code m} (exact, as RFC 3261 §7.1 requires). */
    public boolean isMethod(String m) {
        return method.equals(m);
    }

    /** The Request-URI as written. */
    public String requestUriText() {
        return line.text(uriStart, uriEnd);
    }

    /** The Request-URI, parsed on first use (RFC 3261 §19.1, RFC 3966, absoluteURI). */
    public Uri requestUri() throws SipParseException {
        Uri u = uriCache;
        if (u == null) {
            u = Uri.parse(requestUriText(), requestUriOffset(), "Bad Request-URI");
            uriCache = u;
        }
        return u;
    }

    /** Byte offset of the Request-URI in the parsed message, or -1 for a built request. */
    public int requestUriOffset() {
        return line.base >= 0 ? uriStart - line.base : -1;
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
        return true;
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

    /** A copy with another Request-URI (RFC 3261 §16.5, §16.12 retargeting and routing). */
    public SipRequest withRequestUri(String uri) {
        checkUriText(uri);
        StartLine l = StartLine.of(method + " " + uri + " SIP/2.0");
        int us = method.getBytes(StandardCharsets.UTF_8).length + 1;
        return new SipRequest(l, method, us, us + uri.getBytes(StandardCharsets.UTF_8).length, headers, body);
    }

    public SipRequest withRequestUri(Uri uri) {
        SipRequest r = withRequestUri(uri.toString());
        r.uriCache = uri;
        return r;
    }

    @Override
    public SipRequest withHeaders(Headers h) {
        SipRequest r = new SipRequest(line, method, uriStart, uriEnd, Objects.requireNonNull(h), body);
        r.uriCache = uriCache;
        return r;
    }

    @Override
    public SipRequest withHeader(String name, String value) {
        return withHeaders(headers.with(name, value));
    }

    @Override
    public SipRequest withoutHeader(String name) {
        return withHeaders(headers.without(name));
    }

    @Override
    public SipRequest withPrependedHeader(String name, String value) {
        return withHeaders(headers.prepend(name, value));
    }

    @Override
    public SipRequest withAppendedHeader(String name, String value) {
        return withHeaders(headers.append(name, value));
    }

    @Override
    public SipRequest withTopVia(Via via) {
        return withHeaders(headers.withTopValue(HeaderTable.VIA, "Via", via.toString()));
    }

    @Override
    public SipRequest withoutTopVia() {
        return withHeaders(headers.withTopValue(HeaderTable.VIA, "Via", null));
    }

    @Override
    public SipRequest withBody(String contentType, byte[] bytes) {
        Body b = Body.copyOf(bytes);
        Headers h = contentType == null ? headers.without("Content-Type") : headers.with("Content-Type", contentType);
        h = h.with("Content-Length", Integer.toString(b.len));
        return new SipRequest(line, method, uriStart, uriEnd, h, b);
    }

    /** As {@link #createResponse(int, String, Supplier)} with a random To tag. */
    public SipResponse createResponse(int status, String reason) {
        return createResponse(status, reason, SipRequest::newTag);
    }

    /**
     * RFC 3261 §8.2.6: a response with the Via fields, From, To, Call-ID and CSeq copied byte for
     * byte, a To tag from {@code toTag} added when the status is not 100 and the To has none,
     * Timestamp copied into a 100 (§8.2.6.1), Record-Route copied into a 101-299 response to a
     * dialog-creating request (§12.1.1), and {@code Content-Length: 0}.
     *
     * @param reason the reason phrase, or {@code null} for the standard one
     */
    public SipResponse createResponse(int status, String reason, Supplier<String> toTag) {
        if (status < 100 || status > 699) throw new IllegalArgumentException("status out of range: " + status);
        boolean dialogCreating = status > 100 && status < 300 && (method.equals("INVITE")
                || method.equals("SUBSCRIBE") || method.equals("REFER") || method.equals("NOTIFY"));
        List<HeaderField> out = new ArrayList<>(8);
        for (int i = 0; i < headers.size(); i++) {
            int k = headers.keyAt(i);
            if (k != HeaderTable.VIA && k != HeaderTable.FROM && k != HeaderTable.CALL_ID && k != HeaderTable.CSEQ
                    && k != HeaderTable.TO && k != HeaderTable.TIMESTAMP && k != HeaderTable.RECORD_ROUTE) {
                continue;
            }
            HeaderField f = headers.get(i);
            if (k == HeaderTable.VIA || k == HeaderTable.FROM || k == HeaderTable.CALL_ID || k == HeaderTable.CSEQ
                    || (status == 100 && k == HeaderTable.TIMESTAMP) || (dialogCreating && k == HeaderTable.RECORD_ROUTE)) {
                out.add(f);
            } else if (k == HeaderTable.TO) {
                out.add(status == 100 || hasTag(f) ? f : HeaderField.of(f.name(), f.value() + ";tag=" + toTag.get()));
            }
        }
        out.add(HeaderField.of("Content-Length", "0"));
        return SipResponse.of(status, reason == null ? SipStatus.reasonPhrase(status) : reason, Headers.of(out));
    }

    private static boolean hasTag(HeaderField to) {
        try {
            return NameAddr.parse(to.value(), -1, "Bad To", false).tag() != null;
        } catch (SipParseException e) {
            // a malformed To is copied unchanged; the sanity checks reject such requests first
            return true;
        }
    }

    /** A random tag (RFC 3261 §19.3: at least 32 bits of randomness), here 64 bits in hex. */
    public static String newTag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SipRequest r)) return false;
        return java.util.Arrays.equals(line.buf, line.start, line.end, r.line.buf, r.line.start, r.line.end)
                && headers.equals(r.headers) && body.contentEquals(r.body);
    }

    @Override
    public int hashCode() {
        return 31 * method.hashCode() + headers.hashCode();
    }

    /** The start line and headers, for logs; the body is summarised. */
    @Override
    public String toString() {
        return line + "\r\n" + headers + "\r\n[" + body.len + " body bytes]";
    }
}
