package io.ferry.runtime.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3261 §19.1.2 escaping of the components that the servlet API hands out unescaped
 * ({@code SipURI.getUser}) and takes unescaped ({@code setUser}). Parsing stays in
 * {@link io.ferry.sip.Uri}; this only maps between the escaped and unescaped forms.
 */
final class UriEscaping {

    private UriEscaping() {
    }

    /** The RFC 3261 §25.1 character set a component may hold unescaped, besides {@code unreserved}. */
    enum Component {
        /** user-unreserved. */
        USER("&=+$,;?/"),
        /** password. */
        PASSWORD("&=+$,"),
        /** param-unreserved; RFC 3966 §3 allows the same set in tel parameters. */
        PARAM("[]/:&+$"),
        /** hnv-unreserved. */
        HEADER("[]/?:+$");

        private final String extra;

        Component(String extra) {
            this.extra = extra;
        }

        boolean allows(int c) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
            // RFC 3261 §25.1 mark
            if ("-_.!~*'()".indexOf(c) >= 0) return true;
            return c < 0x80 && extra.indexOf(c) >= 0;
        }
    }

    /** Escapes every UTF-8 octet of {@code s} that {@code c} does not allow. */
    static String escape(String s, Component c) {
        if (s == null) return null;
        boolean clean = true;
        for (int i = 0; i < s.length() && clean; i++) clean = c.allows(s.charAt(i));
        if (clean) return s;
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int ch = b & 0xff;
            if (ch < 0x80 && c.allows(ch)) {
                sb.append((char) ch);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(ch >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(ch & 15, 16)));
            }
        }
        return sb.toString();
    }

    /** Decodes {@code %HH} escapes as UTF-8; a {@code %} not followed by two hex digits stays. */
    static String unescape(String s) {
        if (s == null || s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
