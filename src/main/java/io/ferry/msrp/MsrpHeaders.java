package io.ferry.msrp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The header fields of one MSRP message, in wire order, with typed views of the headers of
 * RFC 4975 §9 and RFC 4976 §8. Immutable: every {@code with*} returns a copy. Building an instance
 * validates the typed headers, so a message that exists is well formed: To-Path and From-Path are
 * present, URIs, Byte-Range, report values, Status and the expiry headers parse. Unknown headers are
 * kept verbatim, in place.
 */
public final class MsrpHeaders implements Iterable<MsrpHeader> {
    public static final String TO_PATH = "To-Path";
    public static final String FROM_PATH = "From-Path";
    public static final String MESSAGE_ID = "Message-ID";
    public static final String BYTE_RANGE = "Byte-Range";
    public static final String SUCCESS_REPORT = "Success-Report";
    public static final String FAILURE_REPORT = "Failure-Report";
    public static final String STATUS = "Status";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String USE_PATH = "Use-Path";
    public static final String EXPIRES = "Expires";
    public static final String MIN_EXPIRES = "Min-Expires";
    public static final String MAX_EXPIRES = "Max-Expires";
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    public static final String AUTHORIZATION = "Authorization";
    public static final String AUTHENTICATION_INFO = "Authentication-Info";

    private static final String[] SINGLETONS = {TO_PATH, FROM_PATH, MESSAGE_ID, BYTE_RANGE, SUCCESS_REPORT,
            FAILURE_REPORT, STATUS, CONTENT_TYPE, USE_PATH, EXPIRES, MIN_EXPIRES, MAX_EXPIRES};

    private final List<MsrpHeader> list;
    private final MsrpLimits limits;
    private final List<MsrpUri> toPath;
    private final List<MsrpUri> fromPath;
    private final List<MsrpUri> usePath;
    private final String messageId;
    private final ByteRange byteRange;
    private final SuccessReport successReport;
    private final FailureReport failureReport;
    private final MsrpStatus status;
    private final String contentType;
    private final long expires;
    private final long minExpires;
    private final long maxExpires;

    private MsrpHeaders(List<MsrpHeader> headers, long[] valueOffsets, MsrpLimits limits) {
        this.list = Collections.unmodifiableList(new ArrayList<>(headers));
        this.limits = limits;
        if (list.size() > limits.maxHeaderCount())
            throw new MsrpParseException(MsrpViolation.TOO_MANY_HEADERS, -1, list.size() + " > " + limits.maxHeaderCount());
        List<MsrpUri> to = null, from = null, use = List.of();
        String mid = null, ct = null;
        ByteRange br = null;
        SuccessReport sr = null;
        FailureReport fr = null;
        MsrpStatus st = null;
        long exp = -1, minExp = -1, maxExp = -1;
        boolean[] seen = new boolean[SINGLETONS.length];
        for (int i = 0; i < list.size(); i++) {
            MsrpHeader h = list.get(i);
            long base = valueOffsets == null ? -1 : valueOffsets[i];
            int slot = singletonSlot(h.name());
            if (slot >= 0) {
                if (seen[slot]) throw new MsrpParseException(MsrpViolation.HEADER_DUPLICATED, base, h.name());
                seen[slot] = true;
            } else {
                continue;
            }
            String v = h.value();
            long vb = base < 0 ? -1 : base + h.valueIndent();
            try {
                switch (SINGLETONS[slot]) {
                    case TO_PATH -> to = path(v, limits);
                    case FROM_PATH -> from = path(v, limits);
                    case USE_PATH -> use = path(v, limits);
                    case MESSAGE_ID -> mid = messageId(v);
                    case BYTE_RANGE -> br = ByteRange.parse(v);
                    case SUCCESS_REPORT -> sr = SuccessReport.parse(v);
                    case FAILURE_REPORT -> fr = FailureReport.parse(v);
                    case STATUS -> st = MsrpStatus.parse(v);
                    case CONTENT_TYPE -> ct = contentType(v);
                    case EXPIRES -> exp = seconds(v);
                    case MIN_EXPIRES -> minExp = seconds(v);
                    case MAX_EXPIRES -> maxExp = seconds(v);
                    default -> throw new IllegalStateException(h.name());
                }
            } catch (MsrpParseException e) {
                throw e.shifted(vb);
            }
        }
        if (to == null) throw new MsrpParseException(MsrpViolation.TO_PATH_MISSING, -1, null);
        if (from == null) throw new MsrpParseException(MsrpViolation.FROM_PATH_MISSING, -1, null);
        this.toPath = to;
        this.fromPath = from;
        this.usePath = use;
        this.messageId = mid;
        this.byteRange = br;
        this.successReport = sr;
        this.failureReport = fr;
        this.status = st;
        this.contentType = ct;
        this.expires = exp;
        this.minExpires = minExp;
        this.maxExpires = maxExp;
    }

