package io.ferry.runtime.transport.netty;

/** Whether a TLS listener asks for a client certificate (mutual TLS with SIP trunks). */
public enum ClientCertPolicy {
    /** No client certificate is requested. */
    NONE,
    /** A certificate is requested; a client without one is still accepted. */
    OPTIONAL,
    /** A client without a certificate trusted by the trust store is refused during the handshake. */
    REQUIRE
}
