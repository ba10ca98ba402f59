/**
 * SIP over UDP, TCP and TLS (RFC 3261 §18) with Netty 4.2: {@link io.ferry.runtime.transport.netty.SipListeners}
 * binds the listeners, turns connections and UDP remote addresses into flows (RFC 5626 §3), frames
 * streams (RFC 3261 §18.3), answers CRLF keepalives (RFC 5626 §4.4.1), closes idle and slow peers,
 * and opens or reuses outgoing connections (RFC 3261 §18.1.1, §18.2.2). Configuration is
 * {@link io.ferry.runtime.transport.netty.NettyTransportConfig}.
 */
package io.ferry.runtime.transport.netty;
