package io.ferry.ws;

import java.net.InetSocketAddress;
import java.util.Optional;

/** The policy's answer to an upgrade request. */
public sealed interface HandshakeDecision permits HandshakeDecision.Accept, HandshakeDecision.Refuse {

    /**
     * Upgrade. {@code client} is the real client address (the socket peer, or what a trusted proxy
     * reported); {@code principal} the identity the token verifier returned, if any.
     */
    record Accept(InetSocketAddress client, String subprotocol, Optional<String> origin, Optional<String> principal)
            implements HandshakeDecision {}

    /** Refuse with an HTTP status, a reason for the response and the log, and the counter to bump. */
    record Refuse(HandshakeRefusal refusal, String detail) implements HandshakeDecision {
        public int status() {
            return refusal.status();
        }

        public String reason() {
            return refusal.reason() + (detail.isEmpty() ? "" : ": " + detail);
        }
    }
}
