package io.ferry.sip;

/**
 * A SIP message, header or URI that breaks the grammar or a {@link SipLimits} limit.
 *
 * <p>Carries the byte offset of the fault (relative to the start of the parsed buffer or
 * message; {@code -1} when unknown, e.g. for a header built by Ferry), the rule broken, and the
 * response a request should get ({@link #status()} and {@link #reason()}, e.g. {@code 400 Bad
 * Via}, {@code 505}, {@code 513}, {@code 414}). Responses are never answered: the caller drops them.
 * {@link #framingLost()} tells a stream transport that the byte stream can no longer be framed
 * and the connection must be closed.
 */
public final class SipParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String rule;
    private final int status;
    private final String reason;
    private final boolean framingLost;

    public SipParseException(int status, String reason, String rule, int offset) {
        this(status, reason, rule, offset, false);
    }

    public SipParseException(int status, String reason, String rule, int offset, boolean framingLost) {
        super(reason + " (" + rule + ") at offset " + offset + (framingLost ? "; stream framing lost" : ""));
        this.offset = offset;
        this.rule = rule;
        this.status = status;
        this.reason = reason;
        this.framingLost = framingLost;
    }

    /** 400 Bad Request with a reason naming the fault. */
    static SipParseException badRequest(String reason, String rule, int offset) {
        return new SipParseException(400, reason, rule, offset, false);
    }

    /** Byte offset of the fault, or -1 when unknown. */
    public int offset() { return offset; }

    /** The rule broken, e.g. {@code "RFC 3261 §25.1 Request-Line"}. */
    public String rule() { return rule; }

    /** Status code a request with this fault should be answered with. */
    public int status() { return status; }

    /** Reason phrase for that response, naming the fault. */
    public String reason() { return reason; }

    /** True when a stream transport can no longer find message boundaries and must close. */
    public boolean framingLost() { return framingLost; }

    /** The same fault with its offset shifted by {@code base} (for values parsed out of a message). */
    SipParseException shifted(int base) {
        if (base < 0 || offset < 0) return new SipParseException(status, reason, rule, -1, framingLost);
        return new SipParseException(status, reason, rule, base + offset, framingLost);
    }

    /** The same fault marked as fatal for a stream. */
    SipParseException asFramingLost() {
        return framingLost ? this : new SipParseException(status, reason, rule, offset, true);
    }
}
