package io.ferry.sip;

/**
 * Expires (RFC 3261 §20.19) as delta-seconds.
 *
 * @param seconds 0 to 2^32-1
 */
public record Expires(long seconds) {

    static final long MAX = 0xFFFFFFFFL;

    public Expires {
        if (seconds < 0 || seconds > MAX) throw new IllegalArgumentException("Expires out of range: " + seconds);
    }

    public static Expires parse(String value) throws SipParseException {
        return parse(value, -1);
    }

    static Expires parse(String value, int base) throws SipParseException {
        // RFC 4475 §3.1.2.4: a value above 2^32-1 is malformed
        return new Expires(Numbers.whole(value, base, MAX, "Bad Expires", "RFC 3261 §20.19 Expires", "delta-seconds"));
    }

    @Override
    public String toString() {
        return Long.toString(seconds);
    }
}
