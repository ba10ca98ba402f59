package io.ferry.runtime.api;

import io.ferry.sip.AbsoluteUri;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link javax.servlet.sip.URI} of a scheme other than sip, sips and tel (RFC 3261 §25.1
 * absoluteURI), such as {@code urn:} or {@code mailto:}: SipFactory must represent URIs of any
 * scheme. Such a URI has no parameters: RFC 3986 defines none in the generic syntax, so
 * {@link #setParameter} refuses and {@link #getParameter} finds nothing.
 */
public final class ServletAbsoluteURI extends ServletURI {

    private static final long serialVersionUID = 1L;

    private final AbsoluteUri uri;

    ServletAbsoluteURI(AbsoluteUri uri, boolean readOnly) {
        super(readOnly);
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    @Override
    public AbsoluteUri toUri() {
        return uri;
    }

    @Override
    public String getParameter(String key) {
        Objects.requireNonNull(key, "key");
        return null;
    }

    @Override
    public Iterator<String> getParameterNames() {
        return Collections.emptyIterator();
    }

    /** Nothing to remove: a URI of this scheme has no parameters. */
    @Override
    public void removeParameter(String name) {
        Objects.requireNonNull(name, "name");
        checkWritable();
    }

    /** @throws IllegalArgumentException always: RFC 3986 generic URIs have no parameters */
    @Override
    public void setParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        checkWritable();
        throw new IllegalArgumentException("RFC 3986: a " + uri.scheme() + " URI has no parameters to set");
    }

    @Override
    public int hashCode() {
        // consistent with AbsoluteUri.matches: scheme case-insensitively, the rest exactly
        return uri.scheme().toLowerCase(Locale.ROOT).hashCode() * 31
                + uri.text().substring(uri.scheme().length()).hashCode();
    }
}
