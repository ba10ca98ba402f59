package io.ferry.runtime.api;

import io.ferry.sip.UriEscapes;
import io.ferry.sip.UriEscapes.Component;
import io.ferry.sip.Parameters;
import io.ferry.sip.TelUri;
import io.ferry.sip.Uri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.servlet.sip.TelURL;

/**
 * {@link TelURL} over Ferry's {@link TelUri} (RFC 3966). Parameter names compare
 * case-insensitively, values are unescaped on the way out and escaped on the way in
 * (RFC 3966 §3 paramchar). {@link #equals} is RFC 3966 §4 ({@link TelUri#matches(Uri)}): global
 * numbers compare digits without visual separators, and the parameter sets must be equal.
 */
public final class ServletTelURL extends ServletURI implements TelURL {

    private static final long serialVersionUID = 1L;

    private static final String PHONE_CONTEXT = "phone-context";

    private TelUri uri;

    ServletTelURL(TelUri uri, boolean readOnly) {
        super(readOnly);
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    @Override
    public TelUri toUri() {
        return uri;
    }

    @Override
    public ServletTelURL clone() {
        return new ServletTelURL(uri, false);
    }

    /** Replaces the value after the parser has accepted its text. */
    private void set(String text) {
        checkWritable();
        Uri parsed = validated(text);
        if (!(parsed instanceof TelUri t) || !isWhole(text, t)) throw new IllegalArgumentException("RFC 3966 §3: not a tel URL: " + text);
        uri = t;
    }

    /**
     * True when the parser took all of {@code text}. Ferry's tel parser stops quietly at a
     * character that cannot continue a parameter name (e.g. {@code tel:+1;a b} gives {@code tel:+1;a}),
     * so the text is compared with the result, the scheme aside.
     */
    static boolean isWhole(String text, TelUri parsed) {
        String printed = parsed.toString();
        int colon = text.indexOf(':');
        return colon == 3 && text.regionMatches(colon, printed, 3, printed.length() - 3) && text.length() == printed.length();
    }

    /** The number with its visual separators, without the leading {@code +} of a global number. */
    @Override
    public String getPhoneNumber() {
        return uri.isGlobal() ? uri.number().substring(1) : uri.number();
    }

    @Override
    public boolean isGlobal() {
        return uri.isGlobal();
    }

    /** The {@code phone-context} of a local number, unescaped; null for a global number. */
    @Override
    public String getPhoneContext() {
        return uri.isGlobal() ? null : UriEscapes.unescape(uri.params().value(PHONE_CONTEXT));
    }

    /**
     * Sets a global number such as {@code +1-201-555-0123} (RFC 3966 §5.1.4); a phone-context is
     * dropped, since only local numbers have one. Other parameters stay.
     *
     * @throws IllegalArgumentException if it is not a valid global number
     */
    @Override
    public void setPhoneNumber(String number) {
        checkNumber(number);
        if (!number.startsWith("+")) throw new IllegalArgumentException("RFC 3966 §5.1.4: a global number starts with '+': " + number);
        set("tel:" + number + uri.params().without(PHONE_CONTEXT));
    }

    /**
     * Sets a local number with its phone-context (RFC 3966 §5.1.5), e.g. {@code ("7042", "example.com")}.
     *
     * @throws IllegalArgumentException if the number or the context is invalid
     */
    @Override
    public void setPhoneNumber(String number, String phoneContext) {
        checkNumber(number);
        if (number.startsWith("+")) throw new IllegalArgumentException("RFC 3966 §5.1.5: a local number has no '+': " + number);
        if (phoneContext == null || phoneContext.isEmpty()) throw new IllegalArgumentException("RFC 3966 §5.1.5: a local number needs a phone-context");
        set("tel:" + number + uri.params().with(PHONE_CONTEXT, UriEscapes.escape(phoneContext, Component.PARAM)));
    }

    private static void checkNumber(String number) {
        if (number == null || number.isEmpty() || number.indexOf(';') >= 0) {
            throw new IllegalArgumentException("RFC 3966 §3: not a telephone-subscriber number: " + number);
        }
    }

    private Parameters.Param findParam(String name) {
        for (Parameters.Param p : uri.params().asList()) if (p.name().equalsIgnoreCase(name)) return p;
        return null;
    }

    /** The value, unescaped; {@code ""} for a flag; null when absent. */
    @Override
    public String getParameter(String key) {
        Objects.requireNonNull(key, "key");
        Parameters.Param p = findParam(key);
        if (p == null) return null;
        return p.value() == null ? "" : UriEscapes.unescape(p.value());
    }

    @Override
    public Iterator<String> getParameterNames() {
        List<String> names = new ArrayList<>(uri.params().size());
        for (Parameters.Param p : uri.params().asList()) names.add(p.name());
        return Collections.unmodifiableList(names).iterator();
    }

    /** Sets a parameter ({@code ""} for a flag), escaping the value; null removes it. */
    @Override
    public void setParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            removeParameter(name);
            return;
        }
        Parameters.Param existing = findParam(name);
        String rawName = existing != null ? existing.name() : name;
        set("tel:" + uri.number() + uri.params().with(rawName, value.isEmpty() ? null : UriEscapes.escape(value, Component.PARAM)));
    }

    /** Removes a parameter; the phone-context of a local number cannot go (RFC 3966 §5.1.5). */
    @Override
    public void removeParameter(String name) {
        Objects.requireNonNull(name, "name");
        checkWritable();
        Parameters.Param existing = findParam(name);
        if (existing != null) set("tel:" + uri.number() + uri.params().without(existing.name()));
    }

    /** Consistent with RFC 3966 §4 equality: global or local, and the digits without separators. */
    @Override
    public int hashCode() {
        return Objects.hash(uri.isGlobal(), uri.digits().toLowerCase(Locale.ROOT));
    }
}
