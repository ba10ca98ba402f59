package io.ferry.auth;

/** Character classes and quoting shared by the Digest parser and serializers. */
final class DigestSyntax {
    private DigestSyntax() {
    }

    /**
     * A token character. This is the union of RFC 3261 §25.1 {@code token} and RFC 9110 §5.6.2
     * {@code tchar}, so that one parser serves SIP and the HTTP-style headers of MSRP.
     */
    static boolean isTokenChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return switch (c) {
            case '-', '.', '!', '%', '*', '_', '+', '`', '\'', '~', '#', '$', '&', '^', '|' -> true;
            default -> false;
        };
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A control character other than HTAB (RFC 5234 CTL): never allowed inside a value. */
    static boolean isForbiddenControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7F;
    }

    /** Rejects null values and control characters, which would let a value break the header. */
    static String requireValue(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        for (int i = 0; i < value.length(); i++) {
            if (isForbiddenControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " contains a control character at " + i);
            }
        }
        return value;
    }

    /** Appends {@code value} as a quoted-string, escaping {@code "} and {@code \} (RFC 3261 §25.1 quoted-pair). */
    static void appendQuoted(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    /** Appends {@code name=value}, quoting the value unless it is a token. */
    static void appendTokenOrQuoted(StringBuilder sb, String name, String value) {
        sb.append(name).append('=');
        if (isToken(value)) {
            sb.append(value);
        } else {
            appendQuoted(sb, value);
        }
    }

    /** Appends {@code name="value"}. */
    static void appendQuotedParam(StringBuilder sb, String name, String value) {
        sb.append(name).append('=');
        appendQuoted(sb, value);
    }
}
