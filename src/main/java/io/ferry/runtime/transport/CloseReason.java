package io.ferry.runtime.transport;

/**
 * Why a flow closed. Each reason maps once to the WebSocket close code (RFC 6455 §7.4.1) that a
 * WebSocket flow sends; stream flows log it and close (or reset) the connection.
 */
public enum CloseReason {
    PEER_CLOSED(1000, "closed by peer"),
    SHUTDOWN(1001, "going away"),
    PROTOCOL_ERROR(1002, "protocol error"),
    UNSUPPORTED_DATA(1003, "unsupported data"),
    INVALID_DATA(1007, "not a SIP message"),
    POLICY(1008, "policy violation"),
    SLOW_CONSUMER(1008, "peer does not read: outbound queue full"),
    TOO_BIG(1009, "message too big"),
    IDLE_TIMEOUT(1001, "idle timeout"),
    KEEPALIVE_TIMEOUT(1001, "keepalive not answered"),
    KICKED(1008, "closed by an administrator"),
    INTERNAL_ERROR(1011, "internal error"),
    TRANSPORT_ERROR(1006, "transport error");

    private final int wsCode;
    private final String text;

    CloseReason(int wsCode, String text) {
        this.wsCode = wsCode;
        this.text = text;
    }

    public int wsCode() {
        return wsCode;
    }

    public String text() {
        return text;
    }
}
