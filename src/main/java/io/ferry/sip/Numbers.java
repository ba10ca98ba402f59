package io.ferry.sip;

/** Decimal scalars of header values, with range checks before overflow (RFC 4475 §3.1.2.4). */
final class Numbers {

    private Numbers() {
    }

    /** {@code 1*DIGIT} at the scanner's position, at most {@code max}. */
    static long digits(ValueScanner sc, long max, String what) throws SipParseException {
        int start = sc.pos;
        long v = 0;
        while (!sc.atEnd() && SipChars.isDigit(sc.peek())) {
            v = v * 10 + (sc.peek() - '0');
            if (v > max) throw sc.error(what + " out of range");
            sc.pos++;
        }
        if (sc.pos == start) throw sc.error("expected " + what);
        return v;
    }

    /** A header value that is only {@code 1*DIGIT} (surrounding LWS allowed), at most {@code max}. */
    static long whole(String value, int base, long max, String reason, String rule, String what) throws SipParseException {
        ValueScanner sc = new ValueScanner(value, base, reason, rule);
        sc.skipWs();
        long v = digits(sc, max, what);
        sc.skipWs();
        if (!sc.atEnd()) throw sc.error("unexpected character");
        return v;
    }
}
