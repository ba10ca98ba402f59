/**
 * MSRP wire protocol, plain Java: the immutable message model ({@link io.ferry.msrp.MsrpMessage},
 * {@link io.ferry.msrp.MsrpHeaders}, {@link io.ferry.msrp.MsrpUri}, {@link io.ferry.msrp.ByteRange}),
 * a streaming parser that never accumulates a chunk body ({@link io.ferry.msrp.MsrpStreamParser}),
 * a one-shot parser for one message per buffer ({@link io.ferry.msrp.MsrpParser}), and a
 * serializer ({@link io.ferry.msrp.MsrpSerializer}).
 *
 * <p>Implements RFC 4975 (MSRP framing, URIs, Byte-Range, reports, §7 transaction rules),
 * RFC 4976 (AUTH, Use-Path, Expires/Min-Expires/Max-Expires, HTTP digest header carriage) and
 * RFC 7977 (the {@code ws} URI transport; one WebSocket message carries one MSRP message).
 * Nothing here imports other Ferry packages or Java EE APIs.
 */
package io.ferry.msrp;
