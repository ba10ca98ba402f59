package io.ferry.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 3261 §19.1.2 escaping: {@code %HH} sequences in URI components. Stateless. */
public final class UriEscapes {

    private UriEscapes() {
    }

    /** Decodes {@code %HH} escapes (UTF-8); text without {@code %} is returned as is. */
    public static String unescape(String s) {
        if (s == null || s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && SipChars.isHex(s.charAt(i + 1)) && SipChars.isHex(s.charAt(i + 2))) {
                out.write(SipChars.hexValue(s.charAt(i + 1)) * 16 + SipChars.hexValue(s.charAt(i + 2)));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * RFC 3261 §19.1.4 form for comparisons: an escape of a character outside the reserved set
     * ({@code ; / ? : @ & = + $ ,}) is decoded, since it is equivalent to the character; escapes
     * of reserved or non-ASCII octets stay escaped, with upper-case hex.
     */
    public static String normalize(String s) {
        if (s == null || s.indexOf('%') < 0) return s;
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && SipChars.isHex(s.charAt(i + 1)) && SipChars.isHex(s.charAt(i + 2))) {
                int v = SipChars.hexValue(s.charAt(i + 1)) * 16 + SipChars.hexValue(s.charAt(i + 2));
                if (v < 0x80 && ";/?:@&=+$,".indexOf(v) < 0 && v != '%') {
                    sb.append((char) v);
                } else {
                    sb.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Kinds of component, each with its own set of characters allowed unescaped. */
    public enum Component { USER, PASSWORD, PARAM, HEADER }

    /** True when {@code ch} may appear unescaped in the component. */
    public static boolean allowed(Component c, int ch) {
        return switch (c) {
            case USER -> SipChars.isUserChar(ch);
            case PASSWORD -> SipChars.isPasswordChar(ch);
            case PARAM -> SipChars.isParamChar(ch);
            case HEADER -> SipChars.isHeaderChar(ch);
        };
    }

    /** Escapes every byte of the UTF-8 form of {@code s} that the component does not allow. */
    public static String escape(String s, Component component) {
        boolean clean = true;
        for (int i = 0; i < s.length() && clean; i++) clean = allowed(component, s.charAt(i));
        if (clean) return s;
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int ch = b & 0xff;
            if (ch < 0x80 && allowed(component, ch)) {
                sb.append((char) ch);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(ch >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(ch & 15, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Validates that {@code s[from, to)} holds only characters allowed in the component or
     * well-formed escapes; returns the index of the first bad character, or -1.
     */
    public static int firstInvalid(String s, int from, int to, Component component) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= to || !SipChars.isHex(s.charAt(i + 1)) || !SipChars.isHex(s.charAt(i + 2))) return i;
                i += 2;
            } else if (!allowed(component, c)) {
                return i;
            }
        }
        return -1;
    }
}
