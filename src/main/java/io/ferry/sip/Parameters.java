package io.ferry.sip;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered, immutable list of {@code ;name[=value]} parameters (RFC 3261 §25.1 generic-param
 * and uri-parameter). Names compare case-insensitively; values are kept exactly as written,
 * quotes and escapes included. A parameter without a value (e.g. {@code ;lr}, {@code ;rport}) has
 * a {@code null} value.
 */
public final class Parameters {

    /** One parameter; {@code value} is {@code null} for a flag such as {@code lr}. */
    public record Param(String name, String value) {
        public Param {
            if (name == null || name.isEmpty()) throw new IllegalArgumentException("empty parameter name");
        }
    }

    private static final Param[] NONE = new Param[0];
    private static final Parameters EMPTY = new Parameters(NONE, 0);

    private final Param[] arr;
    private final int n;

    private Parameters(Param[] arr, int n) {
        this.arr = arr;
        this.n = n;
    }

    public static Parameters empty() {
        return EMPTY;
    }

    public static Parameters of(List<Param> params) {
        return params.isEmpty() ? EMPTY : new Parameters(params.toArray(NONE), params.size());
    }

    /** Takes {@code a[0, n)} without copying; the caller never touches {@code a} again. */
    static Parameters adopt(Param[] a, int n) {
        return n == 0 ? EMPTY : new Parameters(a, n);
    }

    /** The parameters in order, as an unmodifiable list. */
    public List<Param> asList() {
        return new AbstractList<>() {
            @Override
            public Param get(int index) {
                Objects.checkIndex(index, n);
                return arr[index];
            }

            @Override
            public int size() {
                return n;
            }
        };
    }

    public boolean isEmpty() {
        return n == 0;
    }

    public int size() {
        return n;
    }

    /** The parameter at {@code index}. */
    public Param get(int index) {
        Objects.checkIndex(index, n);
        return arr[index];
    }

    /** True when a parameter named {@code name} is present, with or without a value. */
    public boolean has(String name) {
        return find(name) != null;
    }

    /** The value as written ({@code ""} for a flag), or empty when absent. */
    public Optional<String> get(String name) {
        Param p = find(name);
        if (p == null) return Optional.empty();
        return Optional.of(p.value == null ? "" : p.value);
    }

    /** The value as written, or {@code null} when absent or a flag. */
    public String value(String name) {
        Param p = find(name);
        return p == null ? null : p.value;
    }

    /** The value with quotes and escapes removed, or {@code null} when absent or a flag. */
    public String unquoted(String name) {
        return QuotedString.unquote(value(name));
    }

    Param find(String name) {
        for (int i = 0; i < n; i++) if (SipChars.equalsIgnoreCase(arr[i].name, name)) return arr[i];
        return null;
    }

    /** A copy where {@code name} has {@code value} ({@code null} for a flag), in place or appended. */
    public Parameters with(String name, String value) {
        Param[] out = new Param[n + 1];
        int k = 0;
        boolean replaced = false;
        for (int i = 0; i < n; i++) {
            Param p = arr[i];
            if (SipChars.equalsIgnoreCase(p.name, name)) {
                if (!replaced) out[k++] = new Param(p.name, value);
                replaced = true;
            } else {
                out[k++] = p;
            }
        }
        if (!replaced) out[k++] = new Param(name, value);
        return new Parameters(out, k);
    }

    /** A copy without {@code name}. */
    public Parameters without(String name) {
        if (find(name) == null) return this;
        Param[] out = new Param[n];
        int k = 0;
        for (int i = 0; i < n; i++) if (!SipChars.equalsIgnoreCase(arr[i].name, name)) out[k++] = arr[i];
        return adopt(out, k);
    }

    /**
     * Parses a generic-param list (RFC 3261 §25.1) such as {@code ;lr;transport=tcp;x="a b"};
     * the leading semicolon is optional. Anything that is not a parameter is an error.
     */
    public static Parameters parse(String text) throws SipParseException {
        String t = text;
        int i = 0;
        while (i < t.length() && SipChars.isWsp(t.charAt(i))) i++;
        if (i < t.length() && t.charAt(i) != ';') t = ";" + t.substring(i);
        ValueScanner sc = new ValueScanner(t, -1, "Bad Parameters", "RFC 3261 §25.1 generic-param");
        Parameters p = parse(sc);
        sc.skipWs();
        if (!sc.atEnd()) throw sc.error("unexpected character");
        return p;
    }

    /**
     * Parses {@code *( SEMI generic-param )} from the scanner's position (RFC 3261 §25.1), stopping
     * before any character that cannot continue the list (e.g. a comma).
     */
    static Parameters parse(ValueScanner sc) throws SipParseException {
        Param[] out = null;
        int k = 0;
        while (true) {
            int save = sc.pos;
            sc.skipWs();
            if (sc.peek() != ';') {
                sc.pos = save;
                break;
            }
            sc.pos++;
            sc.skipWs();
            String name = sc.token("parameter name");
            String value = null;
            if (sc.skipWsAnd('=')) value = sc.paramValue();
            if (out == null) out = new Param[4];
            else if (k == out.length) out = Arrays.copyOf(out, k * 2);
            out[k++] = new Param(name, value);
        }
        return out == null ? EMPTY : new Parameters(out, k);
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    void appendTo(StringBuilder sb) {
        for (int i = 0; i < n; i++) {
            Param p = arr[i];
            sb.append(';').append(p.name);
            if (p.value != null) sb.append('=').append(p.value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && Arrays.equals(arr, 0, n, p.arr, 0, p.n);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < n; i++) h = 31 * h + arr[i].hashCode();
        return h;
    }

    /** {@code ;a=b;c} as written. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }
}
