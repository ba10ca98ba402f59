package io.ferry.msrp;

/** RFC 4975 §7.1: the flag that ends an end-line. */
public enum ContinuationFlag {
    /** {@code $}: this chunk ends the complete message (always the flag of a response). */
    COMPLETE('$'),
    /** {@code +}: more chunks of this message follow. */
    MORE('+'),
    /** {@code #}: the sender aborted the message; no further chunks follow. */
    ABORTED('#');

    private final char symbol;

    ContinuationFlag(char symbol) { this.symbol = symbol; }

    /** The character on the wire. */
    public char symbol() { return symbol; }

    /** The flag for a wire byte, or null if the byte is not a continuation flag. */
    public static ContinuationFlag of(int b) {
        return switch (b) {
            case '$' -> COMPLETE;
            case '+' -> MORE;
            case '#' -> ABORTED;
            default -> null;
        };
    }
}
