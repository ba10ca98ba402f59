package io.ferry.sip;

/**
 * A URI as SIP uses it: {@link SipUri} for {@code sip:}/{@code sips:} (RFC 3261 §19.1),
 * {@link TelUri} for {@code tel:} (RFC 3966) and {@link AbsoluteUri} for any other scheme.
 */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** The scheme in lower case, e.g. {@code "sip"}. */
    String scheme();

    /** Equivalence by the scheme's comparison rules (RFC 3261 §19.1.4 for SIP URIs). */
    boolean matches(Uri other);

    /** The URI as text. */
    @Override
    String toString();

    /** Parses a URI, choosing the type by scheme (case-insensitive). */
    static Uri parse(String text) throws SipParseException {
        return parse(text, -1, "Bad URI");
    }

    /** As {@link #parse(String)}, with error offsets shifted by {@code base} and the given reason. */
    static Uri parse(String text, int base, String reason) throws SipParseException {
        return parse(text, 0, text.length(), base, reason);
    }

    /** Parses {@code text[from, to)}; error offsets are {@code base} plus the index in {@code text}. */
    static Uri parse(String text, int from, int to, int base, String reason) throws SipParseException {
        int colon = schemeEnd(text, from, to);
        if (colon < 0) {
            throw new SipParseException(SipParseFailure.BAD_URI, reason, "RFC 3986 §3.1 scheme", base < 0 ? -1 : base + from);
        }
        int len = colon - from;
        if (len == 3 && text.regionMatches(true, from, "sip", 0, 3)) return SipUri.parse(text, false, colon + 1, to, base, reason);
        if (len == 4 && text.regionMatches(true, from, "sips", 0, 4)) return SipUri.parse(text, true, colon + 1, to, base, reason);
        if (len == 3 && text.regionMatches(true, from, "tel", 0, 3)) return TelUri.parse(text, colon + 1, to, base, reason);
        return AbsoluteUri.parse(text, from, colon, to, base, reason);
    }

    /** Index of the colon ending a valid RFC 3986 scheme starting at {@code from}, or -1. */
    private static int schemeEnd(String s, int from, int to) {
        if (from >= to) return -1;
        char c0 = s.charAt(from);
        if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) return -1;
        for (int i = from + 1; i < to; i++) {
            char c = s.charAt(i);
            if (c == ':') return i;
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '-' || c == '.';
            if (!ok) return -1;
        }
        return -1;
    }
}
