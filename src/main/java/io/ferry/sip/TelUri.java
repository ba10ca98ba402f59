package io.ferry.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code tel:} URI (RFC 3966, basic form): a global ({@code +} digits) or local number with
 * visual separators, and parameters such as {@code phone-context} or {@code ext}.
 *
 * @param number the number as written, visual separators included
 * @param params the parameters as written
 */
public record TelUri(String number, Parameters params) implements Uri {

    private static final String RULE = "RFC 3966 §3 telephone-uri";

    public TelUri {
        if (number == null || number.isEmpty()) throw new IllegalArgumentException("empty tel number");
        if (params == null) params = Parameters.empty();
    }

    @Override
    public String scheme() {
        return "tel";
    }

    /** RFC 3966 §5.1.4: a global number starts with {@code +}. */
    public boolean isGlobal() {
        return number.startsWith("+");
    }

    /** The number without visual separators ({@code - . ( )}). */
    public String digits() {
        StringBuilder sb = new StringBuilder(number.length());
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c != '-' && c != '.' && c != '(' && c != ')') sb.append(c);
        }
        return sb.toString();
    }

    static TelUri parse(String s, int from, int end, int base, String reason) throws SipParseException {
        int i = from;
        boolean global = i < end && s.charAt(i) == '+';
        if (global) i++;
        int digits = 0;
        while (i < end && s.charAt(i) != ';') {
            char c = s.charAt(i);
            boolean visual = c == '-' || c == '.' || c == '(' || c == ')';
            boolean digit = global ? SipChars.isDigit(c) : (SipChars.isHex(c) || c == '*' || c == '#');
            if (!visual && !digit) throw err(reason, "bad character in number", base, i);
            if (digit) digits++;
            i++;
        }
        if (digits == 0) throw err(reason, "number without digits", base, i);
        String number = s.substring(from, i);
        List<Parameters.Param> params = new ArrayList<>(2);
        while (i < end && s.charAt(i) == ';') {
            i++;
            int ns = i;
            while (i < end && (SipChars.isUnreserved(s.charAt(i)) || s.charAt(i) == '-')) i++;
            if (i == ns) throw err(reason, "empty parameter name", base, i);
            if (i < end && s.charAt(i) != '=' && s.charAt(i) != ';') throw err(reason, "bad character in parameter name", base, i);
            String name = s.substring(ns, i);
            String value = null;
            if (i < end && s.charAt(i) == '=') {
                int vs = ++i;
                while (i < end && s.charAt(i) != ';') {
                    char c = s.charAt(i);
                    if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == 0x7f) throw err(reason, "bad character in parameter", base, i);
                    i++;
                }
                if (i == vs) throw err(reason, "empty parameter value", base, i);
                value = s.substring(vs, i);
            }
            params.add(new Parameters.Param(name, value));
        }
        // RFC 3966 §5.1.5: a local number needs a phone-context
        Parameters p = Parameters.of(params);
        if (!global && !p.has("phone-context")) throw err(reason, "local number without phone-context", base, from);
        return new TelUri(number, p);
    }

    private static SipParseException err(String reason, String detail, int base, int at) {
        return new SipParseException(SipParseFailure.BAD_URI, reason, RULE + ": " + detail, base < 0 ? -1 : base + at);
    }

    /**
     * RFC 3966 §4: equal when both are global or both local, the numbers are equal without
     * visual separators (hex digits case-insensitively), and the parameter sets are equal
     * (names and values case-insensitively, order ignored).
     */
    @Override
    public boolean matches(Uri other) {
        if (!(other instanceof TelUri t) || isGlobal() != t.isGlobal()) return false;
        if (!SipChars.equalsIgnoreCase(digits(), t.digits())) return false;
        if (params.size() != t.params.size()) return false;
        for (Parameters.Param p : params.asList()) {
            Parameters.Param q = t.params.find(p.name());
            if (q == null) return false;
            if (p.value() == null ? q.value() != null : q.value() == null
                    || !SipChars.equalsIgnoreCase(UriEscapes.unescape(p.value()), UriEscapes.unescape(q.value()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "tel:" + number + params;
    }
}
