package io.ferry.runtime.transport;

import java.nio.ByteBuffer;

/**
 * The transport side of a flow, implemented by each listener (JSR-356 session, Netty channel,
 * UDP socket + remote address). Both methods return at once and may be called from any thread.
 */
public interface FlowChannel {

    /**
     * Queues one serialized SIP message for sending. Returns false when the flow's bounded
     * outbound queue is full or the flow is closed; the caller then closes the flow with
     * {@link CloseReason#SLOW_CONSUMER} (a closed flow ignores that).
     */
    boolean offer(ByteBuffer message);

    /** Closes the connection (a WebSocket close with the reason's code) without waiting. */
    void close(CloseReason reason);
}