    /** Validates and wraps headers with the default limits. */
    public static MsrpHeaders of(List<MsrpHeader> headers) {
        return new MsrpHeaders(headers, null, MsrpLimits.DEFAULTS);
    }

    /** Validates and wraps headers. */
    public static MsrpHeaders of(List<MsrpHeader> headers, MsrpLimits limits) {
        return new MsrpHeaders(headers, null, limits);
    }

    /** Parser entry: {@code valueOffsets[i]} is the stream offset of header i's raw value. */
    static MsrpHeaders parsed(List<MsrpHeader> headers, long[] valueOffsets, MsrpLimits limits) {
        return new MsrpHeaders(headers, valueOffsets, limits);
    }

    /** Minimal headers for a new message: To-Path then From-Path. */
    public static MsrpHeaders ofPaths(List<MsrpUri> toPath, List<MsrpUri> fromPath) {
        return of(List.of(MsrpHeader.of(TO_PATH, formatPath(toPath)), MsrpHeader.of(FROM_PATH, formatPath(fromPath))));
    }

    private static int singletonSlot(String name) {
        for (int i = 0; i < SINGLETONS.length; i++) if (SINGLETONS[i].equalsIgnoreCase(name)) return i;
        return -1;
    }

    /** RFC 4975 §9 To-Path / From-Path and RFC 4976 §8 Use-Path: MSRP-URI *( SP MSRP-URI ). */
    private static List<MsrpUri> path(String v, MsrpLimits limits) {
        List<MsrpUri> uris = new ArrayList<>(2);
        int i = 0;
        while (i < v.length()) {
            int end = i;
            while (end < v.length() && v.charAt(end) != ' ' && v.charAt(end) != '\t') end++;
            if (uris.size() == limits.maxPathUris())
                throw new MsrpParseException(MsrpViolation.TOO_MANY_PATH_URIS, i, "more than " + limits.maxPathUris());
            try {
                uris.add(MsrpUri.parse(v.substring(i, end), limits.maxUriBytes()));
            } catch (MsrpParseException e) {
                throw e.shifted(i);
            }
            i = end;
            while (i < v.length() && (v.charAt(i) == ' ' || v.charAt(i) == '\t')) i++;
        }
        if (uris.isEmpty()) throw new MsrpParseException(MsrpViolation.URI_INVALID, 0, "empty path");
        return List.copyOf(uris);
    }

