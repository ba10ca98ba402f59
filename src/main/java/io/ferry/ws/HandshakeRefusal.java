package io.ferry.ws;

/** Every reason an upgrade is refused, with its HTTP status (one place, as Kamailio's rerrno). */
public enum HandshakeRefusal {
    NO_SUPPORTED_SUBPROTOCOL(400, "No supported WebSocket subprotocol offered"),   // RFC 7118 §4 / RFC 6455 §4.2.2
    ORIGIN_MISSING(403, "Origin header required"),
    ORIGIN_NOT_ALLOWED(403, "Origin not allowed"),                                  // RFC 6455 §10.2
    HOST_NOT_ALLOWED(403, "Host not allowed"),
    TOKEN_MISSING(401, "Token required"),
    TOKEN_INVALID(401, "Token invalid"),
    TOO_MANY_CONNECTIONS(429, "Too many connections from this address"),
    HANDSHAKE_RATE(429, "Handshake rate exceeded for this address");

    private final int status;
    private final String reason;

    HandshakeRefusal(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The metric/counter label: {@code origin_not_allowed}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
