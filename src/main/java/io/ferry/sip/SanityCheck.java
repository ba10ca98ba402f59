package io.ferry.sip;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The checks a request passes before Ferry routes it, one public method per RFC rule, named after
 * its section. Each returns the exact response to send (built with
 * {@link SipRequest#createResponse(int, String)}), or empty when the rule holds:
 * <ul>
 *   <li>a reason phrase that names the fault ({@code 400 Missing Call-ID}, {@code 400 Bad Via});</li>
 *   <li>a {@code Warning: 399 <host> "<detail>"} header (RFC 3261 §20.43) with the detail;</li>
 *   <li>{@code Unsupported} on a 420 (RFC 3261 §20.40).</li>
 * </ul>
 * {@link #check(SipRequest, Role)} runs them in the order RFC 3261 §16.3 (proxy) and §8.2
 * (user agent server) give. Merged requests and loops (482) need state only the runtime has:
 * it asks with {@link #rfc3261_8_2_2_2_mergedRequest} and {@link #rfc3261_16_3_4_loopDetected}.
 * Responses are never answered: {@link #check(SipResponse, Role)} says why one should be dropped.
 *
 * <p>What {@link SipParser} already refuses never reaches these checks: another SIP version (505),
 * broken framing or Content-Length (400), limits (513, 414). {@link SipParseException#status()}
 * and {@link SipParseException#reason()} give that answer.
 *
 * <p>Each rule reads only the fields it needs. A field that does not parse counts as absent in every
 * rule but {@link #rfc3261_16_3_1_reasonableSyntax}, which answers it; {@code check} runs that
 * rule first, so a caller that runs single rules should run it too.
 *
 * <p>An ACK is never answered either (RFC 3261 §17): when a check fails for an ACK, the caller
 * drops it instead of sending the response.
 *
 * <p>Immutable and thread-safe.
 */
public final class SanityCheck {

    /** The role Ferry plays for the message: it changes which header carries extensions and who answers 483. */
    public enum Role {
        /** Forwarding the request (RFC 3261 §16): Proxy-Require, Max-Forwards 0 answers 483. */
        PROXY,
        /** Answering the request itself, e.g. as registrar (RFC 3261 §8.2): Require. */
        USER_AGENT
    }

    /**
     * The values RFC 3261 §8.2.2.2 compares to detect a merged request.
     *
     * @param fromTag   the From tag, or {@code null} when there is none
     * @param callId    the Call-ID
     * @param cseq      the CSeq sequence number
     * @param method    the CSeq method
     */
    public record MergeKey(String fromTag, String callId, long cseq, String method) {
    }

    /**
     * Each fault SanityCheck answers, with its status and reason phrase, mapped once. A field that
     * does not parse ({@link #rfc3261_16_3_1_reasonableSyntax}) is answered with the status and
     * reason of its {@link SipParseException} instead ({@code 400 Bad Via}).
     */
    public enum Fault {
        /** RFC 3261 §8.1.1; the reason lists the missing fields: {@code Missing Call-ID}. */
        MISSING_HEADER(400, "Missing"),
        /** RFC 3261 §7.3.1; the reason lists the repeated fields: {@code Multiple To}. */
        MULTIPLE_VALUES(400, "Multiple"),
        /** RFC 3261 §8.1.1.5. */
        CSEQ_METHOD_MISMATCH(400, "CSeq Method Mismatch"),
        /** RFC 3261 §8.1.1.7. */
        MISSING_TRANSACTION_ID(400, "Missing Transaction ID"),
        /** RFC 3261 §18.3. */
        CONTENT_LENGTH_MISMATCH(400, "Content-Length Mismatch"),
        /** RFC 3261 §21.5.13. */
        MESSAGE_TOO_LARGE(513, "Message Too Large"),
        /** RFC 3261 §8.2.2.1, §16.3 step 2. */
        UNSUPPORTED_URI_SCHEME(416, "Unsupported URI Scheme"),
        /** RFC 3261 §19.1.1. */
        HEADERS_IN_REQUEST_URI(400, "Headers In Request-URI"),
        /** RFC 3261 §16.3 step 3. */
        TOO_MANY_HOPS(483, "Too Many Hops"),
        /** RFC 3261 §8.2.2.3, §16.3 step 5; the response carries Unsupported. */
        BAD_EXTENSION(420, "Bad Extension"),
        /** RFC 3261 §10.3, RFC 4475 §3.3.4. */
        ADDRESS_OF_RECORD_NOT_SIP(400, "Address-of-Record Is Not a SIP URI"),
        /** RFC 3261 §8.2.2.2. */
        MERGED_REQUEST(482, "Merged Request"),
        /** RFC 3261 §16.3 step 4. */
        LOOP_DETECTED(482, "Loop Detected");

        private final int status;
        private final String reason;

        Fault(int status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        public int status() {
            return status;
        }

        /** The reason phrase (for {@link #MISSING_HEADER} and {@link #MULTIPLE_VALUES}, its first word). */
        public String reason() {
            return reason;
        }
    }

    /** The URI schemes Ferry routes when none are configured. */
    public static final Set<String> DEFAULT_SCHEMES = Set.of("sip", "sips");

    /** RFC 3261 §8.1.1: the header fields every request carries, in the order the RFC lists them. */
    private static final List<String> MANDATORY = List.of("To", "From", "CSeq", "Call-ID", "Max-Forwards", "Via");

    /** RFC 3261 §7.3.1: header fields that may appear at most once (their grammar is not a list). */
    private static final List<String> SINGLE_VALUED = List.of("To", "From", "CSeq", "Call-ID", "Max-Forwards",
            "Content-Length");

    /** RFC 3261 §8.1.1.7: the magic cookie every RFC 3261 branch starts with. */
    private static final String MAGIC_COOKIE = "z9hG4bK";

    private static final SipSerializer SERIALIZER = new SipSerializer();

    private static final String LIMITED_BROADCAST = "255.255.255.255";

    private final String host;
    private final Set<String> supportedOptionTags;
    private final Set<String> supportedSchemes;
    private final int maxMessageBytes;

    /**
     * @param host                the host name Ferry puts in {@code Warning} headers (a token, e.g. {@code edge1.example.com})
     * @param supportedOptionTags option tags Ferry supports, compared case-insensitively (RFC 3261 §19.2)
     * @param supportedSchemes    Request-URI schemes Ferry routes, e.g. {@code sip}, {@code sips}
     * @param maxMessageBytes     the largest request Ferry forwards; larger ones get 513
     */
    public SanityCheck(String host, Set<String> supportedOptionTags, Set<String> supportedSchemes, int maxMessageBytes) {
        if (host == null || host.isEmpty() || !isWarnAgent(host)) {
            throw new IllegalArgumentException("host must be a host name or address for Warning: " + host);
        }
        if (maxMessageBytes < 1) throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        this.host = host;
        this.supportedOptionTags = lowerCase(supportedOptionTags);
        this.supportedSchemes = lowerCase(supportedSchemes);
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Schemes {@code sip} and {@code sips}, and {@link SipLimits#DEFAULT_MAX_MESSAGE_BYTES}. */
    public SanityCheck(String host, Set<String> supportedOptionTags) {
        this(host, supportedOptionTags, DEFAULT_SCHEMES, SipLimits.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * All request checks, in order, for the given role: the first response found, or empty when the
     * request may be processed. Merged requests and loops are asked separately.
     */
    public Optional<SipResponse> check(SipRequest request, Role role) {
        Optional<SipResponse> r = rfc3261_8_1_1_mandatoryHeaders(request);
        if (r.isEmpty()) r = rfc3261_7_3_1_singleValuedHeaders(request);
        if (r.isEmpty()) r = rfc3261_16_3_1_reasonableSyntax(request);
        if (r.isEmpty()) r = rfc3261_8_1_1_5_cseqMethod(request);
        if (r.isEmpty()) r = rfc3261_8_1_1_7_transactionId(request);
        if (r.isEmpty()) r = rfc3261_18_3_contentLength(request);
        if (r.isEmpty()) r = rfc3261_21_5_13_messageTooLarge(request);
        if (r.isEmpty()) r = rfc3261_8_2_2_1_requestUriScheme(request);
        if (r.isEmpty()) r = rfc3261_19_1_1_requestUriHeaders(request);
        if (r.isPresent()) return r;
        return switch (role) {
            case PROXY -> {
                Optional<SipResponse> p = rfc3261_16_3_3_maxForwards(request);
                yield p.isPresent() ? p : rfc3261_16_3_5_proxyRequire(request);
            }
            case USER_AGENT -> {
                Optional<SipResponse> u = rfc3261_10_3_addressOfRecord(request);
                yield u.isPresent() ? u : rfc3261_8_2_2_3_require(request);
            }
        };
    }

    /** RFC 3261 §8.1.1: To, From, CSeq, Call-ID, Max-Forwards and Via are present; else 400 naming the missing ones. */
    public Optional<SipResponse> rfc3261_8_1_1_mandatoryHeaders(SipRequest request) {
        List<String> missing = new ArrayList<>(2);
        for (String name : MANDATORY) {
            if (!request.headers().contains(name)) missing.add(name);
        }
        if (missing.isEmpty()) return Optional.empty();
        String list = String.join(", ", missing);
        return reject(request, Fault.MISSING_HEADER, list, "RFC 3261 8.1.1: request lacks " + list);
    }

    /** RFC 3261 §7.3.1: a header whose grammar is not a list appears once; else 400 naming it. */
    public Optional<SipResponse> rfc3261_7_3_1_singleValuedHeaders(SipRequest request) {
        List<String> repeated = new ArrayList<>(2);
        for (String name : SINGLE_VALUED) {
            if (request.headers().count(name) > 1) repeated.add(name);
        }
        if (repeated.isEmpty()) return Optional.empty();
        String list = String.join(", ", repeated);
        return reject(request, Fault.MULTIPLE_VALUES, list, "RFC 3261 7.3.1: more than one " + list + " header field");
    }

    /**
     * RFC 3261 §16.3 step 1 (and §8.2 for a user agent): the fields Ferry reads parse. Those are the
     * Request-URI, Via, From, To, CSeq, Max-Forwards, Content-Length, Contact, Route, Record-Route,
     * Supported, Require and Proxy-Require; a malformed field Ferry never reads (Date, unknown
     * extensions) is passed on untouched. Else 400 with the parser's reason ({@code Bad Via}...).
     */
    public Optional<SipResponse> rfc3261_16_3_1_reasonableSyntax(SipRequest request) {
        try {
            request.requestUri();
            request.vias();
            request.from();
            request.to();
            request.cseq();
            request.maxForwards();
            request.contentLength();
            request.contacts();
            request.routes();
            request.recordRoutes();
            request.supported();
            request.require();
            request.proxyRequire();
            return Optional.empty();
        } catch (SipParseException e) {
            return reject(request, e.status(), e.reason(), e.rule() + (e.offset() >= 0 ? " at offset " + e.offset() : ""));
        }
    }

    /** RFC 3261 §8.1.1.5: the CSeq method matches the request method (case-sensitive); else 400. */
    public Optional<SipResponse> rfc3261_8_1_1_5_cseqMethod(SipRequest request) {
        Optional<CSeq> cseq = parsed(request::cseq);
        if (cseq.isEmpty() || cseq.get().method().equals(request.method())) return Optional.empty();
        return reject(request, Fault.CSEQ_METHOD_MISMATCH,
                "RFC 3261 8.1.1.5: CSeq method " + cseq.get().method() + " in a " + request.method() + " request");
    }

    /**
     * RFC 3261 §8.1.1.7: a branch that starts with the magic cookie {@code z9hG4bK} carries a
     * transaction identifier after it; the bare cookie cannot be unique, so it gets 400 (RFC 4475
     * §3.2.1: rejected statelessly, no fallback to RFC 2543 matching).
     */
    public Optional<SipResponse> rfc3261_8_1_1_7_transactionId(SipRequest request) {
        Optional<Via> top = parsed(request::topVia);
        if (top.isEmpty() || !MAGIC_COOKIE.equals(top.get().branch())) return Optional.empty();
        return reject(request, Fault.MISSING_TRANSACTION_ID,
                "RFC 3261 8.1.1.7: branch is the magic cookie alone");
    }

    /**
     * RFC 3261 §18.3: on a datagram the body is exactly Content-Length bytes long; a shorter body
     * gets 400. (A message built without Content-Length has none to compare.)
     */
    public Optional<SipResponse> rfc3261_18_3_contentLength(SipRequest request) {
        Optional<ContentLength> cl = parsed(request::contentLength);
        if (cl.isEmpty() || cl.get().length() == request.bodyLength()) return Optional.empty();
        return reject(request, Fault.CONTENT_LENGTH_MISMATCH, "RFC 3261 18.3: Content-Length "
                + cl.get().length() + " but the body has " + request.bodyLength() + " bytes");
    }

    /** RFC 3261 §21.5.13: a request larger than Ferry handles gets 513. */
    public Optional<SipResponse> rfc3261_21_5_13_messageTooLarge(SipRequest request) {
        long size = SERIALIZER.size(request);
        if (size <= maxMessageBytes) return Optional.empty();
        return reject(request, Fault.MESSAGE_TOO_LARGE,
                "RFC 3261 21.5.13: " + size + " bytes, more than " + maxMessageBytes);
    }

    /** RFC 3261 §8.2.2.1 and §16.3 step 2: a Request-URI scheme Ferry does not route gets 416. */
    public Optional<SipResponse> rfc3261_8_2_2_1_requestUriScheme(SipRequest request) {
        Optional<Uri> uri = parsed(() -> Optional.of(request.requestUri()));
        if (uri.isEmpty() || supportedSchemes.contains(uri.get().scheme().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return reject(request, Fault.UNSUPPORTED_URI_SCHEME,
                "RFC 3261 8.2.2.1: scheme " + uri.get().scheme() + " is not supported");
    }

    /** RFC 3261 §19.1.1 (table 1): a SIP Request-URI carries no headers; else 400. */
    public Optional<SipResponse> rfc3261_19_1_1_requestUriHeaders(SipRequest request) {
        Optional<Uri> uri = parsed(() -> Optional.of(request.requestUri()));
        if (uri.isEmpty() || !(uri.get() instanceof SipUri sip) || sip.headers().isEmpty()) return Optional.empty();
        return reject(request, Fault.HEADERS_IN_REQUEST_URI, "RFC 3261 19.1.1: headers are not allowed in a Request-URI");
    }

    /**
     * RFC 3261 §16.3 step 3: a proxy does not forward a request whose Max-Forwards is 0, and
     * answers 483. (A missing or malformed Max-Forwards was answered 400 before.)
     */
    public Optional<SipResponse> rfc3261_16_3_3_maxForwards(SipRequest request) {
        Optional<MaxForwards> mf = parsed(request::maxForwards);
        if (mf.isEmpty() || mf.get().hops() > 0) return Optional.empty();
        return reject(request, Fault.TOO_MANY_HOPS, "RFC 3261 16.3: Max-Forwards is 0");
    }

    /** RFC 3261 §16.3 step 5: a proxy answers 420 listing the Proxy-Require tags it does not support. */
    public Optional<SipResponse> rfc3261_16_3_5_proxyRequire(SipRequest request) {
        return unsupported(request, parsed(() -> Optional.of(request.proxyRequire())), "Proxy-Require", "16.3");
    }

    /** RFC 3261 §8.2.2.3: a user agent answers 420 listing the Require tags it does not support. */
    public Optional<SipResponse> rfc3261_8_2_2_3_require(SipRequest request) {
        // RFC 3261 §8.2.2.3: Require is not checked on CANCEL, nor on ACK, which is never answered
        if (request.isMethod("CANCEL") || request.isMethod("ACK")) return Optional.empty();
        return unsupported(request, parsed(() -> Optional.of(request.require())), "Require", "8.2.2.3");
    }

    /**
     * RFC 3261 §10.3 (with RFC 4475 §3.3.4): a registrar takes the address-of-record from To, which
     * must be a SIP or SIPS URI; else 400. Applies to REGISTER only.
     */
    public Optional<SipResponse> rfc3261_10_3_addressOfRecord(SipRequest request) {
        if (!request.isMethod("REGISTER")) return Optional.empty();
        Optional<NameAddr> to = parsed(request::to);
        if (to.isEmpty() || to.get().uri() instanceof SipUri) return Optional.empty();
        return reject(request, Fault.ADDRESS_OF_RECORD_NOT_SIP,
                "RFC 3261 10.3: To has scheme " + to.get().uri().scheme());
    }

    /**
     * RFC 3261 §8.2.2.2: a request without a To tag whose From tag, Call-ID and CSeq match an
     * ongoing server transaction, but which does not belong to that transaction (§17.2.3: other
     * branch or sent-by), was merged on its way; a user agent answers 482.
     *
     * @param ongoing the top Via of the ongoing server transaction with that key, if any (supplied by the runtime)
     */
    public Optional<SipResponse> rfc3261_8_2_2_2_mergedRequest(SipRequest request, Function<MergeKey, Optional<Via>> ongoing) {
        Optional<NameAddr> to = parsed(request::to);
        if (to.isEmpty() || to.get().tag() != null) return Optional.empty();
        Optional<MergeKey> key = mergeKey(request);
        Optional<Via> top = parsed(request::topVia);
        if (key.isEmpty() || top.isEmpty()) return Optional.empty();
        Optional<Via> other = ongoing.apply(key.get());
        if (other.isEmpty() || sameTransaction(top.get(), other.get())) return Optional.empty();
        return reject(request, Fault.MERGED_REQUEST,
                "RFC 3261 8.2.2.2: same From tag, Call-ID and CSeq as an ongoing transaction");
    }

    /**
     * RFC 3261 §16.3 step 4: a request carrying a Via this proxy placed for this same request
     * (same sent-by, and a branch whose loop-detection part matches) is looping; answer 482.
     *
     * @param placedForThisRequest true for a Via value this proxy inserted when it forwarded this request before
     */
    public Optional<SipResponse> rfc3261_16_3_4_loopDetected(SipRequest request, Predicate<Via> placedForThisRequest) {
        Optional<List<Via>> vias = parsed(() -> Optional.of(request.vias()));
        if (vias.isEmpty() || vias.get().stream().noneMatch(placedForThisRequest)) return Optional.empty();
        return reject(request, Fault.LOOP_DETECTED, "RFC 3261 16.3: the request has passed through this proxy before");
    }

    /** The RFC 3261 §8.2.2.2 key of a request, when it has Call-ID and a parsable CSeq and From. */
    public static Optional<MergeKey> mergeKey(SipRequest request) {
        try {
            Optional<String> callId = request.callId();
            Optional<CSeq> cseq = request.cseq();
            Optional<NameAddr> from = request.from();
            if (callId.isEmpty() || cseq.isEmpty() || from.isEmpty()) return Optional.empty();
            return Optional.of(new MergeKey(from.get().tag(), callId.get(), cseq.get().number(), cseq.get().method()));
        } catch (SipParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Why a received response must be dropped, or empty when it may be processed. Responses are
     * never answered (RFC 3261 §8.1.3.3, §16.7, §18.1.2).
     * <ul>
     *   <li>Via, CSeq, From, To and Call-ID are present and parse (§8.1.1, §18.1.2); RFC 4475 §3.1.2.5;</li>
     *   <li>a user agent (as client) drops a response with more than one Via value (§8.1.3.3);</li>
     *   <li>a proxy drops a response whose next Via points at the broadcast address (§18.2.2, RFC 4475 §3.3.10).</li>
     * </ul>
     */
    public Optional<String> check(SipResponse response, Role role) {
        Optional<String> r = rfc3261_18_1_2_responseHeaders(response);
        if (r.isPresent()) return r;
        return switch (role) {
            case PROXY -> rfc3261_18_2_2_broadcastNextHop(response);
            case USER_AGENT -> rfc3261_8_1_3_3_singleVia(response);
        };
    }

    /** RFC 3261 §8.1.1 and §18.1.2: a response carries parsable Via, CSeq, From, To and Call-ID; else the reason to drop it. */
    public Optional<String> rfc3261_18_1_2_responseHeaders(SipResponse response) {
        for (String name : List.of("Via", "CSeq", "From", "To", "Call-ID")) {
            if (!response.headers().contains(name)) return Optional.of("Missing " + name);
        }
        try {
            response.vias();
            response.cseq();
            response.from();
            response.to();
            return Optional.empty();
        } catch (SipParseException e) {
            return Optional.of(e.reason());
        }
    }

    /** RFC 3261 §8.1.3.3: a UAC discards a response with more than one Via value. */
    public Optional<String> rfc3261_8_1_3_3_singleVia(SipResponse response) {
        Optional<List<Via>> vias = parsed(() -> Optional.of(response.vias()));
        if (vias.isEmpty() || vias.get().size() <= 1) return Optional.empty();
        return Optional.of("More Than One Via");
    }

    /**
     * RFC 3261 §18.2.2 with RFC 4475 §3.3.10: a proxy sends a response to the Via below its own;
     * when that hop (maddr, received or sent-by host) is the broadcast address, it drops the response.
     */
    public Optional<String> rfc3261_18_2_2_broadcastNextHop(SipResponse response) {
        Optional<List<Via>> vias = parsed(() -> Optional.of(response.vias()));
        if (vias.isEmpty() || vias.get().size() < 2) return Optional.empty();
        Via next = vias.get().get(1);
        for (String h : new String[] {next.maddr(), next.received(), next.host()}) {
            if (LIMITED_BROADCAST.equals(h)) return Optional.of("Broadcast Via");
        }
        return Optional.empty();
    }

    private Optional<SipResponse> unsupported(SipRequest request, Optional<OptionTags> tags, String header, String section) {
        if (tags.isEmpty()) return Optional.empty();
        Set<String> unknown = new LinkedHashSet<>();
        for (String tag : tags.get().tags()) {
            if (!supportedOptionTags.contains(tag.toLowerCase(Locale.ROOT))) unknown.add(tag);
        }
        if (unknown.isEmpty()) return Optional.empty();
        String list = String.join(", ", unknown);
        return Optional.of(response(request, Fault.BAD_EXTENSION.status(), Fault.BAD_EXTENSION.reason(),
                "RFC 3261 " + section + ": " + header + " lists unsupported " + list)
                .withAppendedHeader("Unsupported", list));
    }

    private Optional<SipResponse> reject(SipRequest request, Fault fault, String detail) {
        return Optional.of(response(request, fault.status(), fault.reason(), detail));
    }

    /** For {@link Fault#MISSING_HEADER} and {@link Fault#MULTIPLE_VALUES}: the reason names the fields. */
    private Optional<SipResponse> reject(SipRequest request, Fault fault, String fields, String detail) {
        return Optional.of(response(request, fault.status(), fault.reason() + " " + fields, detail));
    }

    private Optional<SipResponse> reject(SipRequest request, int status, String reason, String detail) {
        return Optional.of(response(request, status, reason, detail));
    }

    /** {@code createResponse} plus {@code Warning: 399 host "detail"} (RFC 3261 §20.43). */
    private SipResponse response(SipRequest request, int status, String reason, String detail) {
        return request.createResponse(status, reason).withAppendedHeader("Warning", "399 " + host + " " + quoted(detail));
    }

    private static boolean sameTransaction(Via a, Via b) {
        // RFC 3261 §17.2.3: same branch and sent-by
        return a.branch() != null && a.branch().equals(b.branch())
                && a.sentBy().equalsIgnoreCase(b.sentBy());
    }

    /** A quoted-string (RFC 3261 §25.1) with quotes and backslashes escaped and control characters dropped. */
    static String quoted(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c >= 0x20 && c != 0x7f) sb.append(c);
        }
        return sb.append('"').toString();
    }

    private static boolean isWarnAgent(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && ".-:[]_".indexOf(c) < 0) return false;
        }
        return true;
    }

    private static Set<String> lowerCase(Set<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) out.add(v.toLowerCase(Locale.ROOT));
        return Set.copyOf(out);
    }

    /** A lazily parsed view; a parse failure reads as absent, since the syntax check answers it. */
    private interface View<T> {
        Optional<T> get() throws SipParseException;
    }

    private static <T> Optional<T> parsed(View<T> view) {
        try {
            return view.get();
        } catch (SipParseException e) {
            return Optional.empty();
        }
    }
}
