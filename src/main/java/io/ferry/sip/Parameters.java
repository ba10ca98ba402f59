package io.ferry.sip;

import java.util.ArrayList;
import java.util.List;
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

    private static final Parameters EMPTY = new Parameters(List.of());

    private final List<Param> list;

    private Parameters(List<Param> list) {
        this.list = list;
    }

    public static Parameters empty() {
        return EMPTY;
    }

    public static Parameters of(List<Param> params) {
        return params.isEmpty() ? EMPTY : new Parameters(List.copyOf(params));
    }

    public List<Param> asList() {
        return list;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
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
        return ValueScanner.unquote(value(name));
    }

    Param find(String name) {
        for (Param p : list) if (SipChars.equalsIgnoreCase(p.name, name)) return p;
        return null;
    }

    /** A copy where {@code name} has {@code value} ({@code null} for a flag), in place or appended. */
    public Parameters with(String name, String value) {
        List<Param> out = new ArrayList<>(list.size() + 1);
        boolean replaced = false;
        for (Param p : list) {
            if (!replaced && SipChars.equalsIgnoreCase(p.name, name)) {
                out.add(new Param(p.name, value));
                replaced = true;
            } else if (!SipChars.equalsIgnoreCase(p.name, name)) {
                out.add(p);
            }
        }
        if (!replaced) out.add(new Param(name, value));
        return new Parameters(List.copyOf(out));
    }

    /** A copy without {@code name}. */
    public Parameters without(String name) {
        if (find(name) == null) return this;
        List<Param> out = new ArrayList<>(list.size());
        for (Param p : list) if (!SipChars.equalsIgnoreCase(p.name, name)) out.add(p);
        return out.isEmpty() ? EMPTY : new Parameters(List.copyOf(out));
    }

    /**
     * Parses {@code *( SEMI generic-param )} from the scanner's position (RFC 3261 §25.1), stopping
     * before any character that cannot continue the list (e.g. a comma).
     */
    static Parameters parse(ValueScanner sc) throws SipParseException {
        List<Param> out = null;
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
            if (out == null) out = new ArrayList<>(4);
            out.add(new Param(name, value));
        }
        return out == null ? EMPTY : new Parameters(List.copyOf(out));
    }

    /** Appends {@code ;name[=value]} for each parameter. */
    void appendTo(StringBuilder sb) {
        for (Param p : list) {
            sb.append(';').append(p.name);
            if (p.value != null) sb.append('=').append(p.value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && list.equals(p.list);
    }

    @Override
    public int hashCode() {
        return list.hashCode();
    }

    /** {@code ;a=b;c} as written. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }
}
