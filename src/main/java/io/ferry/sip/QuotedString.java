package io.ferry.sip;

/** RFC 3261 §25.1 {@code quoted-string}: quoting and unquoting with {@code quoted-pair} escapes. */
public final class QuotedString {

    private QuotedString() {
    }

    /** Removes the quotes and backslash escapes of a quoted-string; other text is returned as is. */
    public static String unquote(String v) {
        if (v == null || v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') return v;
        StringBuilder sb = new StringBuilder(v.length() - 2);
        for (int i = 1; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() - 1) c = v.charAt(++i);
            sb.append(c);
        }
        return sb.toString();
    }

    /** A quoted-string for {@code v}, escaping {@code "} and {@code \}. */
    public static String quote(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
