package io.ferry.msrp;

/** RFC 4975 §7.1.1 Success-Report; absent means {@link #NO}. */
public enum SuccessReport {
    YES("yes"), NO("no");

    private final String token;

    SuccessReport(String token) { this.token = token; }

    /** The value on the wire. */
    public String token() { return token; }

    static SuccessReport parse(String v) {
        for (SuccessReport r : values()) if (r.token.equalsIgnoreCase(v)) return r;
        throw new MsrpParseException(MsrpViolation.REPORT_VALUE_INVALID, 0, "Success-Report: " + v);
    }
}
