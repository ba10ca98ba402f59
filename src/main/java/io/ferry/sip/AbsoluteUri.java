package io.ferry.sip;

/**
 * A URI of a scheme Ferry does not interpret (RFC 3261 §25.1 absoluteURI), kept as text.
 *
 * @param scheme the scheme in lower case
 * @param text   the whole URI as written
 */
public record AbsoluteUri(String scheme, String text) implements Uri {

    static AbsoluteUri parse(String s, int from, int colon, int to, int base, String reason) throws SipParseException {
        if (colon + 1 >= to) {
            throw new SipParseException(SipParseFailure.BAD_URI, reason, "RFC 3261 §25.1 absoluteURI: empty", base < 0 ? -1 : base + colon);
        }
        for (int i = colon + 1; i < to; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"') {
                throw new SipParseException(SipParseFailure.BAD_URI, reason, "RFC 3261 §25.1 absoluteURI: bad character", base < 0 ? -1 : base + i);
            }
        }
        return new AbsoluteUri(SipChars.toLower(s.substring(from, colon)), s.substring(from, to));
    }

    /** Same scheme (case-insensitive) and same text after it. */
    @Override
    public boolean matches(Uri other) {
        return other instanceof AbsoluteUri a && scheme.equals(a.scheme)
                && text.regionMatches(scheme.length(), a.text, a.scheme.length(), text.length() - scheme.length())
                && text.length() - scheme.length() == a.text.length() - a.scheme.length();
    }

    @Override
    public String toString() {
        return text;
    }
}
