package io.ferry.sip;

/** A cursor over one header value, for the hand-written view parsers; errors carry message offsets. */
final class ValueScanner {

    final String s;
    int pos;
    /** End of the scanned range (exclusive). */
    final int end;
    private final int base;
    private final String reason;
    private final String rule;

    ValueScanner(String s, int base, String reason, String rule) {
        this(s, 0, s.length(), base, reason, rule);
    }

    /** Scans {@code s[from, to)}; error offsets are {@code base} plus the index in {@code s}. */
    ValueScanner(String s, int from, int to, int base, String reason, String rule) {
        this.s = s;
        this.pos = from;
        this.end = to;
        this.base = base;
        this.reason = reason;
        this.rule = rule;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int peek() {
        return pos < end ? s.charAt(pos) : -1;
    }

    /** Skips SP, HT and (already unfolded) line breaks. */
    void skipWs() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') pos++;
            else break;
        }
    }

    boolean skipWsAnd(char c) {
        int save = pos;
        skipWs();
        if (peek() == c) {
            pos++;
            skipWs();
            return true;
        }
        pos = save;
        return false;
    }

    void expect(char c, String what) throws SipParseException {
        if (peek() != c) throw error("expected " + what);
        pos++;
    }

    String token(String what) throws SipParseException {
        int start = pos;
        while (pos < end && SipChars.isToken(s.charAt(pos))) pos++;
        if (pos == start) throw error("expected " + what);
        return Interned.token(s, start, pos);
    }

    /** A quoted-string including its quotes, as written (RFC 3261 §25.1). */
    String quoted() throws SipParseException {
        int start = pos;
        expect('"', "quoted string");
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '\\') {
                if (pos + 1 >= end) break;
                pos += 2;
            } else if (c == '"') {
                pos++;
                return s.substring(start, pos);
            } else {
                pos++;
            }
        }
        pos = start;
        throw error("unterminated quoted string");
    }

    /** A parameter value: quoted-string, or token characters plus host characters ({@code : [ ]}). */
    String paramValue() throws SipParseException {
        if (peek() == '"') return quoted();
        int start = pos;
        while (pos < end) {
            char c = s.charAt(pos);
            if (SipChars.isToken(c) || c == ':' || c == '[' || c == ']') pos++;
            else break;
        }
        if (pos == start) throw error("expected parameter value");
        return Interned.token(s, start, pos);
    }

    SipParseException error(String detail) {
        return new SipParseException(SipParseFailure.BAD_HEADER_VALUE, reason, rule + ": " + detail, base < 0 ? -1 : base + pos);
    }

    int offset() {
        return base < 0 ? -1 : base + pos;
    }

    int base() {
        return base;
    }

    String reason() {
        return reason;
    }

    String rule() {
        return rule;
    }
}
