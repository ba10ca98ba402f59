package io.ferry.runtime.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Finds or opens a flow to a resolved target (RFC 3261 §18.1.1, §18.2.2): an open flow of the
 * same transport to the same address is reused; otherwise a connection is opened without blocking
 * the caller.
 */
public interface FlowConnector {

    /**
     * A flow of {@code transport} to {@code remote}. For TLS, the host name carried by
     * {@code remote} ({@link InetSocketAddress#getHostString()}, e.g. the domain of the SIPS URI
     * the target was resolved from, RFC 5922 §4) is sent as SNI and checked against the server's
     * certificate. The future fails when the connection or handshake fails or the transport is
     * not available.
     */
    CompletableFuture<Flow> connect(Transport transport, InetSocketAddress remote);
}
