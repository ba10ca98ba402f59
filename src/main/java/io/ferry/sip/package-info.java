/**
 * The SIP wire protocol (RFC 3261): an immutable message model ({@link io.ferry.sip.SipMessage},
 * {@link io.ferry.sip.Headers}, lazily parsed header views such as {@link io.ferry.sip.Via} and
 * {@link io.ferry.sip.NameAddr}, URIs per RFC 3261 §19 and RFC 3966), a one-message-per-buffer
 * {@link io.ferry.sip.SipParser} for datagrams and WebSocket messages (RFC 7118), a streaming
 * {@link io.ferry.sip.SipFramer} for TCP/TLS (RFC 3261 §18.3, RFC 5626 §4.4.1 keepalives) and a
 * {@link io.ferry.sip.SipSerializer} that writes untouched headers back byte for byte.
 *
 * <p>{@code SipParser.parse(byte[]...)} does not copy: the message references the caller's array,
 * which the caller hands over. Header fields are kept as offsets and decoded on first use; a
 * request the parser rejects can still be answered with {@code SipParser.responseTo}.
 *
 * <p>{@code SanityCheck} (RFC 3261 §8.1.1, §8.2 and §16.3, one method per rule, each returning the
 * exact response) holds the checks a parsed request passes before routing.
 *
 * <p>Plain Java: no EE imports, no logging, no static mutable state. All limits come from
 * {@link io.ferry.sip.SipLimits} and are checked before memory is allocated. Every parse error is
 * a {@link io.ferry.sip.SipParseException} carrying the byte offset, the broken rule and the
 * response a request should get.
 */
package io.ferry.sip;
