package io.ferry.msrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * RFC 4975 §6 MSRP URI:
 * {@code msrp-scheme "://" authority ["/" session-id] ";" transport *( ";" URI-parameter )}, with
 * transport {@code tcp} (RFC 4975) or {@code ws} (RFC 7977 §5.2.1), e.g.
 * {@code msrp://abc.invalid:2855/9di4eae923wzd;ws}.
 *
 * <p>The components keep the case they were written with, so {@link #format()} gives back the
 * parsed text. {@link #equals(Object)} follows the comparison rules of RFC 4975 §6.1: scheme, host
 * and transport compare case-insensitively (percent-encoded unreserved characters decoded, IPv6
 * literals compared as addresses), the port must match exactly (absent is never equal to present),
 * the session-id compares case-sensitively, and userinfo and other URI parameters are ignored.
 *
 * @param userInfo   userinfo before {@code @}, or null
 * @param host       reg-name, IPv4 address, or bracketed IP literal such as {@code [2001:db8::1]}
 * @param port       the port, or -1 when absent
 * @param sessionId  the session-id, or null when absent
 * @param parameters URI parameters after the transport, each {@code token ["=" token]}
 */
public record MsrpUri(String scheme, String userInfo, String host, int port, String sessionId, String transport,
                      List<String> parameters) {

    public static final String TCP = "tcp";
    /** RFC 7977 §5.2.1. */
    public static final String WS = "ws";
    /** Not in RFC 7977 (which pairs "ws" with the msrps scheme), but written by some clients. */
    public static final String WSS = "wss";

    public MsrpUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        parameters = List.copyOf(parameters);
        if (!scheme.equalsIgnoreCase("msrp") && !scheme.equalsIgnoreCase("msrps")) throw invalid(0, "scheme " + scheme);
        if (userInfo != null) checkUserInfo(userInfo, 0);
        checkHost(host, 0);
        if (port < -1 || port > 65535) throw invalid(0, "port " + port);
        if (sessionId != null) checkSessionId(sessionId, 0);
        checkTransport(transport, 0);
        for (String p : parameters) checkParameter(p, 0);
    }

    /** A URI without userinfo and parameters, e.g. {@code of("msrps", "relay.example.com", 2855, "abc", "tcp")}. */
    public static MsrpUri of(String scheme, String host, int port, String sessionId, String transport) {
        return new MsrpUri(scheme, null, host, port, sessionId, transport, List.of());
    }

    /** Parses a URI; offsets in the exception are relative to the text. */
    public static MsrpUri parse(CharSequence text) {
        return parse(text, Integer.MAX_VALUE);
    }

    /** Parses a URI no longer than {@code maxBytes} characters (checked before anything else). */
    public static MsrpUri parse(CharSequence text, int maxBytes) {
        if (text.length() > maxBytes)
            throw new MsrpParseException(MsrpViolation.URI_TOO_LONG, 0, text.length() + " > " + maxBytes);
        String s = text.toString();
        int sep = s.indexOf("://");
        if (sep < 0) throw invalid(0, "no \"://\" in " + s);
        String scheme = s.substring(0, sep);
        if (!scheme.equalsIgnoreCase("msrp") && !scheme.equalsIgnoreCase("msrps")) throw invalid(0, "scheme " + scheme);
        int p = sep + 3;
        int semi = s.indexOf(';', p);
        if (semi < 0) throw invalid(s.length(), "missing ;transport");
        int slash = s.indexOf('/', p);
        int authEnd = slash >= 0 && slash < semi ? slash : semi;
        int at = s.lastIndexOf('@', authEnd - 1);
        String userInfo = null;
        int hostStart = p;
        if (at >= p) {
            userInfo = s.substring(p, at);
            checkUserInfo(userInfo, p);
            hostStart = at + 1;
        }
        int hostEnd;
        if (hostStart < authEnd && s.charAt(hostStart) == '[') {
            int close = s.indexOf(']', hostStart);
            if (close < 0 || close >= authEnd) throw invalid(hostStart, "unterminated IP literal");
            hostEnd = close + 1;
        } else {
            int colon = s.indexOf(':', hostStart);
            hostEnd = colon >= 0 && colon < authEnd ? colon : authEnd;
        }
        String host = s.substring(hostStart, hostEnd);
        checkHost(host, hostStart);
        int port = -1;
        if (hostEnd < authEnd) {
            if (s.charAt(hostEnd) != ':') throw invalid(hostEnd, "expected ':' after host");
            port = port(s, hostEnd + 1, authEnd);
        }
        String sessionId = null;
        if (authEnd == slash) {
            sessionId = s.substring(slash + 1, semi);
            checkSessionId(sessionId, slash + 1);
        }
        int tEnd = s.indexOf(';', semi + 1);
        if (tEnd < 0) tEnd = s.length();
        String transport = s.substring(semi + 1, tEnd);
        checkTransport(transport, semi + 1);
        List<String> params = new ArrayList<>();
        int q = tEnd;
        while (q < s.length()) {
            int next = s.indexOf(';', q + 1);
            if (next < 0) next = s.length();
            String param = s.substring(q + 1, next);
            checkParameter(param, q + 1);
            params.add(param);
            q = next;
        }
        return new MsrpUri(scheme, userInfo, host, port, sessionId, transport, params);
    }

    private static int port(String s, int from, int to) {
        if (to <= from || to - from > 5) throw invalid(from, "port");
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw invalid(i, "port");
            n = n * 10 + (c - '0');
        }
        if (n > 65535) throw invalid(from, "port " + n);
        return n;
    }

    private static MsrpParseException invalid(long offset, String detail) {
        return new MsrpParseException(MsrpViolation.URI_INVALID, offset, detail);
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static boolean subDelim(char c) {
        return "!$&'()*+,;=".indexOf(c) >= 0;
    }

    private static boolean hex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** RFC 3986 userinfo: unreserved / pct-encoded / sub-delims / ":". */
    private static void checkUserInfo(String u, int base) {
        checkPctChars(u, base, ":", "userinfo");
    }

    private static void checkPctChars(String v, int base, String extra, String what) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%') {
                if (i + 2 >= v.length() || !hex(v.charAt(i + 1)) || !hex(v.charAt(i + 2))) throw invalid(base + i, what + " percent-encoding");
                i += 2;
            } else if (!unreserved(c) && !subDelim(c) && extra.indexOf(c) < 0) {
                throw invalid(base + i, what + " character '" + c + "'");
            }
        }
    }

    private static void checkHost(String h, int base) {
        if (h.isEmpty()) throw invalid(base, "empty host");
        if (h.charAt(0) == '[') {
            if (h.length() < 3 || h.charAt(h.length() - 1) != ']') throw invalid(base, "IP literal");
            String inner = h.substring(1, h.length() - 1);
            if (inner.charAt(0) == 'v' || inner.charAt(0) == 'V') {
                checkPctChars(inner, base + 1, ":", "IPvFuture");
            } else if (ipv6(inner) == null) {
                throw invalid(base, "IPv6 address " + h);
            }
            return;
        }
        checkPctChars(h, base, "", "host");
    }

    /** RFC 4975 §9 session-id = 1*( unreserved / "+" / "=" / "/" ). */
    private static void checkSessionId(String id, int base) {
        if (id.isEmpty()) throw invalid(base, "empty session-id");
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!unreserved(c) && c != '+' && c != '=' && c != '/') throw invalid(base + i, "session-id character '" + c + "'");
        }
    }

    /** RFC 4975 §9 transport = "tcp" / 1*ALPHANUM. */
    private static void checkTransport(String t, int base) {
        if (t.isEmpty()) throw invalid(base, "empty transport");
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) throw invalid(base + i, "transport");
        }
    }

    /** RFC 4975 §9 URI-parameter = token ["=" token]. */
    private static void checkParameter(String p, int base) {
        int eq = p.indexOf('=');
        String name = eq < 0 ? p : p.substring(0, eq);
        if (!isToken(name)) throw invalid(base, "URI parameter " + p);
        if (eq >= 0 && !isToken(p.substring(eq + 1))) throw invalid(base + eq + 1, "URI parameter " + p);
    }

    /** RFC 4975 §9 token (without "/" and ";"). */
    static boolean isToken(String t) {
        if (t.isEmpty()) return false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean ok = c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                    || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
            if (!ok) return false;
        }
        return true;
    }

    /** The eight 16-bit groups of an IPv6 address (RFC 4291 §2.2 text forms), or null if invalid. */
    static int[] ipv6(String a) {
        int dbl = a.indexOf("::");
        if (dbl >= 0 && a.indexOf("::", dbl + 1) >= 0) return null;
        List<Integer> left = new ArrayList<>(8);
        List<Integer> right = new ArrayList<>(8);
        if (dbl < 0) {
            if (!groups(a, left)) return null;
            if (left.size() != 8) return null;
        } else {
            if (!groups(a.substring(0, dbl), left) || !groups(a.substring(dbl + 2), right)) return null;
            if (left.size() + right.size() > 7) return null;
        }
        int[] out = new int[8];
        for (int i = 0; i < left.size(); i++) out[i] = left.get(i);
        for (int i = 0; i < right.size(); i++) out[8 - right.size() + i] = right.get(i);
        return out;
    }

    private static boolean groups(String s, List<Integer> out) {
        if (s.isEmpty()) return true;
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String g = parts[i];
            if (i == parts.length - 1 && g.indexOf('.') >= 0) {
                int[] v4 = ipv4(g);
                if (v4 == null) return false;
                out.add((v4[0] << 8) | v4[1]);
                out.add((v4[2] << 8) | v4[3]);
                continue;
            }
            if (g.isEmpty() || g.length() > 4) return false;
            int n = 0;
            for (int k = 0; k < g.length(); k++) {
                char c = g.charAt(k);
                if (!hex(c)) return false;
                n = n * 16 + Character.digit(c, 16);
            }
            out.add(n);
        }
        return out.size() <= 8;
    }

    private static int[] ipv4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) return null;
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            if (p[i].isEmpty() || p[i].length() > 3) return null;
            int n = 0;
            for (int k = 0; k < p[i].length(); k++) {
                char c = p[i].charAt(k);
                if (c < '0' || c > '9') return null;
                n = n * 10 + (c - '0');
            }
            if (n > 255) return null;
            out[i] = n;
        }
        return out;
    }

    /** True for {@code msrps}: the hop is protected by TLS (RFC 4975 §6). */
    public boolean isSecure() { return scheme.equalsIgnoreCase("msrps"); }

    /**
     * True for the RFC 7977 §5.2.1 {@code ws} transport (over TLS when the scheme is {@code msrps}),
     * and for {@code wss}, which some clients write for the secure form.
     */
    public boolean isWebSocket() { return transport.equalsIgnoreCase(WS) || transport.equalsIgnoreCase(WSS); }

    public MsrpUri withSessionId(String id) { return new MsrpUri(scheme, userInfo, host, port, id, transport, parameters); }

    public MsrpUri withPort(int newPort) { return new MsrpUri(scheme, userInfo, host, newPort, sessionId, transport, parameters); }

    public MsrpUri withTransport(String t) { return new MsrpUri(scheme, userInfo, host, port, sessionId, t, parameters); }

    public MsrpUri withUserInfo(String u) { return new MsrpUri(scheme, u, host, port, sessionId, transport, parameters); }

    /** The URI text. */
    public String format() {
        StringBuilder b = new StringBuilder(64).append(scheme).append("://");
        if (userInfo != null) b.append(userInfo).append('@');
        b.append(host);
        if (port >= 0) b.append(':').append(port);
        if (sessionId != null) b.append('/').append(sessionId);
        b.append(';').append(transport);
        for (String p : parameters) b.append(';').append(p);
        return b.toString();
    }

    @Override
    public String toString() { return format(); }

    /** RFC 4975 §6.1 equivalence; see the class comment. */
    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof MsrpUri u)) return false;
        return scheme.equalsIgnoreCase(u.scheme) && port == u.port && Objects.equals(sessionId, u.sessionId)
                && transport.equalsIgnoreCase(u.transport) && comparableHost().equals(u.comparableHost());
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme.toLowerCase(Locale.ROOT), comparableHost(), port, sessionId, transport.toLowerCase(Locale.ROOT));
    }

    /** RFC 4975 §6.1 rule 2: the host as compared (lower case, unreserved escapes decoded, IPv6 as address). */
    public String comparableHost() {
        if (host.charAt(0) == '[') {
            int[] g = ipv6(host.substring(1, host.length() - 1));
            if (g == null) return host.toLowerCase(Locale.ROOT);
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < 8; i++) b.append(i == 0 ? "" : ":").append(Integer.toHexString(g[i]));
            return b.append(']').toString();
        }
        if (host.indexOf('%') < 0) return host.toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '%' && i + 2 < host.length()) {
                char d = (char) Integer.parseInt(host.substring(i + 1, i + 3), 16);
                if (unreserved(d)) {
                    b.append(Character.toLowerCase(d));
                    i += 2;
                    continue;
                }
                b.append('%').append(Character.toUpperCase(host.charAt(i + 1))).append(Character.toUpperCase(host.charAt(i + 2)));
                i += 2;
                continue;
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }
}
