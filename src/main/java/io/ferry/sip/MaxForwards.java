package io.ferry.sip;

/**
 * Max-Forwards (RFC 3261 §20.22).
 *
 * @param hops remaining hops, 0 to 255
 */
public record MaxForwards(int hops) {

    public MaxForwards {
        if (hops < 0 || hops > 255) throw new IllegalArgumentException("Max-Forwards out of range: " + hops);
    }

    public static MaxForwards parse(String value) throws SipParseException {
        return parse(value, -1);
    }

    static MaxForwards parse(String value, int base) throws SipParseException {
        // RFC 4475 §3.1.2.4: a value above 255 is malformed
        return new MaxForwards((int) Numbers.whole(value, base, 255, "Bad Max-Forwards",
                "RFC 3261 §20.22 Max-Forwards", "hops"));
    }

    /** RFC 3261 §16.6 step 3: one hop less. */
    public MaxForwards decremented() {
        return new MaxForwards(Math.max(0, hops - 1));
    }

    @Override
    public String toString() {
        return Integer.toString(hops);
    }
}
