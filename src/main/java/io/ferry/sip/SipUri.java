package io.ferry.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code sip:} or {@code sips:} URI (RFC 3261 §19.1.1). Components are kept as written, escapes
 * included; {@link #userDecoded()} and friends decode them. {@link #matches(Uri)} implements the
 * comparison rules of RFC 3261 §19.1.4; {@code equals} is exact, component by component.
 *
 * @param secure   {@code sips}
 * @param user     user part as written (escaped), or {@code null}
 * @param password password as written, or {@code null}
 * @param host     host as written: a name, an IPv4 address or an IPv6 reference in brackets
 * @param port     port, or -1 when absent
 * @param params   uri-parameters
 * @param headers  headers ({@code ?name=value&...}), as written
 */
public record SipUri(boolean secure, String user, String password, String host, int port,
                     Parameters params, List<Parameters.Param> headers) implements Uri {

    private static final String RULE = "RFC 3261 §19.1.1 SIP-URI";

    public SipUri {
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("SIP URI without host");
        if (port < -1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (params == null) params = Parameters.empty();
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** {@code sip:user@host} ({@code user} may be null); the user part is escaped as needed. */
    public static SipUri of(String user, String host) {
        return new SipUri(false, user == null ? null : UriEscapes.escape(user, UriEscapes.Component.USER),
                null, host, -1, Parameters.empty(), List.of());
    }

    /** {@code sip:user@host:port}. */
    public static SipUri of(String user, String host, int port) {
        return of(user, host).withPort(port);
    }

    /** Parses a SIP or SIPS URI. */
    public static SipUri parse(String text) throws SipParseException {
        Uri u = Uri.parse(text);
        if (u instanceof SipUri s) return s;
        throw new SipParseException(SipParseFailure.BAD_URI, "Bad SIP URI", RULE + ": scheme is not sip or sips", -1);
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public String userDecoded() {
        return UriEscapes.unescape(user);
    }

    public String passwordDecoded() {
        return UriEscapes.unescape(password);
    }

    /** The {@code transport} parameter, or {@code null}. */
    public String transport() {
        return params.value("transport");
    }

    /** The {@code maddr} parameter, or {@code null}. */
    public String maddr() {
        return params.value("maddr");
    }

    /** RFC 3261 §19.1.1: the {@code lr} parameter (loose routing). */
    public boolean lr() {
        return params.has("lr");
    }

    /** The host without IPv6 brackets. */
    public String hostAddress() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** True when the host is an IPv4 address or an IPv6 reference rather than a domain name. */
    public boolean hasIpHost() {
        return host.startsWith("[") || isIpv4(host);
    }

    public SipUri withUser(String rawUser) {
        return new SipUri(secure, rawUser, password, host, port, params, headers);
    }

    public SipUri withHost(String newHost) {
        return new SipUri(secure, user, password, newHost, port, params, headers);
    }

    public SipUri withPort(int newPort) {
        return new SipUri(secure, user, password, host, newPort, params, headers);
    }

    public SipUri withSecure(boolean s) {
        return new SipUri(s, user, password, host, port, params, headers);
    }

    /** A copy with the uri-parameter set ({@code null} value for a flag such as {@code lr}). */
    public SipUri withParam(String name, String value) {
        return new SipUri(secure, user, password, host, port, params.with(name, value), headers);
    }

    public SipUri withoutParam(String name) {
        return new SipUri(secure, user, password, host, port, params.without(name), headers);
    }

    public SipUri withoutHeaders() {
        return new SipUri(secure, user, password, host, port, params, List.of());
    }

    static SipUri parse(String s, boolean secure, int from, int end, int base, String reason) throws SipParseException {
        int i = from;
        if (i >= end) throw err(reason, "empty after scheme", base, i);
        String user = null;
        String password = null;
        // RFC 3261 §19.1.1: '@' can only end the userinfo (it is escaped everywhere else)
        int at = SipChars.indexOf(s, '@', i, end);
        if (at >= 0) {
            int colon = SipChars.indexOf(s, ':', i, at);
            int userEnd = colon >= 0 && colon < at ? colon : at;
            if (userEnd == i) throw err(reason, "empty user", base, i);
            int bad = UriEscapes.firstInvalid(s, i, userEnd, UriEscapes.Component.USER);
            if (bad >= 0) throw err(reason, "bad character in user", base, bad);
            user = s.substring(i, userEnd);
            if (userEnd < at) {
                bad = UriEscapes.firstInvalid(s, userEnd + 1, at, UriEscapes.Component.PASSWORD);
                if (bad >= 0) throw err(reason, "bad character in password", base, bad);
                password = s.substring(userEnd + 1, at);
            }
            i = at + 1;
        }
        int hostStart = i;
        if (i < end && s.charAt(i) == '[') {
            int close = SipChars.indexOf(s, ']', i, end);
            if (close < 0) throw err(reason, "unterminated IPv6 reference", base, i);
            if (!isIpv6(s, i + 1, close)) throw err(reason, "bad IPv6 reference", base, i);
            i = close + 1;
        } else {
            while (i < end && SipChars.isHostChar(s.charAt(i))) i++;
            if (i == hostStart) throw err(reason, "missing host", base, i);
            if (!isHostname(s, hostStart, i)) throw err(reason, "bad host", base, hostStart);
        }
        String host = s.substring(hostStart, i);
        int port = -1;
        if (i < end && s.charAt(i) == ':') {
            i++;
            int ps = i;
            int v = 0;
            while (i < end && SipChars.isDigit(s.charAt(i)) && i - ps < 6) v = v * 10 + (s.charAt(i++) - '0');
            if (i == ps || v > 65535 || (i < end && SipChars.isDigit(s.charAt(i)))) throw err(reason, "bad port", base, ps);
            port = v;
        }
        List<Parameters.Param> params = null;
        while (i < end && s.charAt(i) == ';') {
            i++;
            int ns = i;
            int bad = scanComponent(s, i, end, UriEscapes.Component.PARAM);
            i = bad;
            if (i == ns) throw err(reason, "empty uri-parameter name", base, i);
            String name = Interned.token(s, ns, i);
            String value = null;
            if (i < end && s.charAt(i) == '=') {
                i++;
                int vs = i;
                i = scanComponent(s, i, end, UriEscapes.Component.PARAM);
                if (i == vs) throw err(reason, "empty uri-parameter value", base, i);
                value = Interned.token(s, vs, i);
            }
            if (params == null) params = new ArrayList<>(4);
            params.add(new Parameters.Param(name, value));
        }
        List<Parameters.Param> headers = null;
        if (i < end && s.charAt(i) == '?') {
            do {
                i++;
                int ns = i;
                i = scanComponent(s, i, end, UriEscapes.Component.HEADER);
                if (i == ns) throw err(reason, "empty header name", base, i);
                String name = s.substring(ns, i);
                if (i >= end || s.charAt(i) != '=') throw err(reason, "header without '='", base, i);
                i++;
                int vs = i;
                i = scanComponent(s, i, end, UriEscapes.Component.HEADER);
                if (headers == null) headers = new ArrayList<>(2);
                headers.add(new Parameters.Param(name, s.substring(vs, i)));
            } while (i < end && s.charAt(i) == '&');
        }
        if (i != end) throw err(reason, "unexpected character", base, i);
        return new SipUri(secure, user, password, host, port,
                params == null ? Parameters.empty() : Parameters.adopt(params.toArray(new Parameters.Param[0]), params.size()),
                headers == null ? List.of() : headers);
    }

    /** Index just past the run of allowed characters and well-formed escapes starting at {@code i}. */
    private static int scanComponent(String s, int i, int end, UriEscapes.Component c) {
        while (i < end) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 2 < end && SipChars.isHex(s.charAt(i + 1)) && SipChars.isHex(s.charAt(i + 2))) {
                i += 3;
            } else if (ch != '%' && ch != '=' && ch != ';' && ch != '?' && ch != '&' && UriEscapes.allowed(c, ch)) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static SipParseException err(String reason, String detail, int base, int at) {
        return new SipParseException(SipParseFailure.BAD_URI, reason, RULE + ": " + detail, base < 0 ? -1 : base + at);
    }

    /** RFC 3261 §25.1 hostname: labels of alphanum and '-', optional final dot; or an IPv4 address. */
    private static boolean isHostname(String s, int from, int to) {
        int labelStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (i == labelStart) return i == to && i > from; // trailing dot is allowed
                if (s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') return false;
                labelStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isIpv4(String h) {
        int parts = 0;
        int digits = 0;
        for (int i = 0; i <= h.length(); i++) {
            if (i == h.length() || h.charAt(i) == '.') {
                if (digits == 0 || digits > 3) return false;
                parts++;
                digits = 0;
            } else if (SipChars.isDigit(h.charAt(i))) {
                digits++;
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    /** RFC 3261 §25.1 IPv6address: hex groups, '::' at most once, optional trailing IPv4. */
    static boolean isIpv6(String s, int from, int to) {
        if (to - from < 2) return false;
        int groups = 0;
        boolean doubleColon = false;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') return false;
            doubleColon = true;
            i += 2;
            if (i == to) return true;
        }
        while (i < to) {
            int gs = i;
            while (i < to && SipChars.isHex(s.charAt(i)) && i - gs < 4) i++;
            if (i < to && s.charAt(i) == '.') {
                // trailing IPv4 part
                if (!isIpv4(s.substring(gs, to))) return false;
                groups += 2;
                i = to;
                break;
            }
            if (i == gs) return false;
            groups++;
            if (i == to) break;
            if (s.charAt(i) != ':') return false;
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (doubleColon) return false;
                doubleColon = true;
                i++;
                if (i == to) break;
            } else if (i == to) {
                return false;
            }
        }
        return doubleColon ? groups < 8 : groups == 8;
    }

    /**
     * RFC 3261 §19.1.4: same scheme; user and password equal byte for byte once escapes of
     * unreserved characters are decoded (an escaped reserved character differs from itself unescaped);
     * host case-insensitively; ports equal (absent differs from 5060); {@code user}, {@code ttl},
     * {@code method}, {@code maddr} and {@code transport} equal when either has them; other
     * parameters equal when both have them; URI headers all present in both and equal.
     */
    @Override
    public boolean matches(Uri other) {
        if (!(other instanceof SipUri o) || secure != o.secure) return false;
        if (!eq(UriEscapes.normalize(user), UriEscapes.normalize(o.user))) return false;
        if (!eq(UriEscapes.normalize(password), UriEscapes.normalize(o.password))) return false;
        if (!SipChars.equalsIgnoreCase(UriEscapes.normalize(host), UriEscapes.normalize(o.host))) return false;
        if (port != o.port) return false;
        // parameter names are compared unescaped too (RFC 4475 §3.1.1.3: ;%6C%72 is ;lr)
        for (Parameters.Param p : params.asList()) {
            String name = UriEscapes.normalize(p.name());
            Parameters.Param q = findUnescaped(o.params, name);
            if (q == null) {
                if (isSignificant(name)) return false;
            } else if (!paramValueEquals(p.value(), q.value())) {
                return false;
            }
        }
        for (Parameters.Param q : o.params.asList()) {
            String name = UriEscapes.normalize(q.name());
            if (isSignificant(name) && findUnescaped(params, name) == null) return false;
        }
        if (headers.size() != o.headers.size()) return false;
        for (Parameters.Param h : headers) {
            boolean found = false;
            for (Parameters.Param k : o.headers) {
                if (SipChars.equalsIgnoreCase(UriEscapes.normalize(h.name()), UriEscapes.normalize(k.name()))
                        && eq(UriEscapes.normalize(h.value()), UriEscapes.normalize(k.value()))) {
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    private static Parameters.Param findUnescaped(Parameters ps, String name) {
        for (Parameters.Param p : ps.asList()) {
            if (SipChars.equalsIgnoreCase(UriEscapes.normalize(p.name()), name)) return p;
        }
        return null;
    }

    private static boolean isSignificant(String name) {
        return SipChars.equalsIgnoreCase(name, "user") || SipChars.equalsIgnoreCase(name, "ttl")
                || SipChars.equalsIgnoreCase(name, "method") || SipChars.equalsIgnoreCase(name, "maddr")
                || SipChars.equalsIgnoreCase(name, "transport");
    }

    private static boolean paramValueEquals(String a, String b) {
        if (a == null || b == null) return a == b;
        return SipChars.equalsIgnoreCase(UriEscapes.normalize(a), UriEscapes.normalize(b));
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** The URI as text, components as written. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(32);
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        sb.append(secure ? "sips:" : "sip:");
        if (user != null) {
            sb.append(user);
            if (password != null) sb.append(':').append(password);
            sb.append('@');
        }
        sb.append(host);
        if (port >= 0) sb.append(':').append(port);
        params.appendTo(sb);
        for (int i = 0; i < headers.size(); i++) {
            Parameters.Param h = headers.get(i);
            sb.append(i == 0 ? '?' : '&').append(h.name()).append('=').append(h.value());
        }
    }
}
