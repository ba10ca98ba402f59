package io.ferry.auth;

import java.util.Locale;

/**
 * One {@code auth-param} (RFC 7235 §2.1, RFC 3261 §25.1): a case-insensitive name and its
 * value, remembering whether the value was written as a quoted-string. Parameters that Ferry
 * does not interpret are kept as these, so that they survive a round trip.
 *
 * @param name   the name as written (compare with {@link #is(String)})
 * @param value  the value, unquoted and unescaped
 * @param quoted whether to write the value as a quoted-string
 */
public record AuthParam(String name, String value, boolean quoted) {

    public AuthParam {
        if (!DigestSyntax.isToken(name)) {
            throw new IllegalArgumentException("auth-param name is not a token: " + name);
        }
        DigestSyntax.requireValue(name, value);
        if (!quoted && !DigestSyntax.isToken(value)) {
            throw new IllegalArgumentException("unquoted auth-param value is not a token: " + name);
        }
    }

    /** Whether this parameter has the given name, compared case-insensitively. */
    public boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    /** The name in lower case, the form used for duplicate detection. */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** {@code name=value} or {@code name="value"} with quotes and backslashes escaped. */
    public String toHeaderText() {
        StringBuilder sb = new StringBuilder(name.length() + value.length() + 3);
        sb.append(name).append('=');
        if (quoted) {
            DigestSyntax.appendQuoted(sb, value);
        } else {
            sb.append(value);
        }
        return sb.toString();
    }
}
