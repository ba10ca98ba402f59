package io.ferry.runtime.api;

import io.ferry.sip.NameAddr;
import io.ferry.sip.Parameters;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipParseFailure;
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
        checkNoControls(value);
        if (valueEnd(value) != value.length()) throw new IllegalArgumentException("a field value has no parameters: " + value);
        this.value = value.strip();
    }

    /**
     * Parses {@code field-value *(;generic-param)} (SipFactory.createParameterable): the field value
     * runs to the first {@code ;} outside a quoted-string and angle brackets; the parameters are
     * parsed by Ferry's header parameter parser.
     *
     * @throws SipParseException if the value is empty or the parameters break RFC 3261 §25.1
     */
    public static ServletParameterable parse(String text) throws SipParseException {
        int end = valueEnd(text);
        String value = text.substring(0, end).strip();
        if (value.isEmpty()) {
            throw new SipParseException(SipParseFailure.BAD_HEADER_VALUE, "Bad header value", "RFC 3261 §7.3.1 field-value: empty", 0);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new SipParseException(SipParseFailure.BAD_HEADER_VALUE, "Bad header value", "RFC 3261 §25.1: control character", i);
            }
        }
        // the parameters go through NameAddr's parser, behind a placeholder URI that is dropped
        Parameters params = NameAddr.parse(PLACEHOLDER + text.substring(end)).params();
        return of(value, params);
    }

    private static final String PLACEHOLDER = "<sip:parameterable.invalid>";

    /** Index of the first {@code ;} outside a quoted-string and angle brackets, or the length. */
    private static int valueEnd(String s) {
        boolean quoted = false;
        boolean bracket = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                bracket = true;
            } else if (c == '>') {
                bracket = false;
            } else if (c == ';' && !bracket) {
                return i;
            }
        }
        return s.length();
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
