package io.ferry.runtime.api;

import io.ferry.sip.NameAddr;
import io.ferry.sip.Parameters;
import io.ferry.sip.SipParseException;
import io.ferry.sip.Uri;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import javax.servlet.sip.Address;
import javax.servlet.sip.URI;

/**
 * {@link Address} over Ferry's {@link NameAddr}: an optional display name, a {@link ServletURI}
 * (null for the Contact wildcard {@code *}, RFC 3261 §10.2.2) and header parameters.
 *
 * <p>The {@link Mutability} guards system headers (JSR 289 §5.4.1): {@link Mutability#TAG_LOCKED}
 * refuses changes of {@code tag} (From, To), {@link Mutability#READ_ONLY} refuses all changes and
 * hands out a read-only URI. {@link #clone()} follows the JSR 289 javadoc: the clone is mutable
 * and has no tag, so that it can be used in {@code SipFactory.createRequest}; {@link #copy(Mutability)}
 * keeps the tag. Serializable as its text and mutability.
 */
public final class ServletAddress extends ParameterizedValue implements Address, Serializable {

    private static final long serialVersionUID = 1L;

    /** Display name as written (quoted-string or tokens), or null. */
    private String displayName;
    /** The URI, or null for the wildcard. */
    private ServletURI uri;
    private boolean angleBrackets;

    private ServletAddress(String displayName, ServletURI uri, Parameters params, boolean angleBrackets, Mutability m) {
        super(params, m);
        this.displayName = displayName;
        this.uri = uri;
        this.angleBrackets = angleBrackets;
    }

    /** A mutable Address over a parsed value. */
    public static ServletAddress of(NameAddr value) {
        return of(value, Mutability.MUTABLE);
    }

    /** An Address over a parsed value; a read-only Address gets a read-only URI. */
    public static ServletAddress of(NameAddr value, Mutability m) {
        Objects.requireNonNull(value, "value");
        ServletURI u = value.isWildcard() ? null : ServletURI.of(value.uri(), m == Mutability.READ_ONLY);
        return new ServletAddress(value.displayName(), u, value.params(), value.angleBrackets(), m);
    }

    /** A mutable Address {@code <uri>} with an optional display name (null for none). */
    public static ServletAddress of(ServletURI uri, String displayName) {
        Objects.requireNonNull(uri, "uri");
        ServletAddress a = new ServletAddress(null, uri, Parameters.empty(), true, Mutability.MUTABLE);
        if (displayName != null) a.setDisplayName(displayName);
        return a;
    }

    /** A mutable Contact wildcard {@code *}. */
    public static ServletAddress wildcard() {
        return of(NameAddr.WILDCARD);
    }

    /** The current value as Ferry's immutable {@link NameAddr}. */
    public NameAddr toNameAddr() {
        if (uri == null) return NameAddr.WILDCARD;
        return new NameAddr(displayName, uri.toUri(), params, angleBrackets);
    }

    /** A copy with everything, tag included, and the given mutability; the URI is copied too. */
    public ServletAddress copy(Mutability m) {
        return of(toNameAddr(), m);
    }

    /** A read-only copy, as the container hands out for system headers (JSR 289 §5.4.1). */
    public ServletAddress readOnlyCopy() {
        return copy(Mutability.READ_ONLY);
    }

    /** JSR 289: identical display name, URI and parameters, except that the clone has no tag; mutable. */
    @Override
    public ServletAddress clone() {
        ServletAddress a = copy(Mutability.MUTABLE);
        a.params = a.params.without(Mutability.TAG);
        return a;
    }

    @Override
    void checkParameterWritable(String name) {
        super.checkParameterWritable(name);
        if (uri == null) throw new IllegalStateException("RFC 3261 §10.2.2: the wildcard Contact '*' has no parameters");
    }

    // ---- display name and URI

    /** The display name without quotes and escapes, or null. */
    @Override
    public String getDisplayName() {
        return displayName == null ? null : QuotedValues.fromWire(displayName);
    }

    /**
     * Sets the display name, written as a quoted-string with {@code "} and {@code \} escaped
     * (RFC 3261 §25.1); null or empty removes it.
     */
    @Override
    public void setDisplayName(String name) {
        mutability.checkWritable("the display name");
        if (uri == null) throw new IllegalStateException("RFC 3261 §10.2.2: the wildcard Contact '*' has no display name");
        if (name != null) checkNoControls(name);
        displayName = name == null || name.isEmpty() ? null : QuotedValues.quote(name);
        angleBrackets = true;
    }

    /** The live URI (changes to it change this Address); null for the wildcard. */
    @Override
    public ServletURI getURI() {
        return uri;
    }

    /**
     * Sets the URI. A {@link ServletURI} is kept as it is (a read-only one is copied, so that this
     * Address stays changeable); another implementation's URI is parsed from its text.
     */
    @Override
    public void setURI(URI newUri) {
        Objects.requireNonNull(newUri, "uri");
        mutability.checkWritable("the URI");
        if (newUri instanceof ServletURI s) {
            uri = s.isReadOnly() ? s.clone() : s;
        } else {
            uri = ServletURI.of(ServletURI.validated(newUri.toString()));
        }
        angleBrackets = true;
    }

    /** RFC 3261 §10.2.2: the Contact value {@code *}. */
    @Override
    public boolean isWildcard() {
        return uri == null;
    }

