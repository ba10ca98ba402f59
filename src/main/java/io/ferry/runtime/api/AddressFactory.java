package io.ferry.runtime.api;

import io.ferry.sip.SipParseException;
import io.ferry.sip.TelUri;
import io.ferry.sip.Uri;
import java.util.Objects;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;

/**
 * The addressing part of {@code javax.servlet.sip.SipFactory} (JSR 289): Addresses and URIs from
 * text (parsed by Ferry's parser) or from parts. Everything it returns is mutable.
 */
public final class AddressFactory {

    private AddressFactory() {
    }

    /**
     * An Address from a header value: name-addr or addr-spec with parameters, or {@code *} for
     * the wildcard. In the addr-spec form parameters belong to the Address (RFC 3261 §20.10).
     *
     * @throws ServletParseException if the text is not a valid Address; the message carries the rule and offset
     */
    public static ServletAddress createAddress(String addr) throws ServletParseException {
        Objects.requireNonNull(addr, "addr");
        try {
            return ServletAddress.parse(addr);
        } catch (SipParseException e) {
            throw new ServletParseException(e.getMessage(), e);
        }
    }

    /** An Address {@code <uri>} with no display name, over a copy of {@code uri}. */
    public static ServletAddress createAddress(URI uri) {
        return createAddress(uri, null);
    }

    /** An Address {@code "displayName" <uri>} over a copy of {@code uri}; a null display name means none. */
    public static ServletAddress createAddress(URI uri, String displayName) {
        Objects.requireNonNull(uri, "uri");
        return ServletAddress.of(ServletURI.of(ServletAddress.uriOf(uri)), displayName);
    }

    /**
     * A URI from escaped text: a {@link SipURI} for sip and sips, a {@link javax.servlet.sip.TelURL}
     * for tel, a {@link ServletAbsoluteURI} for any other scheme.
     *
     * @throws ServletParseException if the text is not a valid URI
     */
    public static ServletURI createURI(String uri) throws ServletParseException {
        Objects.requireNonNull(uri, "uri");
        try {
            String text = uri.strip();
            Uri parsed = Uri.parse(text);
            if (parsed instanceof TelUri t && !ServletTelURL.isWhole(text, t)) {
                throw new ServletParseException("Bad URI (RFC 3966 §3 telephone-uri: unexpected character after the parameters): " + text);
            }
            return ServletURI.of(parsed);
        } catch (SipParseException e) {
            throw new ServletParseException(e.getMessage(), e);
        }
    }

    /**
     * {@code sip:user@host}; {@code user} is taken unescaped (as {@link SipURI#setUser}) and may be
     * null, {@code host} is a domain name or an IP address.
     *
     * @throws IllegalArgumentException if the host is not valid (SipFactory's signature has no checked exception)
     */
    public static ServletSipURI createSipURI(String user, String host) {
        return ServletSipURI.create(user, host);
    }

    /**
     * A Parameterable from {@code field-value *(;generic-param)}, e.g. {@code text/plain;charset=UTF-8}.
     *
     * @throws ServletParseException if the value is empty or the parameters are malformed
     */
    public static ServletParameterable createParameterable(String text) throws ServletParseException {
        Objects.requireNonNull(text, "text");
        try {
            return ServletParameterable.parse(text);
        } catch (SipParseException e) {
            throw new ServletParseException(e.getMessage(), e);
        }
    }

    /** A mutable Address {@code *} (RFC 3261 §10.2.2). */
    public static Address createWildcard() {
        return ServletAddress.wildcard();
    }
}
