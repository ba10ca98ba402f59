package io.ferry.runtime.transport.netty;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.DatagramFlow;
import io.ferry.runtime.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The UDP socket of one listener and its flows, one per remote address (RFC 5626 §3). A flow is
 * created by the first datagram from (or the first send to) an address, and forgotten after
 * {@link NettyTransportConfig#idleTimeout()} without traffic, on close, or at shutdown. Each
 * datagram is delivered whole as one message (RFC 3261 §18.3).
 */
final class DatagramFlows extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final System.Logger LOG = System.getLogger(DatagramFlows.class.getName());

    private record Peer(DatagramFlow flow, NettyFlowChannel out) {}

    private final FlowRegistry registry;
    private final Map<InetSocketAddress, Peer> peers = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile Channel socket;

    DatagramFlows(FlowRegistry registry) {
        this.registry = registry;
    }

    /**
     * Takes the bound socket (called once bind has succeeded; Netty fires channelActive later, so
     * the connector must not depend on it) and starts the idle sweep on the socket's event loop.
     */
    void attach(Channel bound) {
        socket = bound;
        long idle = registry.config.idleTimeout().toNanos();
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), idle / 4);
        bound.eventLoop().scheduleAtFixedRate(this::expireIdle, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int n = content.readableBytes();
        InetSocketAddress sender = packet.sender();
        if (n > registry.config.limits().maxMessageBytes()) {
            drop(sender, "datagram of " + n + " bytes above SipLimits.maxMessageBytes=" + registry.config.limits().maxMessageBytes());
            return;
        }
        Optional<Peer> peer = peer(ctx.channel(), sender);
        if (peer.isEmpty()) {
            drop(sender, "maxDatagramFlows=" + registry.config.maxDatagramFlows() + " reached");
            return;
        }
        byte[] bytes = new byte[n];
        content.getBytes(content.readerIndex(), bytes);
        DatagramFlow flow = peer.get().flow();
        peer.get().out().touch();
        try {
            registry.inbound.onMessage(flow, ByteBuffer.wrap(bytes));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "flow=" + flow.id() + ": inbound handler failed", e);
        }
    }

    private void drop(InetSocketAddress sender, String why) {
        long count = dropped.incrementAndGet();
        // log the first drop and then every 1000th, so a flood does not flood the log
        if (count == 1 || count % 1000 == 0) {
            LOG.log(Level.INFO, "transport=UDP remote={0}: datagram dropped: {1} (dropped so far: {2})", sender, why, count);
        }
    }

    /** The flow to {@code remote}, created if there is room. */
    Optional<DatagramFlow> flow(InetSocketAddress remote) {
        Channel ch = socket;
        return ch == null ? Optional.empty() : peer(ch, remote).map(Peer::flow);
    }

    private Optional<Peer> peer(Channel ch, InetSocketAddress remote) {
        Peer p = peers.get(remote);
        if (p != null && p.flow().isOpen()) {
            return Optional.of(p);
        }
        if (!ch.isActive() || peers.size() >= registry.config.maxDatagramFlows()) {
            return Optional.empty();
        }
        Peer[] created = new Peer[1];
        NettyFlowChannel out = NettyFlowChannel.datagram(ch, remote, registry.config.maxOutboundQueueBytes(),
                reason -> forget(created[0]));
        DatagramFlow flow = new DatagramFlow(registry.ids.next(Transport.UDP), (InetSocketAddress) ch.localAddress(), remote, out);
        created[0] = new Peer(flow, out);
        Peer existing = peers.putIfAbsent(remote, created[0]);
        if (existing != null) {
            if (existing.flow().isOpen()) {
                return Optional.of(existing);
            }
            peers.replace(remote, existing, created[0]);
        }
        registry.opened(flow);
        return Optional.of(created[0]);
    }

    private void forget(Peer p) {
        if (p != null) {
            peers.remove(p.flow().remoteAddress(), p);
            registry.gone(p.flow());
        }
    }

    /** Forgets flows without traffic in either direction for the idle timeout. */
    private void expireIdle() {
        long now = System.nanoTime();
        long idle = registry.config.idleTimeout().toNanos();
        for (Peer p : List.copyOf(peers.values())) {
            if (now - p.out().lastActivityNanos() >= idle) {
                LOG.log(Level.DEBUG, "flow={0} remote={1}: idle for {2}, forgotten", p.flow().id(), p.flow().remoteAddress(),
                        registry.config.idleTimeout());
                p.flow().close(CloseReason.IDLE_TIMEOUT);
            }
        }
    }

    int size() {
        return peers.size();
    }

    /** Closes every UDP flow of this socket. */
    void closeAll(CloseReason reason) {
        for (Peer p : List.copyOf(peers.values())) {
            p.flow().close(reason);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // e.g. ICMP port unreachable surfacing as PortUnreachableException: the socket stays up
        LOG.log(Level.DEBUG, "transport=UDP local={0}: {1}", ctx.channel().localAddress(), cause);
    }

}
