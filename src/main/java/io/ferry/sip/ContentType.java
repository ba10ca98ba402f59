package io.ferry.sip;

/**
 * Content-Type (RFC 3261 §20.15): {@code type/subtype;params}.
 *
 * @param type    media type as written
 * @param subtype media subtype as written
 * @param params  media parameters
 */
public record ContentType(String type, String subtype, Parameters params) {

    public ContentType {
        if (!SipChars.isToken(type) || !SipChars.isToken(subtype)) {
            throw new IllegalArgumentException("bad media type " + type + "/" + subtype);
        }
        if (params == null) params = Parameters.empty();
    }

    public static ContentType parse(String value) throws SipParseException {
        return parse(value, -1);
    }

    static ContentType parse(String value, int base) throws SipParseException {
        ValueScanner sc = new ValueScanner(value, base, "Bad Content-Type", "RFC 3261 §20.15 Content-Type");
        sc.skipWs();
        String type = sc.token("m-type");
        if (!sc.skipWsAnd('/')) throw sc.error("expected '/'");
        String sub = sc.token("m-subtype");
        Parameters params = Parameters.parse(sc);
        sc.skipWs();
        if (!sc.atEnd()) throw sc.error("unexpected character");
        return new ContentType(type, sub, params);
    }

    /** Case-insensitive comparison of type and subtype. */
    public boolean is(String t, String s) {
        return SipChars.equalsIgnoreCase(type, t) && SipChars.equalsIgnoreCase(subtype, s);
    }

    /** {@code type/subtype} in lower case. */
    public String mediaType() {
        return SipChars.toLower(type) + "/" + SipChars.toLower(subtype);
    }

    @Override
    public String toString() {
        return type + "/" + subtype + params;
    }
}
