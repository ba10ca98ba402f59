package io.ferry.flow;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One flow (RFC 5626 §3) as SIP applications see it. Values of this type are handles: the flow
 * they name may close at any time, after which {@link #isOpen()} is false and requests sent on it
 * fail with 430 Flow Failed (RFC 5626 §5.3).
 */
public interface SipFlow {

    /** The flow's id, unique on this node while the node runs (stable across messages of one flow). */
    String id();

    /** {@code WS}, {@code WSS}, {@code TCP}, {@code TLS} or {@code UDP}. */
    String transport();

    /** Ferry's side of the flow. */
    InetSocketAddress localAddress();

    /** The client's side: the socket peer, or for WebSocket behind a trusted proxy the client it reported. */
    InetSocketAddress remoteAddress();

    /** True for WSS and TLS. */
    boolean isSecure();

    /** True until the flow closes. */
    boolean isOpen();

    /** Why the flow closed, once it has ({@code "idle-timeout"}, {@code "peer-closed"}, ...). */
    Optional<String> closeReason();

    /**
     * Runs {@code listener} with the close reason once the flow closes (at once if it already has).
     * The listener runs on a transport thread and must not block.
     */
    void onClose(Consumer<String> listener);
}