    /** Message-ID: one non-empty token of visible characters (RFC 4975 §9 ident, leniently). */
    private static String messageId(String v) {
        if (v.isEmpty()) throw new MsrpParseException(MsrpViolation.MESSAGE_ID_INVALID, 0, "empty");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c >= 0x7F) throw new MsrpParseException(MsrpViolation.MESSAGE_ID_INVALID, i, v);
        }
        return v;
    }

    /** RFC 4975 §9 media-type = type "/" subtype *( ";" gen-param ). */
    private static String contentType(String v) {
        int slash = v.indexOf('/');
        int semi = v.indexOf(';');
        int typeEnd = semi < 0 ? v.length() : semi;
        if (slash <= 0 || slash >= typeEnd - 1 || !MsrpUri.isToken(v.substring(0, slash))
                || !MsrpUri.isToken(v.substring(slash + 1, typeEnd).strip()))
            throw new MsrpParseException(MsrpViolation.CONTENT_TYPE_INVALID, 0, v);
        return v;
    }

    /** RFC 4976 §8: 1*DIGIT seconds. */
    private static long seconds(String v) {
        if (v.isEmpty() || v.length() > 10) throw new MsrpParseException(MsrpViolation.EXPIRES_INVALID, 0, v);
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') throw new MsrpParseException(MsrpViolation.EXPIRES_INVALID, i, v);
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The text of a path header value: URIs separated by one SP. */
    public static String formatPath(List<MsrpUri> uris) {
        if (uris.isEmpty()) throw new IllegalArgumentException("a path needs at least one URI");
        StringBuilder b = new StringBuilder(64 * uris.size());
        for (MsrpUri u : uris) b.append(b.length() == 0 ? "" : " ").append(u.format());
        return b.toString();
    }

    /** All header fields in wire order. */
    public List<MsrpHeader> list() { return list; }

    @Override
    public Iterator<MsrpHeader> iterator() { return list.iterator(); }

    public int size() { return list.size(); }

    /** The trimmed value of the first header with this name (case-insensitive). */
    public Optional<String> first(String name) {
        for (MsrpHeader h : list) if (h.is(name)) return Optional.of(h.value());
        return Optional.empty();
    }

    /** Values of all headers with this name, in order. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(1);
        for (MsrpHeader h : list) if (h.is(name)) out.add(h.value());
        return out;
    }

    /** RFC 4975 §7.1: leftmost URI is the next hop. Never empty. */
    public List<MsrpUri> toPath() { return toPath; }

    /** RFC 4975 §7.1: the path back to the sender, leftmost first. Never empty. */
    public List<MsrpUri> fromPath() { return fromPath; }

    /** RFC 4976 §4.2 Use-Path of a successful AUTH response; empty when absent. */
    public List<MsrpUri> usePath() { return usePath; }

    public Optional<String> messageId() { return Optional.ofNullable(messageId); }

    public Optional<ByteRange> byteRange() { return Optional.ofNullable(byteRange); }

    /** The Success-Report header as sent, if any. */
    public Optional<SuccessReport> successReportHeader() { return Optional.ofNullable(successReport); }

    /** RFC 4975 §7.1.1: absent means "no". */
    public SuccessReport successReport() { return successReport == null ? SuccessReport.NO : successReport; }

    /** The Failure-Report header as sent, if any. */
    public Optional<FailureReport> failureReportHeader() { return Optional.ofNullable(failureReport); }

    /** RFC 4975 §7.1.1: absent means "yes". */
    public FailureReport failureReport() { return failureReport == null ? FailureReport.YES : failureReport; }

    public Optional<MsrpStatus> status() { return Optional.ofNullable(status); }

    public Optional<String> contentType() { return Optional.ofNullable(contentType); }

    /** RFC 4976 §4.6 Expires in seconds. */
    public OptionalLong expires() { return expires < 0 ? OptionalLong.empty() : OptionalLong.of(expires); }

    public OptionalLong minExpires() { return minExpires < 0 ? OptionalLong.empty() : OptionalLong.of(minExpires); }

    public OptionalLong maxExpires() { return maxExpires < 0 ? OptionalLong.empty() : OptionalLong.of(maxExpires); }

    /** RFC 4976 §4.3 challenge, verbatim (io.ferry.auth parses digest parameters). */
    public Optional<String> wwwAuthenticate() { return first(WWW_AUTHENTICATE); }

    /** RFC 4976 §4.4 credentials, verbatim. */
    public Optional<String> authorization() { return first(AUTHORIZATION); }

    /** RFC 4976 §4.5, verbatim. */
    public Optional<String> authenticationInfo() { return first(AUTHENTICATION_INFO); }

    /** The limits these headers were checked against; copies keep them. */
    public MsrpLimits limits() { return limits; }

    /**
     * Replaces the first header with this name in place (keeping its position), removing any
     * further ones, or appends it when absent.
     */
    public MsrpHeaders with(String name, String value) {
        List<MsrpHeader> out = new ArrayList<>(list.size() + 1);
        boolean replaced = false;
        for (MsrpHeader h : list) {
            if (h.is(name)) {
                if (!replaced) out.add(MsrpHeader.of(h.name(), value));
                replaced = true;
            } else {
                out.add(h);
            }
        }
        if (!replaced) out.add(MsrpHeader.of(name, value));
        return new MsrpHeaders(out, null, limits);
    }

    /** Appends a header after the existing ones. */
    public MsrpHeaders plus(String name, String value) {
        List<MsrpHeader> out = new ArrayList<>(list);
        out.add(MsrpHeader.of(name, value));
        return new MsrpHeaders(out, null, limits);
    }

    /** Removes every header with this name. */
    public MsrpHeaders without(String name) {
        List<MsrpHeader> out = new ArrayList<>(list.size());
        for (MsrpHeader h : list) if (!h.is(name)) out.add(h);
        return new MsrpHeaders(out, null, limits);
    }

    public MsrpHeaders withToPath(List<MsrpUri> uris) { return with(TO_PATH, formatPath(uris)); }

    public MsrpHeaders withFromPath(List<MsrpUri> uris) { return with(FROM_PATH, formatPath(uris)); }

    public MsrpHeaders withByteRange(ByteRange range) { return with(BYTE_RANGE, range.format()); }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpHeaders h && list.equals(h.list);
    }

    @Override
    public int hashCode() { return list.hashCode(); }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (MsrpHeader h : list) b.append(h.name()).append(':').append(h.rawValue()).append("\r\n");
        return b.toString();
    }
}
