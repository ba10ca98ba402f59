package io.ferry.sip;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable SIP message (RFC 3261 §7): a request or a response, its header fields with their
 * raw bytes, and a body. Changes return copies; untouched headers keep their bytes.
 *
 * <p>The header accessors decode lazily. Those that interpret a value throw
 * {@link SipParseException} when it is malformed, with the offset in the message when known; a
 * missing header is an empty {@code Optional} (or an empty list).
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    /** The header fields, in order. */
    Headers headers();

    /** The body as a read-only buffer (position 0, limit = length). */
    ByteBuffer body();

    /** A copy of the body. */
    byte[] bodyBytes();

    int bodyLength();

    /** {@code SIP/2.0}: the only version Ferry parses or builds (others answer 505). */
    default String version() {
        return "SIP/2.0";
    }

    boolean isRequest();

    /** A copy with every field named {@code name} replaced by one {@code name: value} field. */
    SipMessage withHeader(String name, String value);

    /** A copy without any field named {@code name}. */
    SipMessage withoutHeader(String name);

    /** A copy with {@code name: value} inserted above the first field of that name (or first). */
    SipMessage withPrependedHeader(String name, String value);

    /** A copy with {@code name: value} appended after all fields. */
    SipMessage withAppendedHeader(String name, String value);

    /** A copy with other headers and the same start line and body. */
    SipMessage withHeaders(Headers headers);

    /** A copy whose topmost Via value is {@code via}, or with {@code via} added when there was none. */
    SipMessage withTopVia(Via via);

    /** A copy without the topmost Via value (other values of the same field are kept). */
    SipMessage withoutTopVia();

    /**
     * A copy with a new body: Content-Type is set to {@code contentType} (removed when it is
     * {@code null}) and Content-Length to the body length. The bytes are copied.
     */
    SipMessage withBody(String contentType, byte[] body);

    /** Call-ID (RFC 3261 §20.8), as written. */
    default Optional<String> callId() {
        Headers h = headers();
        int i = h.indexOf(HeaderTable.CALL_ID);
        return i < 0 ? Optional.empty() : Optional.of(h.valueAt(i));
    }

    /** CSeq (RFC 3261 §20.16). */
    default Optional<CSeq> cseq() throws SipParseException {
        Headers h = headers();
        int i = h.indexOf(HeaderTable.CSEQ);
        return i < 0 ? Optional.empty() : Optional.of(CSeq.parse(h.valueAt(i), h.offsetAt(i)));
    }

    /** The first Via value (RFC 3261 §20.42). */
    default Optional<Via> topVia() throws SipParseException {
        Headers h = headers();
        int i = h.indexOf(HeaderTable.VIA);
        if (i < 0) return Optional.empty();
        String v = h.valueAt(i);
        return Optional.of(Via.parse(v, 0, ValueSplitter.elementEnd(v, 0), h.offsetAt(i)));
    }

    /** All Via values, top first. */
    default List<Via> vias() throws SipParseException {
        Headers h = headers();
        List<Via> out = new ArrayList<>(4);
        for (int i = h.indexOf(HeaderTable.VIA); i >= 0; i = h.indexOf(HeaderTable.VIA, null, i + 1)) {
            String v = h.valueAt(i);
            int base = h.offsetAt(i);
            int from = 0;
            while (from < v.length()) {
                int e = ValueSplitter.elementEnd(v, from);
                if (!isBlank(v, from, e)) out.add(Via.parse(v, from, e, base));
                from = e + 1;
            }
        }
        return out;
    }

    /** From (RFC 3261 §20.20). */
    default Optional<NameAddr> from() throws SipParseException {
        return single(HeaderTable.FROM, "Bad From");
    }

    /** To (RFC 3261 §20.39). */
    default Optional<NameAddr> to() throws SipParseException {
        return single(HeaderTable.TO, "Bad To");
    }

    private Optional<NameAddr> single(int key, String reason) throws SipParseException {
        Headers h = headers();
        int i = h.indexOf(key);
        return i < 0 ? Optional.empty() : Optional.of(NameAddr.parse(h.valueAt(i), h.offsetAt(i), reason, false));
    }

    /** Max-Forwards (RFC 3261 §20.22). */
    default Optional<MaxForwards> maxForwards() throws SipParseException {
        Headers h = headers();
        int i = h.indexOf(HeaderTable.MAX_FORWARDS);
        return i < 0 ? Optional.empty() : Optional.of(MaxForwards.parse(h.valueAt(i), h.offsetAt(i)));
    }

    /** Content-Length (RFC 3261 §20.14) as written; the parser has already checked it. */
    default Optional<ContentLength> contentLength() throws SipParseException {
        Headers h = headers();
        int i = h.indexOf(HeaderTable.CONTENT_LENGTH);
        return i < 0 ? Optional.empty() : Optional.of(ContentLength.parse(h.valueAt(i), h.offsetAt(i)));
    }

    /** Content-Type (RFC 3261 §20.15). */
    default Optional<ContentType> contentType() throws SipParseException {
        Headers h = headers();
        int i = h.indexOf(HeaderTable.CONTENT_TYPE);
        return i < 0 ? Optional.empty() : Optional.of(ContentType.parse(h.valueAt(i), h.offsetAt(i)));
    }

    /** Expires (RFC 3261 §20.19). */
    default Optional<Expires> expires() throws SipParseException {
        HeaderField f = headers().firstOrNull("Expires");
        return f == null ? Optional.empty() : Optional.of(Expires.parse(f.value(), f.offset()));
    }

    /** All Contact values (RFC 3261 §20.10); {@link NameAddr#WILDCARD} for {@code *}. */
    default List<NameAddr> contacts() throws SipParseException {
        return addresses("Contact", true);
    }

    /** All Route values (RFC 3261 §20.34), top first. */
    default List<NameAddr> routes() throws SipParseException {
        return addresses("Route", false);
    }

    /** All Record-Route values (RFC 3261 §20.30), top first. */
    default List<NameAddr> recordRoutes() throws SipParseException {
        return addresses("Record-Route", false);
    }

    /** All Path values (RFC 3327). */
    default List<NameAddr> paths() throws SipParseException {
        return addresses("Path", false);
    }

    /** The name-addr values of every field named {@code name}, comma-separated ones split. */
    default List<NameAddr> addresses(String name, boolean wildcardAllowed) throws SipParseException {
        Headers h = headers();
        int key = HeaderTable.lookup(name);
        String reason = "Bad " + (key >= 0 ? HeaderTable.canonicalName(key) : name);
        List<NameAddr> out = new ArrayList<>(2);
        for (int i = h.indexOf(key, name, 0); i >= 0; i = h.indexOf(key, name, i + 1)) {
            String v = h.valueAt(i);
            int base = h.offsetAt(i);
            int from = 0;
            while (from < v.length()) {
                int e = ValueSplitter.elementEnd(v, from);
                if (!isBlank(v, from, e)) out.add(NameAddr.parse(v, from, e, base, reason, wildcardAllowed));
                from = e + 1;
            }
        }
        return out;
    }

    private static boolean isBlank(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
        }
        return true;
    }

    /** Supported (RFC 3261 §20.37). */
    default OptionTags supported() throws SipParseException {
        return OptionTags.parse(headers().all("Supported"), "Bad Supported", "RFC 3261 §20.37 Supported");
    }

    /** Require (RFC 3261 §20.32). */
    default OptionTags require() throws SipParseException {
        return OptionTags.parse(headers().all("Require"), "Bad Require", "RFC 3261 §20.32 Require");
    }

    /** Proxy-Require (RFC 3261 §20.29). */
    default OptionTags proxyRequire() throws SipParseException {
        return OptionTags.parse(headers().all("Proxy-Require"), "Bad Proxy-Require", "RFC 3261 §20.29 Proxy-Require");
    }

    /**
     * The challenges or credentials of every field named {@code name}: WWW-Authenticate,
     * Proxy-Authenticate, Authorization or Proxy-Authorization (one per field, never comma-split).
     */
    default List<AuthHeader> authHeaders(String name) throws SipParseException {
        List<AuthHeader> out = new ArrayList<>(1);
        for (HeaderField f : headers().all(name)) out.add(AuthHeader.parse(f.value(), f.offset(), "Bad " + f.canonicalName()));
        return out;
    }

}
