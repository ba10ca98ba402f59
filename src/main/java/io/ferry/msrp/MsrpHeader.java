package io.ferry.msrp;

import java.util.Objects;

/**
 * One header field as it was on the wire: {@code name ":" rawValue}. The raw value keeps the
 * whitespace after the colon (normally one SP), so a header Ferry did not change is written back
 * byte for byte. {@link #value()} is the value without that leading and any trailing whitespace.
 */
public record MsrpHeader(String name, String rawValue) {

    public MsrpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rawValue, "rawValue");
        if (!isName(name)) throw new MsrpParseException(MsrpViolation.HEADER_MALFORMED, -1, "header name \"" + name + "\"");
        for (int i = 0; i < rawValue.length(); i++) {
            char c = rawValue.charAt(i);
            if (c == '\r' || c == '\n' || (c < 0x20 && c != '\t') || c == 0x7F)
                throw new MsrpParseException(MsrpViolation.HEADER_MALFORMED, i, name + " value has a control character");
        }
    }

    /** A header written the canonical way: {@code name ": " value}. */
    public static MsrpHeader of(String name, String value) {
        return new MsrpHeader(name, " " + value);
    }

    /** The value without surrounding SP/HTAB. */
    public String value() {
        int s = 0, e = rawValue.length();
        while (s < e && (rawValue.charAt(s) == ' ' || rawValue.charAt(s) == '\t')) s++;
        while (e > s && (rawValue.charAt(e - 1) == ' ' || rawValue.charAt(e - 1) == '\t')) e--;
        return rawValue.substring(s, e);
    }

    /** Number of characters before the value starts in {@link #rawValue()}. */
    int valueIndent() {
        int s = 0;
        while (s < rawValue.length() && (rawValue.charAt(s) == ' ' || rawValue.charAt(s) == '\t')) s++;
        return s;
    }

    /** Case-insensitive name match (RFC 4975 §9 names are ABNF literal strings). */
    public boolean is(String headerName) { return name.equalsIgnoreCase(headerName); }

    /** RFC 4975 §9 hname = ALPHA *token. */
    static boolean isName(String n) {
        if (n.isEmpty()) return false;
        char c = n.charAt(0);
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
        return MsrpUri.isToken(n);
    }
}
