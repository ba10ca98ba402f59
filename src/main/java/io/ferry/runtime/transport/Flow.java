package io.ferry.runtime.transport;

import io.ferry.sip.SipMessage;
import io.ferry.sip.SipSerializer;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

/**
 * A flow (RFC 5626 §3): the path between Ferry and one client over which requests and responses
 * travel, as a WebSocket session, a TCP or TLS connection, or a UDP remote address. Sending never
 * blocks; a full outbound queue closes the flow.
 */
public abstract sealed class Flow permits WebSocketFlow, StreamFlow, DatagramFlow {

    private static final System.Logger LOG = System.getLogger(Flow.class.getName());
    private static final SipSerializer SERIALIZER = new SipSerializer();

    private final FlowId id;
    private final Transport transport;
    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final Optional<TlsInfo> tls;
    private final FlowChannel channel;
    private final FlowCounters counters = new FlowCounters();
    private final Instant opened = Instant.now();
    private final AtomicReference<CloseReason> closed = new AtomicReference<>();
    private volatile BiConsumer<Flow, CloseReason> onClose = (flow, reason) -> { };

    Flow(FlowId id, Transport transport, InetSocketAddress local, InetSocketAddress remote,
         Optional<TlsInfo> tls, FlowChannel channel) {
        this.id = Objects.requireNonNull(id, "id");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.local = Objects.requireNonNull(local, "local");
        this.remote = Objects.requireNonNull(remote, "remote");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.channel = Objects.requireNonNull(channel, "channel");
        if (transport.secure() != tls.isPresent()) {
            throw new IllegalArgumentException(transport + " flow " + id + ": TLS info must be present exactly for secure transports");
        }
    }

    public FlowId id() {
        return id;
    }

    public Transport transport() {
        return transport;
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    /** The client's address: the socket peer, or for WebSocket the address a trusted proxy reported. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    public boolean secure() {
        return transport.secure();
    }

    public Optional<TlsInfo> tls() {
        return tls;
    }

    public FlowCounters counters() {
        return counters;
    }

    public Instant openedAt() {
        return opened;
    }

    public boolean isOpen() {
        return closed.get() == null;
    }

    /** Why the flow closed, once it has. */
    public Optional<CloseReason> closeReason() {
        return Optional.ofNullable(closed.get());
    }

    /**
     * Serializes and queues {@code message}. Returns false when the flow is closed or its queue
     * is full; a full queue closes the flow with {@link CloseReason#SLOW_CONSUMER}.
     */
    public boolean send(SipMessage message) {
        return sendBytes(ByteBuffer.wrap(SERIALIZER.toBytes(message)));
    }

    /** Queues already-serialized bytes (a keepalive answer, a pre-built message). */
    public boolean sendBytes(ByteBuffer bytes) {
        if (!isOpen()) {
            return false;
        }
        int length = bytes.remaining();
        if (channel.offer(bytes)) {
            counters.sent(length);
            return true;
        }
        if (isOpen()) {
            LOG.log(Level.INFO, "flow={0} transport={1} remote={2}: outbound queue full, closing", id, transport, remote);
            close(CloseReason.SLOW_CONSUMER);
        }
        return false;
    }

    /** Closes the flow actively (Ferry's decision); listeners hear of it once. */
    public void close(CloseReason reason) {
        if (markClosed(reason)) {
            channel.close(reason);
        }
    }

    /** Called by the transport when the connection is gone (peer close, error); listeners hear of it once. */
    public void closed(CloseReason reason) {
        markClosed(reason);
    }

    private boolean markClosed(CloseReason reason) {
        if (!closed.compareAndSet(null, Objects.requireNonNull(reason, "reason"))) {
            return false;
        }
        try {
            onClose.accept(this, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "flow=" + id + ": close listener failed", e);
        }
        return true;
    }

    void onClose(BiConsumer<Flow, CloseReason> handler) {
        this.onClose = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public String toString() {
        return id + "(" + transport + " " + remote.getAddress().getHostAddress() + ":" + remote.getPort() + ")";
    }
}
