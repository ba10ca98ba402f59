/**
 * The servlet-facing implementation of the JSR 289 {@code javax.servlet.sip} API.
 *
 * <p>Addressing (JSR 289 §4.1, RFC 3261 §19 and §25, RFC 3966): {@link io.ferry.runtime.api.ServletAddress}
 * ({@code Address}), {@link io.ferry.runtime.api.ServletSipURI} ({@code SipURI}),
 * {@link io.ferry.runtime.api.ServletTelURL} ({@code TelURL}),
 * {@link io.ferry.runtime.api.ServletAbsoluteURI} (a {@code URI} of any other scheme),
 * {@link io.ferry.runtime.api.ServletParameterable} ({@code Parameterable}) and
 * {@link io.ferry.runtime.api.AddressFactory}, to which {@code SipFactory} delegates. These objects
 * are mutable, as the API demands, but each holds one of the immutable values of
 * {@link io.ferry.sip} ({@code SipUri}, {@code TelUri}, {@code AbsoluteUri}, {@code Parameters})
 * and replaces it on every change; parsing and validation are done by Ferry's parser. A
 * {@link io.ferry.runtime.api.Mutability} guards the values of system headers (JSR 289 §5.4.1):
 * read-only objects throw {@code IllegalStateException} on change.
 *
 * <p>Messages (JSR 289 §5, the {@code SipServletMessage} javadoc): {@link io.ferry.runtime.api.MessageEdits}
 * is the header and content model of a {@code SipServletMessage}, a mutable view over an immutable
 * {@link io.ferry.sip.SipMessage} that protects the system headers (§5.4.2), refuses changes once
 * committed and builds the message to send with untouched fields byte for byte.
 *
 * <p>Nothing below this package sees a mutable object: {@code toNameAddr()}, {@code toUri()} and
 * {@code toParameters()} give the immutable values back.
 */
package io.ferry.runtime.api;
