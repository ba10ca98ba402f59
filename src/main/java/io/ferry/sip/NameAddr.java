package io.ferry.sip;

/**
 * A name-addr or addr-spec with header parameters (RFC 3261 §20.10, §25.1), as used by From,
 * To, Contact, Route, Record-Route, Path, Service-Route and similar headers. The Contact
 * wildcard {@code *} (RFC 3261 §10.2.2) is {@link #WILDCARD}: {@link #uri()} is then {@code null}.
 *
 * <p>In the addr-spec form (no angle brackets) every {@code ;param} belongs to the header, not to
 * the URI (RFC 3261 §20.10).
 *
 * @param displayName   display name as written (quoted or tokens), or {@code null}
 * @param uri           the URI, or {@code null} for the wildcard
 * @param params        header parameters, e.g. {@code tag}, {@code expires}
 * @param angleBrackets whether the URI was written in {@code <...>}
 */
public record NameAddr(String displayName, Uri uri, Parameters params, boolean angleBrackets) {

    private static final String RULE = "RFC 3261 §25.1 name-addr";

    /** The Contact wildcard {@code *}. */
    public static final NameAddr WILDCARD = new NameAddr(null, null, Parameters.empty(), false);

    public NameAddr {
        if (params == null) params = Parameters.empty();
    }

    /** {@code <uri>}. */
    public static NameAddr of(Uri uri) {
        return new NameAddr(null, uri, Parameters.empty(), true);
    }

    public static NameAddr parse(String value) throws SipParseException {
        return parse(value, -1, "Bad Address", true);
    }

    static NameAddr parse(String value, int base, String reason, boolean wildcardAllowed) throws SipParseException {
        return parse(value, 0, value.length(), base, reason, wildcardAllowed);
    }

    /** Parses {@code value[from, to)}; error offsets are {@code base} plus the index in {@code value}. */
    static NameAddr parse(String value, int from, int to, int base, String reason, boolean wildcardAllowed)
            throws SipParseException {
        ValueScanner sc = new ValueScanner(value, from, to, base, reason, RULE);
        sc.skipWs();
        if (sc.peek() == '*') {
            int save = sc.pos;
            sc.pos++;
            sc.skipWs();
            if (sc.atEnd()) {
                if (!wildcardAllowed) throw sc.error("'*' not allowed here");
                return WILDCARD;
            }
            sc.pos = save;
        }
        String display = null;
        if (sc.peek() == '"') {
            display = sc.quoted();
            sc.skipWs();
            if (sc.peek() != '<') throw sc.error("expected '<' after display name");
        } else {
            // display-name as tokens: only when a '<' follows them
            int lt = SipChars.indexOf(value, '<', sc.pos, to);
            if (lt > sc.pos && isTokenRun(value, sc.pos, lt)) {
                display = value.substring(sc.pos, lt).strip();
                sc.pos = lt;
            }
        }
        Uri uri;
        boolean brackets;
        if (sc.peek() == '<') {
            int close = SipChars.indexOf(value, '>', sc.pos + 1, to);
            if (close < 0) throw sc.error("missing '>'");
            int us = sc.pos + 1;
            int ue = close;
            while (us < ue && SipChars.isWsp(value.charAt(us))) us++;
            while (ue > us && SipChars.isWsp(value.charAt(ue - 1))) ue--;
            uri = Uri.parse(value, us, ue, base, reason);
            sc.pos = close + 1;
            brackets = true;
        } else {
            int s = sc.pos;
            while (!sc.atEnd()) {
                int c = sc.peek();
                if (c == ';' || c == ' ' || c == '\t' || c == ',' || c == '?' || c == '>') break;
                sc.pos++;
            }
            if (sc.pos == s) throw sc.error("expected URI");
            uri = Uri.parse(value, s, sc.pos, base, reason);
            brackets = false;
        }
        Parameters params = Parameters.parse(sc);
        sc.skipWs();
        if (!sc.atEnd()) throw sc.error("unexpected character");
        return new NameAddr(display, uri, params, brackets);
    }

    private static boolean isTokenRun(String s, int from, int to) {
        boolean any = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (SipChars.isToken(c)) any = true;
            else if (c != ' ' && c != '\t') return false;
        }
        return any;
    }

    public boolean isWildcard() {
        return uri == null;
    }

    /** The display name without quotes and escapes, or {@code null}. */
    public String displayNameUnquoted() {
        return QuotedString.unquote(displayName);
    }

    /** The {@code tag} parameter (RFC 3261 §19.3), or {@code null}. */
    public String tag() {
        return params.value("tag");
    }

    public NameAddr withTag(String tag) {
        return withParam("tag", tag);
    }

    /** A copy with a header parameter set ({@code null} value for a flag). */
    public NameAddr withParam(String name, String value) {
        return new NameAddr(displayName, uri, params.with(name, value), angleBrackets);
    }

    public NameAddr withoutParam(String name) {
        return new NameAddr(displayName, uri, params.without(name), angleBrackets);
    }

    public NameAddr withUri(Uri newUri) {
        return new NameAddr(displayName, newUri, params, true);
    }

    /** A copy with a display name, quoted as needed. */
    public NameAddr withDisplayName(String name) {
        return new NameAddr(name == null ? null : QuotedString.quote(name), uri, params, true);
    }

    /** The value as text; the addr-spec form is kept only when it is unambiguous. */
    @Override
    public String toString() {
        if (uri == null) return "*";
        StringBuilder sb = new StringBuilder(64);
        String u = uri.toString();
        boolean brackets = angleBrackets || displayName != null
                || u.indexOf(';') >= 0 || u.indexOf('?') >= 0 || u.indexOf(',') >= 0;
        if (displayName != null) sb.append(displayName).append(' ');
        if (brackets) sb.append('<').append(u).append('>');
        else sb.append(u);
        params.appendTo(sb);
        return sb.toString();
    }
}
