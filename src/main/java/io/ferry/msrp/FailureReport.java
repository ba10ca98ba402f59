package io.ferry.msrp;

/** RFC 4975 §7.1.1 Failure-Report; absent means {@link #YES}. */
public enum FailureReport {
    YES("yes"), NO("no"), PARTIAL("partial");

    private final String token;

    FailureReport(String token) { this.token = token; }

    /** The value on the wire. */
    public String token() { return token; }

    static FailureReport parse(String v) {
        for (FailureReport r : values()) if (r.token.equalsIgnoreCase(v)) return r;
        throw new MsrpParseException(MsrpViolation.REPORT_VALUE_INVALID, 0, "Failure-Report: " + v);
    }
}
