package io.ferry.runtime.api;

import io.ferry.sip.Parameters;
import java.util.Locale;
import java.util.Objects;
import javax.servlet.sip.Parameterable;

/**
 * A {@link Parameterable} header value that is not an address, such as Content-Type,
 * Accept, Via or Retry-After: a field value and its header parameters (RFC 3261 §25.1).
 */
public final class ServletParameterable extends ParameterizedValue {

    private String value;

    /** A value with parameters as they go on the wire. */
    public ServletParameterable(String value, Parameters params, Mutability mutability) {
        super(params, mutability);
        this.value = Objects.requireNonNull(value, "value");
    }

    /** A mutable value with parameters. */
    public static ServletParameterable of(String value, Parameters params) {
        return new ServletParameterable(value, params, Mutability.MUTABLE);
    }

    /** The field value, without its parameters. */
    @Override
    public String getValue() {
        return value;
    }

    /** Sets the field value, without parameters. */
    @Override
    public void setValue(String value) {
        Objects.requireNonNull(value, "value");
        mutability.checkWritable("value");
        if (value.indexOf(';') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a field value has no ';', CR or LF: " + value);
        }
        this.value = value.strip();
    }

    /** A copy with the given mutability. */
    public ServletParameterable copy(Mutability m) {
        return new ServletParameterable(value, params, m);
    }

    /** A mutable, independent copy with identical value and parameters. */
    @Override
    public ServletParameterable clone() {
        return copy(Mutability.MUTABLE);
    }

    /** The value and its parameters, e.g. {@code text/plain;charset=UTF-8}. */
    @Override
    public String toString() {
        return value + params;
    }

    /**
     * Field values equal case-insensitively, parameters as for Address (RFC 3261 §19.1.4 with no
     * well-known names), since RFC 3261 §7.3.1 makes most header values case-insensitive.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof ServletParameterable p)) return false;
        return value.equalsIgnoreCase(p.value) && parametersMatch(params, p.params);
    }

    @Override
    public int hashCode() {
        return value.toLowerCase(Locale.ROOT).hashCode();
    }
}
