package io.ferry.sip;

import java.nio.charset.StandardCharsets;

/**
 * Shared String constants for the tokens that appear in nearly every message (methods, Via
 * protocol and transports, common parameter names), so that parsing them allocates nothing.
 * Matching is exact (case-sensitive); other spellings get a new String.
 */
final class Interned {

    private Interned() {
    }

    static final String[] METHODS = {
            "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "MESSAGE", "SUBSCRIBE", "NOTIFY",
            "PRACK", "UPDATE", "REFER", "INFO", "PUBLISH"};

    private static final String[] TOKENS = {
            "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "MESSAGE", "SUBSCRIBE", "NOTIFY",
            "PRACK", "UPDATE", "REFER", "INFO", "PUBLISH",
            "SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS",
            "branch", "tag", "received", "rport", "lr", "transport", "expires", "maddr", "ttl", "user", "method",
            "q", "ob", "reg-id", "+sip.instance", "+sip.ice", "gr", "pub-gruu", "temp-gruu", "alias",
            "realm", "nonce", "qop", "algorithm", "opaque", "stale", "username", "uri", "response", "cnonce", "nc",
            "Digest", "auth", "MD5", "sip", "sips", "tel", "ws", "wss", "udp", "tcp", "tls", "phone"};

    private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];
    /** TOKENS grouped by length, for a lookup that compares only candidates of the right size. */
    private static final String[][] BY_LENGTH;

    static {
        for (int i = 0; i < METHODS.length; i++) METHOD_BYTES[i] = METHODS[i].getBytes(StandardCharsets.US_ASCII);
        int max = 0;
        for (String t : TOKENS) max = Math.max(max, t.length());
        BY_LENGTH = new String[max + 1][];
        for (int len = 0; len <= max; len++) {
            final int l = len;
            BY_LENGTH[len] = java.util.Arrays.stream(TOKENS).filter(t -> t.length() == l).distinct().toArray(String[]::new);
        }
    }

    /** {@code s[from, to)} as a shared constant when it is a common token, else a new String. */
    static String token(String s, int from, int to) {
        int len = to - from;
        if (len > 0 && len < BY_LENGTH.length) {
            for (String t : BY_LENGTH[len]) {
                if (same(s, from, t, len)) return t;
            }
        }
        return s.substring(from, to);
    }

    private static boolean same(String s, int from, String t, int len) {
        for (int i = 0; i < len; i++) {
            if (s.charAt(from + i) != t.charAt(i)) return false;
        }
        return true;
    }

    /** The method in {@code b[s, e)} (ASCII token) as a shared constant when it is a common one. */
    static String method(byte[] b, int s, int e) {
        int len = e - s;
        for (int i = 0; i < METHOD_BYTES.length; i++) {
            byte[] m = METHOD_BYTES[i];
            if (m.length == len && java.util.Arrays.equals(m, 0, len, b, s, e)) return METHODS[i];
        }
        return new String(b, s, len, StandardCharsets.US_ASCII);
    }
}
