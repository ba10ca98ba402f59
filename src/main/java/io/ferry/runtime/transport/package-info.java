/**
 * Flows (RFC 5626 §3): a WebSocket session (RFC 7118), a TCP or TLS connection, or a UDP remote
 * address; the {@link io.ferry.runtime.transport.FlowTable} that tracks them; and the contracts
 * every transport implements. Sending on a flow never blocks: each flow has a bounded outbound
 * queue, and a peer that does not read is closed with a logged reason.
 */
package io.ferry.runtime.transport;
