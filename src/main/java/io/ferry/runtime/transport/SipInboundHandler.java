package io.ferry.runtime.transport;

import io.ferry.sip.SipFrame;
import java.nio.ByteBuffer;

/**
 * Receives what the UDP, TCP and TLS listeners read, before any parsing or answering (that is
 * the inbound glue's job). Both methods are called on the flow's I/O thread, one call at a time
 * per flow and in arrival order; they must return quickly and never block.
 */
public interface SipInboundHandler {

    /**
     * One UDP datagram: at most one SIP message (RFC 3261 §18.3), unparsed. The buffer is a heap
     * buffer whose backing array is owned by the handler from now on (it may be parsed without
     * copying).
     */
    void onMessage(Flow flow, ByteBuffer oneMessage);

    /**
     * One frame of a TCP or TLS stream, cut by the flow's {@link io.ferry.sip.SipFramer}:
     * a {@link SipFrame.Message}, a {@link SipFrame.Rejected} (the handler answers it) or a
     * {@link SipFrame.Pong}. A {@link SipFrame.Ping} is answered with CRLF by the transport itself
     * (RFC 5626 §4.4.1) and is not delivered. A stream whose framing is lost is closed by the
     * transport and delivers nothing more.
     */
    void onFrame(Flow flow, SipFrame frame);
}