    // ---- q and expires (RFC 3261 §20.10)

    /** The {@code q} parameter, or -1.0 when absent or not a number. */
    @Override
    public float getQ() {
        String q = getParameter("q");
        if (q == null || q.isEmpty()) return -1.0f;
        try {
            return Float.parseFloat(q);
        } catch (NumberFormatException e) {
            return -1.0f;
        }
    }

    /**
     * Sets {@code q}, written as an RFC 3261 §25.1 qvalue (at most three decimals); -1 removes it.
     *
     * @throws IllegalArgumentException if q is neither -1 nor between 0 and 1
     */
    @Override
    public void setQ(float q) {
        if (q == -1.0f) {
            removeParameter("q");
            return;
        }
        if (!(q >= 0.0f && q <= 1.0f)) throw new IllegalArgumentException("RFC 3261 §20.10: q is between 0 and 1: " + q);
        BigDecimal d = new BigDecimal(Float.toString(q)).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        String text = d.toPlainString();
        setParameter("q", text.indexOf('.') < 0 ? text + ".0" : text);
    }

    /** The {@code expires} parameter in delta-seconds, or -1 when absent or not delta-seconds. */
    @Override
    public int getExpires() {
        String v = getParameter("expires");
        if (v == null || v.isEmpty()) return -1;
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return -1;
        // RFC 3261 §20.19: a larger value than can be represented is taken as the largest
        return v.length() > 10 ? Integer.MAX_VALUE : (int) Math.min(Long.parseLong(v), Integer.MAX_VALUE);
    }

    /** Sets {@code expires}; a negative value removes it. */
    @Override
    public void setExpires(int seconds) {
        setParameter("expires", seconds < 0 ? null : Integer.toString(seconds));
    }

    // ---- value and text

    /** The display name and URI, without the header parameters ({@code *} for the wildcard). */
    @Override
    public String getValue() {
        if (uri == null) return "*";
        return new NameAddr(displayName, uri.toUri(), Parameters.empty(), angleBrackets).toString();
    }

    /**
     * Replaces the display name and URI by those of {@code value} (a name-addr, an addr-spec or
     * {@code *}); parameters written in {@code value} are set on this Address, the others stay.
     *
     * @throws IllegalArgumentException if {@code value} does not parse
     * @throws IllegalStateException    if this Address is read-only, or a protected tag would change
     */
    @Override
    public void setValue(String value) {
        Objects.requireNonNull(value, "value");
        mutability.checkWritable("the value");
        NameAddr parsed;
        try {
            parsed = NameAddr.parse(value);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Parameters merged = params;
        for (Parameters.Param p : parsed.params().asList()) {
            if (!Objects.equals(params.value(p.name()), p.value()) || !params.has(p.name())) {
                mutability.checkParameterWritable(p.name());
            }
            merged = merged.with(p.name(), p.value());
        }
        if (parsed.isWildcard()) {
            if (params.has(Mutability.TAG)) mutability.checkParameterWritable(Mutability.TAG);
            uri = null;
            displayName = null;
            params = Parameters.empty();
            angleBrackets = false;
            return;
        }
        displayName = parsed.displayName();
        uri = ServletURI.of(parsed.uri(), false);
        angleBrackets = parsed.angleBrackets();
        params = merged;
    }

    /** The header value, e.g. {@code "Bob" <sip:bob@biloxi.com>;tag=a6c85cf}; valid in From and To. */
    @Override
    public String toString() {
        return toNameAddr().toString();
    }

    /**
     * JSR 289 {@code Address.equals}: the URIs compare by their own {@code equals}, parameters as
     * URI parameters do (RFC 3261 §19.1.4) with no special well-known names, display names are
     * ignored. Two wildcards are equal.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        ServletAddress a = addressOf(o);
        if (a == null) return false;
        if (uri == null || a.uri == null) return uri == a.uri;
        return uri.equals(a.uri) && parametersMatch(params, a.params);
    }

    /** Consistent with {@link #equals}: parameters may differ between equal Addresses, so only the URI enters. */
    @Override
    public int hashCode() {
        return uri == null ? 0 : uri.hashCode();
    }

    private static ServletAddress addressOf(Object o) {
        if (o instanceof ServletAddress a) return a;
        if (o instanceof Address other) {
            try {
                return of(NameAddr.parse(other.toString()));
            } catch (SipParseException e) {
                return null;
            }
        }
        return null;
    }

    private Object writeReplace() {
        return new SerialForm(toString(), mutability);
    }

    /** The serialized form: the header value and the mutability. */
    private record SerialForm(String text, Mutability mutability) implements Serializable {
        private Object readResolve() throws java.io.InvalidObjectException {
            try {
                return of(NameAddr.parse(text), mutability);
            } catch (SipParseException e) {
                throw new java.io.InvalidObjectException(e.getMessage());
            }
        }
    }

    /** Parses an Address value; used by {@link AddressFactory}. */
    static ServletAddress parse(String text) throws SipParseException {
        return of(NameAddr.parse(text));
    }

    /** Checks that {@code uri} is a URI Ferry's parser accepts; used by {@link AddressFactory}. */
    static Uri uriOf(URI u) {
        return u instanceof ServletURI s ? s.toUri() : ServletURI.validated(u.toString());
    }
}
