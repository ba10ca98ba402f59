/**
 * The JSR-356 WebSocket endpoints: SIP over WebSocket (RFC 7118, subprotocol {@code sip}) and,
 * later, MSRP over WebSocket (RFC 7977, subprotocol {@code msrp}); and the
 * {@link io.ferry.ws.HandshakePolicy} checked before every upgrade (Origin, Host, token, quotas,
 * trusted proxies, RFC 6455 §4.2).
 */
package io.ferry.ws;
