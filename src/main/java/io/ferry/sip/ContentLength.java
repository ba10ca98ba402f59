package io.ferry.sip;

/**
 * Content-Length (RFC 3261 §20.14).
 *
 * @param length body length in bytes
 */
public record ContentLength(int length) {

    public ContentLength {
        if (length < 0) throw new IllegalArgumentException("negative Content-Length");
    }

    public static ContentLength parse(String value) throws SipParseException {
        return parse(value, -1);
    }

    static ContentLength parse(String value, int base) throws SipParseException {
        return new ContentLength((int) Numbers.whole(value, base, Integer.MAX_VALUE, "Bad Content-Length",
                "RFC 3261 §20.14 Content-Length", "length"));
    }

    @Override
    public String toString() {
        return Integer.toString(length);
    }
}
