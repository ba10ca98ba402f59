package io.ferry.runtime.api;

import io.ferry.sip.Parameters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.servlet.sip.Parameterable;

/**
 * The header parameters of a {@link Parameterable} (RFC 3261 §25.1 generic-param) over Ferry's
 * immutable {@link Parameters}. Names compare case-insensitively. Values are handed out without
 * quotes and taken without quotes: a value that is not a token or host is written as a
 * quoted-string. A flag parameter has the value {@code ""}.
 */
abstract sealed class ParameterizedValue implements Parameterable permits ServletAddress, ServletParameterable {

    Parameters params;
    final Mutability mutability;

    ParameterizedValue(Parameters params, Mutability mutability) {
        this.params = params == null ? Parameters.empty() : params;
        this.mutability = Objects.requireNonNull(mutability, "mutability");
    }

    /** What may be changed. */
    public Mutability mutability() {
        return mutability;
    }

    /** The current parameters, as they go on the wire. */
    public Parameters toParameters() {
        return params;
    }

    /** Throws {@code IllegalStateException} when the parameter cannot change here. */
    void checkParameterWritable(String name) {
        mutability.checkParameterWritable(name);
    }

    /** The value without quotes; {@code ""} for a flag; null when absent. */
    @Override
    public String getParameter(String key) {
        Objects.requireNonNull(key, "key");
        return params.get(key).map(QuotedValues::fromWire).orElse(null);
    }

    @Override
    public Iterator<String> getParameterNames() {
        List<String> names = new ArrayList<>(params.size());
        for (Parameters.Param p : params.asList()) names.add(p.name());
        return Collections.unmodifiableList(names).iterator();
    }

    /** A snapshot of the name-value pairs in order (the first of a repeated name); unmodifiable. */
    @Override
    public Set<Map.Entry<String, String>> getParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Parameters.Param p : params.asList()) m.putIfAbsent(p.name(), QuotedValues.fromWire(p.value()));
        return Collections.unmodifiableMap(m).entrySet();
    }

    /**
     * Sets a parameter ({@code ""} for a flag), quoting the value when it is not a token or host;
     * a null value removes it.
     *
     * @throws IllegalArgumentException if the name is not an RFC 3261 token
     * @throws IllegalStateException    if the parameter is protected (JSR 289 §5.4.1)
     */
    @Override
    public void setParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            removeParameter(name);
            return;
        }
        checkParameterWritable(name);
        checkNoControls(value);
        if (!QuotedValues.isToken(name)) throw new IllegalArgumentException("RFC 3261 §25.1: parameter name is not a token: " + name);
        params = params.with(name, QuotedValues.toWire(value));
    }

    @Override
    public void removeParameter(String name) {
        Objects.requireNonNull(name, "name");
        checkParameterWritable(name);
        params = params.without(name);
    }

    /** RFC 3261 §25.1: quoted-string and token hold no CR, LF or other control (no header injection). */
    static void checkNoControls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) throw new IllegalArgumentException("RFC 3261 §25.1: control character in " + text.strip());
        }
    }

    /**
     * RFC 3261 §19.1.4 applied to header parameters with no special well-known names (the rule
     * JSR 289 gives for {@code Address.equals}): a parameter present in both must have equal values,
     * names and values compared case-insensitively; one present in only one is ignored.
     */
    static boolean parametersMatch(Parameters a, Parameters b) {
        for (Parameters.Param p : a.asList()) {
            var q = b.get(p.name());
            if (q.isEmpty()) continue;
            String pv = p.value() == null ? "" : QuotedValues.fromWire(p.value());
            String qv = QuotedValues.fromWire(q.get());
            if (!pv.equalsIgnoreCase(qv)) return false;
        }
        return true;
    }

    @Override
    public abstract ParameterizedValue clone();
}
