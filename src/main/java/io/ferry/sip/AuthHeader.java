package io.ferry.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A challenge (WWW-Authenticate, Proxy-Authenticate) or credentials (Authorization,
 * Proxy-Authorization) per RFC 3261 §20.7, §20.27, §20.44: a scheme and its comma-separated
 * {@code name=value} parameters in order, each remembering whether it was quoted.
 *
 * @param scheme scheme as written, e.g. {@code Digest}
 * @param params parameters in order
 */
public record AuthHeader(String scheme, List<AuthParam> params) {

    /**
     * One auth-param.
     *
     * @param name   name as written
     * @param value  value with quotes and escapes removed
     * @param quoted whether it was written as a quoted-string
     */
    public record AuthParam(String name, String value, boolean quoted) {
    }

    public AuthHeader {
        if (!SipChars.isToken(scheme)) throw new IllegalArgumentException("auth scheme is not a token: " + scheme);
        params = List.copyOf(params);
    }

    public static AuthHeader parse(String value) throws SipParseException {
        return parse(value, -1, "Bad Authorization");
    }

    static AuthHeader parse(String value, int base, String reason) throws SipParseException {
        ValueScanner sc = new ValueScanner(value, base, reason, "RFC 3261 §25.1 challenge/credentials");
        sc.skipWs();
        String scheme = sc.token("auth-scheme");
        List<AuthParam> params = new ArrayList<>(10);
        sc.skipWs();
        while (!sc.atEnd()) {
            String name = sc.token("auth-param name");
            if (!sc.skipWsAnd('=')) throw sc.error("expected '='");
            boolean quoted = sc.peek() == '"';
            String v;
            if (quoted) {
                v = QuotedString.unquote(sc.quoted());
            } else {
                int s = sc.pos;
                while (!sc.atEnd() && sc.peek() != ',' && sc.peek() != ' ' && sc.peek() != '\t' && sc.peek() != '"') sc.pos++;
                if (sc.pos == s) throw sc.error("expected auth-param value");
                v = value.substring(s, sc.pos);
            }
            params.add(new AuthParam(name, v, quoted));
            sc.skipWs();
            if (sc.atEnd()) break;
            if (sc.peek() != ',') throw sc.error("expected ','");
            sc.pos++;
            sc.skipWs();
        }
        return new AuthHeader(scheme, params);
    }

    /** The (unquoted) value of the first parameter named {@code name}, case-insensitively. */
    public Optional<String> param(String name) {
        for (AuthParam p : params) if (SipChars.equalsIgnoreCase(p.name, name)) return Optional.of(p.value);
        return Optional.empty();
    }

    /** True when the scheme is {@code name}, case-insensitively. */
    public boolean isScheme(String name) {
        return SipChars.equalsIgnoreCase(scheme, name);
    }

    /** {@code Scheme a="b", c=d}, quoting as the parameters were written. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(128).append(scheme);
        for (int i = 0; i < params.size(); i++) {
            AuthParam p = params.get(i);
            sb.append(i == 0 ? " " : ", ").append(p.name).append('=');
            sb.append(p.quoted ? QuotedString.quote(p.value) : p.value);
        }
        return sb.toString();
    }
}
