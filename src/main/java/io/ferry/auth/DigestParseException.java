package io.ferry.auth;

/**
 * A Digest header value that does not follow its grammar. It carries the offset (a
 * {@code char} index into the header value) where parsing stopped and the rule that was broken.
 */
public final class DigestParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String rule;

    public DigestParseException(String rule, int offset) {
        super(rule + " (at offset " + offset + ")");
        this.offset = offset;
        this.rule = rule;
    }

    /** Index into the header value where the fault was found. */
    public int offset() {
        return offset;
    }

    /** The rule that was broken, with its RFC section. */
    public String rule() {
        return rule;
    }
}
