package io.ferry.runtime.api;

import io.ferry.sip.UriEscapes;
import io.ferry.sip.UriEscapes.Component;
import io.ferry.sip.Parameters;
import io.ferry.sip.SipUri;
import io.ferry.sip.Uri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.servlet.sip.SipURI;

/**
 * {@link SipURI} over Ferry's {@link SipUri}. Getters return components unescaped and setters
 * escape what they are given (RFC 3261 §19.1.2); every change is checked by reparsing the new
 * text with Ferry's parser, so a setter never produces a URI the parser would reject
 * ({@code IllegalArgumentException}). {@link #equals} is RFC 3261 §19.1.4
 * ({@link SipUri#matches(Uri)}). Parameter and header names compare case-insensitively.
 */
public final class ServletSipURI extends ServletURI implements SipURI {

    private static final long serialVersionUID = 1L;

    private SipUri uri;

    ServletSipURI(SipUri uri, boolean readOnly) {
        super(readOnly);
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** A mutable {@code sip:} URI; {@code user} is unescaped (it is escaped here) and may be null. */
    public static ServletSipURI create(String user, String host) {
        ServletSipURI u = new ServletSipURI(SipUri.of(null, hostOf(host)), false);
        u.set(u.uri); // the host is checked by the parser like any other change
        if (user != null) u.setUser(user);
        return u;
    }

    @Override
    public SipUri toUri() {
        return uri;
    }

    @Override
    public ServletSipURI clone() {
        return new ServletSipURI(uri, false);
    }

    /** Replaces the value after the parser has accepted its text. */
    private void set(SipUri candidate) {
        checkWritable();
        Uri parsed = validated(candidate.toString());
        if (!(parsed instanceof SipUri s)) throw new IllegalArgumentException("not a SIP URI: " + candidate);
        uri = s;
    }

    // ---- userinfo, host, port, scheme

    /** The user part, unescaped (JSR 289: the container unescapes), or null. */
    @Override
    public String getUser() {
        return uri.userDecoded();
    }

    /** Sets the user part; reserved characters are escaped (RFC 3261 §19.1.2). Null removes user and password. */
    @Override
    public void setUser(String user) {
        if (user == null) {
            set(new SipUri(uri.secure(), null, null, uri.host(), uri.port(), uri.params(), uri.headers()));
        } else {
            if (user.isEmpty()) throw new IllegalArgumentException("RFC 3261 §25.1: the user part cannot be empty");
            set(uri.withUser(UriEscapes.escape(user, Component.USER)));
        }
    }

    @Override
    public String getUserPassword() {
        return uri.passwordDecoded();
    }

    /** Sets the password (escaped as needed); null removes it. RFC 3261 §19.1.1: a password needs a user. */
    @Override
    public void setUserPassword(String password) {
        if (password != null && uri.user() == null) {
            throw new IllegalArgumentException("RFC 3261 §19.1.1: a password needs a user part");
        }
        set(new SipUri(uri.secure(), uri.user(), UriEscapes.escape(password, Component.PASSWORD),
                uri.host(), uri.port(), uri.params(), uri.headers()));
    }

    /** The host as written; an IPv6 reference keeps its brackets. */
    @Override
    public String getHost() {
        return uri.host();
    }

    /** Sets the host: a domain name, an IPv4 address or an IPv6 address (brackets added when missing). */
    @Override
    public void setHost(String host) {
        set(uri.withHost(hostOf(host)));
    }

    private static String hostOf(String host) {
        if (host == null || host.isEmpty()) throw new IllegalArgumentException("RFC 3261 §19.1.1: a SIP URI needs a host");
        // RFC 3261 §25.1: an IPv6 address appears as an IPv6reference, in brackets
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public int getPort() {
        return uri.port();
    }

    /** Sets the port; -1 removes it. */
    @Override
    public void setPort(int port) {
        if (port < -1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        set(uri.withPort(port));
    }

    @Override
    public boolean isSecure() {
        return uri.secure();
    }

    @Override
    public void setSecure(boolean b) {
        set(uri.withSecure(b));
    }

    // ---- uri-parameters (RFC 3261 §19.1.1)

    private Parameters.Param findParam(String name) {
        for (Parameters.Param p : uri.params().asList()) {
            if (UriEscapes.unescape(p.name()).equalsIgnoreCase(name)) return p;
        }
        return null;
    }

    /** The value, unescaped; {@code ""} for a flag such as {@code lr}; null when absent. */
    @Override
    public String getParameter(String key) {
        Objects.requireNonNull(key, "key");
        Parameters.Param p = findParam(key);
        if (p == null) return null;
        return p.value() == null ? "" : UriEscapes.unescape(p.value());
    }

    /** The names, unescaped, in order. */
    @Override
    public Iterator<String> getParameterNames() {
        List<String> names = new ArrayList<>(uri.params().size());
        for (Parameters.Param p : uri.params().asList()) names.add(UriEscapes.unescape(p.name()));
        return Collections.unmodifiableList(names).iterator();
    }

    /** Sets a parameter ({@code ""} for a flag), escaping name and value; null removes it. */
    @Override
    public void setParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            removeParameter(name);
            return;
        }
        if (name.isEmpty()) throw new IllegalArgumentException("empty parameter name");
        Parameters.Param existing = findParam(name);
        String rawName = existing != null ? existing.name() : UriEscapes.escape(name, Component.PARAM);
        String rawValue = value.isEmpty() ? null : UriEscapes.escape(value, Component.PARAM);
        set(new SipUri(uri.secure(), uri.user(), uri.password(), uri.host(), uri.port(),
                uri.params().with(rawName, rawValue), uri.headers()));
    }

    @Override
    public void removeParameter(String name) {
        Objects.requireNonNull(name, "name");
        checkWritable();
        Parameters.Param existing = findParam(name);
        if (existing != null) set(uri.withoutParam(existing.name()));
    }

    @Override
    public String getTransportParam() {
        return getParameter("transport");
    }

    @Override
    public void setTransportParam(String transport) {
        setParameter("transport", transport);
    }

    @Override
    public String getMAddrParam() {
        return getParameter("maddr");
    }

    @Override
    public void setMAddrParam(String maddr) {
        setParameter("maddr", maddr);
    }

    @Override
    public String getMethodParam() {
        return getParameter("method");
    }

    @Override
    public void setMethodParam(String method) {
        setParameter("method", method);
    }

    @Override
    public String getUserParam() {
        return getParameter("user");
    }

    @Override
    public void setUserParam(String user) {
        setParameter("user", user);
    }

    /** The {@code ttl} parameter, or -1 when absent or not a number. */
    @Override
    public int getTTLParam() {
        String v = getParameter("ttl");
        if (v == null || v.isEmpty() || v.length() > 3) return -1;
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return -1;
        return Integer.parseInt(v);
    }

    /** Sets {@code ttl} (RFC 3261 §25.1: 0 to 255); a negative value removes it. */
    @Override
    public void setTTLParam(int ttl) {
        if (ttl > 255) throw new IllegalArgumentException("RFC 3261 §25.1 ttl is 0 to 255: " + ttl);
        setParameter("ttl", ttl < 0 ? null : Integer.toString(ttl));
    }

    /** RFC 3261 §19.1.1: true when the {@code lr} parameter is present. */
    @Override
    public boolean getLrParam() {
        return findParam("lr") != null;
    }

    @Override
    public void setLrParam(boolean flag) {
        setParameter("lr", flag ? "" : null);
    }

    // ---- headers (RFC 3261 §19.1.1 "?name=value&...")

    /** The first header of that name (case-insensitive), unescaped, or null. */
    @Override
    public String getHeader(String name) {
        Objects.requireNonNull(name, "name");
        for (Parameters.Param h : uri.headers()) {
            if (UriEscapes.unescape(h.name()).equalsIgnoreCase(name)) return UriEscapes.unescape(h.value());
        }
        return null;
    }

    /** The header names, unescaped, each once, in order. */
    @Override
    public Iterator<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Parameters.Param h : uri.headers()) names.add(UriEscapes.unescape(h.name()));
        return Collections.unmodifiableSet(names).iterator();
    }

    /** Replaces every header of that name by one with {@code value} (escaped as needed); null removes. */
    @Override
    public void setHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            removeHeader(name);
            return;
        }
        if (name.isEmpty()) throw new IllegalArgumentException("empty header name");
        List<Parameters.Param> out = new ArrayList<>(uri.headers().size() + 1);
        boolean placed = false;
        Parameters.Param fresh = new Parameters.Param(UriEscapes.escape(name, Component.HEADER),
                UriEscapes.escape(value, Component.HEADER));
        for (Parameters.Param h : uri.headers()) {
            if (UriEscapes.unescape(h.name()).equalsIgnoreCase(name)) {
                if (!placed) out.add(fresh);
                placed = true;
            } else {
                out.add(h);
            }
        }
        if (!placed) out.add(fresh);
        set(new SipUri(uri.secure(), uri.user(), uri.password(), uri.host(), uri.port(), uri.params(), out));
    }

    /** Removes every header of that name. */
    @Override
    public void removeHeader(String name) {
        Objects.requireNonNull(name, "name");
        checkWritable();
        List<Parameters.Param> out = new ArrayList<>(uri.headers().size());
        for (Parameters.Param h : uri.headers()) {
            if (!UriEscapes.unescape(h.name()).equalsIgnoreCase(name)) out.add(h);
        }
        if (out.size() != uri.headers().size()) {
            set(new SipUri(uri.secure(), uri.user(), uri.password(), uri.host(), uri.port(), uri.params(), out));
        }
    }

    /**
     * Consistent with RFC 3261 §19.1.4 equality: only the scheme, the unescaped user, the host
     * (case-insensitive) and the port enter, since parameters may differ between equal URIs.
     */
    @Override
    public int hashCode() {
        return Objects.hash(uri.secure(), uri.userDecoded(), uri.host().toLowerCase(Locale.ROOT), uri.port());
    }
}
