package io.ferry.runtime.api;

import io.ferry.sip.AbsoluteUri;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipUri;
import io.ferry.sip.TelUri;
import io.ferry.sip.Uri;
import java.io.Serializable;
import java.util.Objects;
import javax.servlet.sip.URI;

/**
 * A {@link URI} over one of Ferry's immutable {@link Uri} values, replaced on every change.
 * Equality is the scheme's own (RFC 3261 §19.1.4, RFC 3966 §4); a read-only URI (the URI of a
 * system header, JSR 289 §5.4.1) throws {@code IllegalStateException} on change. Serializable as
 * its text, so that it can live in session attributes.
 */
public abstract sealed class ServletURI implements URI, Serializable
        permits ServletSipURI, ServletTelURL, ServletAbsoluteURI {

    private static final long serialVersionUID = 1L;

    private final boolean readOnly;

    ServletURI(boolean readOnly) {
        this.readOnly = readOnly;
    }

    /** A mutable URI over {@code uri}: {@link ServletSipURI}, {@link ServletTelURL} or {@link ServletAbsoluteURI}. */
    public static ServletURI of(Uri uri) {
        return of(uri, false);
    }

    /** A URI over {@code uri}, read-only if asked. */
    public static ServletURI of(Uri uri, boolean readOnly) {
        Objects.requireNonNull(uri, "uri");
        if (uri instanceof SipUri s) return new ServletSipURI(s, readOnly);
        if (uri instanceof TelUri t) return new ServletTelURL(t, readOnly);
        return new ServletAbsoluteURI((AbsoluteUri) uri, readOnly);
    }

    /** The current immutable value. */
    public abstract Uri toUri();

    /** True when every setter throws {@code IllegalStateException}. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** A read-only copy of the current value. */
    public ServletURI readOnlyCopy() {
        return of(toUri(), true);
    }

    /** A mutable, independent copy, even of a read-only URI. */
    @Override
    public ServletURI clone() {
        return of(toUri(), false);
    }

    @Override
    public String getScheme() {
        return toUri().scheme();
    }

    @Override
    public boolean isSipURI() {
        return toUri() instanceof SipUri;
    }

    /** The URI as written, escapes included (RFC 3261 §19.1.2). */
    @Override
    public String toString() {
        return toUri().toString();
    }

    /** Equivalence by the scheme's rules, through {@link Uri#matches(Uri)}. */
    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        Uri other = uriOf(o);
        return other != null && toUri().matches(other);
    }

    @Override
    public abstract int hashCode();

    void checkWritable() {
        if (readOnly) throw new IllegalStateException("JSR 289 §5.4.1: the URI of a system header is read-only");
    }

    /** Ferry's value of any {@link URI}, ours or another implementation's (parsed from its text); null if none. */
    static Uri uriOf(Object o) {
        if (o instanceof ServletURI s) return s.toUri();
        if (o instanceof URI u) {
            try {
                return Uri.parse(u.toString());
            } catch (SipParseException e) {
                return null;
            }
        }
        return null;
    }

    /** Parses a candidate after a change; a value the parser rejects is refused. */
    static Uri validated(String text) {
        try {
            return Uri.parse(text);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Serialization writes the text (Ferry's values are not serializable); inherited by the subclasses. */
    protected final Object writeReplace() {
        return new SerialForm(toString(), readOnly);
    }

    /** The serialized form: the text and the read-only flag. */
    private record SerialForm(String text, boolean readOnly) implements Serializable {
        private Object readResolve() {
            return of(validated(text), readOnly);
        }
    }
}
