package io.ferry.msrp;

/**
 * RFC 4975 §9 Status header of a REPORT: {@code namespace SP status-code [SP comment]}, e.g.
 * {@code 000 200 OK}. Namespace {@code 000} means the code reads like a transaction response code.
 *
 * @param comment the comment, or null when absent
 */
public record MsrpStatus(int namespace, int code, String comment) {
    /** Namespace 000: status codes of RFC 4975 §10. */
    public static final int MSRP_NAMESPACE = 0;

    public MsrpStatus {
        if (namespace < 0 || namespace > 999 || code < 0 || code > 999)
            throw new MsrpParseException(MsrpViolation.STATUS_HEADER_INVALID, -1, namespace + " " + code);
    }

    /** A namespace-000 status, as RFC 4975 §7.1.3 requires for success and failure reports. */
    public static MsrpStatus of(int code, String comment) {
        return new MsrpStatus(MSRP_NAMESPACE, code, comment);
    }

    /** Parses a Status header value; offsets in the exception are relative to the value. */
    public static MsrpStatus parse(String v) {
        if (v.length() < 7 || v.charAt(3) != ' ' || (v.length() > 7 && v.charAt(7) != ' '))
            throw new MsrpParseException(MsrpViolation.STATUS_HEADER_INVALID, 0, v);
        int ns = digits3(v, 0);
        int code = digits3(v, 4);
        return new MsrpStatus(ns, code, v.length() > 7 ? v.substring(8) : null);
    }

    private static int digits3(String v, int at) {
        int n = 0;
        for (int i = at; i < at + 3; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') throw new MsrpParseException(MsrpViolation.STATUS_HEADER_INVALID, i, v);
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** The header value on the wire. */
    public String format() {
        return String.format("%03d %03d", namespace, code) + (comment == null ? "" : " " + comment);
    }

    @Override
    public String toString() { return format(); }
}
