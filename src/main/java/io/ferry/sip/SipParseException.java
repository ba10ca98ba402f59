package io.ferry.sip;

/**
 * A SIP message, header or URI that breaks the grammar or a {@link SipLimits} limit.
 *
 * <p>Carries the {@link SipParseFailure}, the byte offset of the fault (relative to the start of
 * the parsed buffer or message; {@code -1} when unknown, e.g. for a header built by Ferry;
 * approximate inside folded values), the rule broken, and the response a request should get
 * ({@link #status()} and {@link #reason()}, e.g. {@code 400 Bad Via}, {@code 505}, {@code 513},
 * {@code 414}). Responses are never answered: the caller drops them. {@link #framingLost()}
 * tells a stream transport that the byte stream can no longer be framed and the connection
 * must be closed.
 */
public final class SipParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SipParseFailure failure;
    private final int offset;
    private final String rule;
    private final String reason;
    private final boolean framingLost;

    /** A fault with the failure's own reason phrase. */
    public SipParseException(SipParseFailure failure, String rule, int offset) {
        this(failure, failure.reason(), rule, offset, false);
    }

    /** A fault with the failure's own reason phrase, possibly fatal for a stream. */
    public SipParseException(SipParseFailure failure, String rule, int offset, boolean framingLost) {
        this(failure, failure.reason(), rule, offset, framingLost);
    }

    /** A fault with a more precise reason phrase (e.g. {@code Bad Via} for {@link SipParseFailure#BAD_HEADER_VALUE}). */
    public SipParseException(SipParseFailure failure, String reason, String rule, int offset) {
        this(failure, reason, rule, offset, false);
    }

    public SipParseException(SipParseFailure failure, String reason, String rule, int offset, boolean framingLost) {
        super(reason + " (" + rule + ") at offset " + offset + (framingLost ? "; stream framing lost" : ""));
        this.failure = failure;
        this.offset = offset;
        this.rule = rule;
        this.reason = reason;
        this.framingLost = framingLost;
    }

    /** What went wrong, as one of a fixed set of faults. */
    public SipParseFailure failure() { return failure; }

    /** Byte offset of the fault, or -1 when unknown. */
    public int offset() { return offset; }

    /** The rule broken, e.g. {@code "RFC 3261 §25.1 Request-Line"}. */
    public String rule() { return rule; }

    /** Status code a request with this fault should be answered with. */
    public int status() { return failure.status(); }

    /** Reason phrase for that response, naming the fault. */
    public String reason() { return reason; }

    /** True when a stream transport can no longer find message boundaries and must close. */
    public boolean framingLost() { return framingLost; }

    /** The same fault with its offset counted from {@code start} (an index into the same buffer). */
    SipParseException relativeTo(int start) {
        return offset < 0 ? this : new SipParseException(failure, reason, rule, offset - start, framingLost);
    }

    /** The same fault marked as fatal for a stream. */
    SipParseException asFramingLost() {
        return framingLost ? this : new SipParseException(failure, reason, rule, offset, true);
    }
}
