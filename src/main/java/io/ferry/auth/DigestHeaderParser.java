package io.ferry.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses Digest header values: {@code Authorization} / {@code Proxy-Authorization} into
 * {@link DigestCredentials}, {@code WWW-Authenticate} / {@code Proxy-Authenticate} into
 * {@link DigestChallenge}. Pure and thread-safe.
 *
 * <p>Grammar: {@code "Digest" LWS auth-param *("," auth-param)} (RFC 7616 §3.3–3.4, RFC 3261
 * §25.1 {@code credentials}/{@code challenge}, RFC 7235 §2.1). Values are tokens or
 * quoted-strings with backslash escapes; commas inside quotes belong to the value; names
 * compare case-insensitively; a name given twice is an error (RFC 7235 §2.1); empty list
 * elements are skipped (RFC 9110 §5.6.1); LWS may contain line folds (RFC 3261 §7.3.1).
 * The length and the parameter count are checked before anything is allocated.
 */
public final class DigestHeaderParser {
    /** Longest header value accepted by {@link #DigestHeaderParser()}, in chars. */
    public static final int DEFAULT_MAX_LENGTH = 8192;
    /** Most auth-params accepted by {@link #DigestHeaderParser()}. */
    public static final int DEFAULT_MAX_PARAMS = 32;

    static final String SCHEME = "Digest";

    private final int maxLength;
    private final int maxParams;

    public DigestHeaderParser() {
        this(DEFAULT_MAX_LENGTH, DEFAULT_MAX_PARAMS);
    }

    /**
     * @param maxLength longest header value accepted, in chars
     * @param maxParams most auth-params accepted in one value
     */
    public DigestHeaderParser(int maxLength, int maxParams) {
        if (maxLength < 16 || maxParams < 1) {
            throw new IllegalArgumentException("maxLength must be >= 16 and maxParams >= 1");
        }
        this.maxLength = maxLength;
        this.maxParams = maxParams;
    }

    /** Parses an {@code Authorization} or {@code Proxy-Authorization} value (RFC 7616 §3.4). */
    public DigestCredentials parseCredentials(String headerValue) throws DigestParseException {
        return DigestCredentials.from(parseParams(headerValue), headerValue.length());
    }

    /** Parses one {@code WWW-Authenticate} or {@code Proxy-Authenticate} Digest challenge (RFC 7616 §3.3). */
    public DigestChallenge parseChallenge(String headerValue) throws DigestParseException {
        return DigestChallenge.from(parseParams(headerValue), headerValue.length());
    }

    /** An auth-param and the offset of its name in the header value. */
    record Located(AuthParam param, int offset) {
    }

    List<Located> parseParams(String value) throws DigestParseException {
        if (value == null) {
            throw new DigestParseException("header value is missing", 0);
        }
        if (value.length() > maxLength) {
            throw new DigestParseException("header value longer than " + maxLength + " chars", maxLength);
        }
        Cursor c = new Cursor(value);
        c.skipLws();
        int schemeStart = c.pos;
        String scheme = c.token();
        if (!SCHEME.equalsIgnoreCase(scheme)) {
            throw new DigestParseException("RFC 7616 §3.3: auth-scheme must be \"Digest\"", schemeStart);
        }
        int afterScheme = c.pos;
        c.skipLws();
        if (c.pos == afterScheme && !c.atEnd()) {
            throw new DigestParseException("RFC 7235 §2.1: whitespace required after auth-scheme", c.pos);
        }
        List<Located> params = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            c.skipLws();
            if (c.atEnd()) {
                break;
            }
            if (c.peek() == ',') {
                c.pos++; // RFC 9110 §5.6.1: recipients accept empty list elements
                continue;
            }
            if (params.size() == maxParams) {
                throw new DigestParseException("more than " + maxParams + " auth-params", c.pos);
            }
            int nameStart = c.pos;
            String name = c.token();
            c.skipLws();
            c.expect('=', "RFC 7235 §2.1: auth-param needs \"=\" after its name");
            c.skipLws();
            AuthParam param;
            if (!c.atEnd() && c.peek() == '"') {
                param = new AuthParam(name, c.quotedString(), true);
            } else {
                param = new AuthParam(name, c.token(), false);
            }
            if (!seen.add(param.key())) {
                throw new DigestParseException("RFC 7235 §2.1: parameter \"" + param.key() + "\" given twice", nameStart);
            }
            params.add(new Located(param, nameStart));
            c.skipLws();
            if (!c.atEnd()) {
                c.expect(',', "RFC 7235 §2.1: auth-params are separated by \",\"");
            }
        }
        if (params.isEmpty()) {
            throw new DigestParseException("RFC 7616 §3.3: Digest needs auth-params", c.pos);
        }
        return params;
    }

    /** A position in the header value. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        /** Skips SP / HTAB and line folds (CRLF followed by SP or HTAB, RFC 3261 §7.3.1). */
        void skipLws() throws DigestParseException {
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == ' ' || ch == '\t') {
                    pos++;
                } else if (ch == '\r' || ch == '\n') {
                    pos = afterFold(pos);
                } else {
                    return;
                }
            }
        }

        /** The index after a line fold starting at {@code at}, or an error if it is a bare line end. */
        private int afterFold(int at) throws DigestParseException {
            int i = at;
            if (s.charAt(i) == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i += 2;
            } else {
                throw new DigestParseException("RFC 3261 §25.1: CR and LF only as CRLF in a line fold", at);
            }
            if (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                return i + 1;
            }
            throw new DigestParseException("RFC 3261 §7.3.1: a line end inside a header value must be followed by whitespace", at);
        }

        void expect(char ch, String rule) throws DigestParseException {
            if (atEnd() || s.charAt(pos) != ch) {
                throw new DigestParseException(rule, pos);
            }
            pos++;
        }

        String token() throws DigestParseException {
            int start = pos;
            while (pos < s.length() && DigestSyntax.isTokenChar(s.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw new DigestParseException("RFC 3261 §25.1: token expected", start);
            }
            return s.substring(start, pos);
        }

        /** A quoted-string at {@code pos}, returned without its quotes, escapes resolved, folds unfolded. */
        String quotedString() throws DigestParseException {
            int open = pos;
            pos++; // opening DQUOTE
            StringBuilder sb = null;
            int runStart = pos;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == '"') {
                    String value = sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
                    pos++;
                    return value;
                }
                if (ch == '\\') {
                    if (pos + 1 >= s.length()) {
                        break;
                    }
                    char escaped = s.charAt(pos + 1);
                    if (DigestSyntax.isForbiddenControl(escaped)) {
                        throw new DigestParseException("RFC 3261 §25.1: quoted-pair of a control character", pos);
                    }
                    sb = (sb == null ? new StringBuilder() : sb).append(s, runStart, pos).append(escaped);
                    pos += 2;
                    runStart = pos;
                } else if (ch == '\r' || ch == '\n') {
                    int foldStart = pos;
                    int after = afterFold(pos);
                    // Unfold: the CRLF goes, the whitespace after it stays.
                    sb = (sb == null ? new StringBuilder() : sb).append(s, runStart, foldStart);
                    runStart = after - 1;
                    pos = after;
                } else if (DigestSyntax.isForbiddenControl(ch)) {
                    throw new DigestParseException("RFC 3261 §25.1: control character in quoted-string", pos);
                } else {
                    pos++;
                }
            }
            throw new DigestParseException("RFC 3261 §25.1: unterminated quoted-string", open);
        }
    }
}
