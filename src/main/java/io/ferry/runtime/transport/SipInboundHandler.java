package io.ferry.runtime.transport;

import io.ferry.sip.SipFrame;
import java.nio.ByteBuffer;

/**
 * What every transport hands up: whole messages from message-oriented transports, frames from a
 * stream flow's {@link io.ferry.sip.SipFramer}. Implemented by {@link SipInbound}.
 */
public interface SipInboundHandler {

    /** One whole message per buffer: a UDP datagram (RFC 3261 §18.3) or a WebSocket message (RFC 7118 §5.1). */
    Outcome onMessage(Flow flow, ByteBuffer message);

    /** One frame of a TCP/TLS stream, in order. */
    Outcome onFrame(Flow flow, SipFrame frame);

    /** What became of the input; a WebSocket endpoint maps {@link #UNFRAMEABLE} to a close (1007). */
    enum Outcome {
        /** Parsed and handed to the transaction layer. */
        DELIVERED,
        /** A keepalive (RFC 5626 §4.4.1), answered when it was a ping. */
        KEEPALIVE,
        /** A request that did not parse or failed a transport check; an error response was sent. */
        ANSWERED,
        /** A response that did not parse, or an input with no request line to answer: dropped and counted. */
        DROPPED,
        /** Bytes that cannot be a SIP message at all; a stream or WebSocket should be closed. */
        UNFRAMEABLE
    }
}
