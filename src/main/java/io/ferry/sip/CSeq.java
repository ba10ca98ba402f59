package io.ferry.sip;

/**
 * CSeq (RFC 3261 §20.16): sequence number and method.
 *
 * @param number sequence number, below 2^31 (RFC 3261 §8.1.1.5)
 * @param method method, case-sensitive
 */
public record CSeq(long number, String method) {

    private static final String RULE = "RFC 3261 §20.16 CSeq";
    static final long MAX = (1L << 31) - 1;

    public CSeq {
        if (number < 0 || number > MAX) throw new IllegalArgumentException("CSeq out of range: " + number);
        if (!SipChars.isToken(method)) throw new IllegalArgumentException("CSeq method is not a token: " + method);
    }

    public static CSeq parse(String value) throws SipParseException {
        return parse(value, -1);
    }

    static CSeq parse(String value, int base) throws SipParseException {
        ValueScanner sc = new ValueScanner(value, 0, value.length(), base, "Bad CSeq", RULE);
        sc.skipWs();
        long n = Numbers.digits(sc, MAX, "sequence number");
        int before = sc.pos;
        sc.skipWs();
        if (sc.pos == before) throw sc.error("expected LWS after sequence number");
        String method = sc.token("method");
        sc.skipWs();
        if (!sc.atEnd()) throw sc.error("unexpected character");
        return new CSeq(n, method);
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
