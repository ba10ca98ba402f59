package io.ferry.runtime.api;

import io.ferry.sip.QuotedString;

/**
 * RFC 3261 §25.1 header parameter values: {@code gen-value = token / host / quoted-string}. The
 * servlet API hands values out without quotes and takes them without quotes; this adds quotes
 * when a value is not a token or host, and removes them.
 */
final class QuotedValues {

    private QuotedValues() {
    }

    /** The value as it goes on the wire: unchanged when it is a token or host, else a quoted-string. */
    static String toWire(String value) {
        if (value == null || value.isEmpty()) return null;
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenOrHostChar(value.charAt(i))) return quote(value);
        }
        return value;
    }

    /** The value without quotes and backslash escapes; a token is returned as is. */
    static String fromWire(String wire) {
        return wire == null ? "" : QuotedString.unquote(wire);
    }

    /** RFC 3261 §25.1 quoted-string with {@code quoted-pair} for {@code "} and {@code \}. */
    static String quote(String v) {
        return QuotedString.quote(v);
    }

    /** RFC 3261 §25.1 token characters, plus {@code : [ ]} of an IPv6 host. */
    static boolean isTokenOrHostChar(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
        return "-.!%*_+`'~:[]".indexOf(c) >= 0;
    }

    /** RFC 3261 §25.1 token. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' || c == '[' || c == ']' || !isTokenOrHostChar(c)) return false;
        }
        return true;
    }
}
