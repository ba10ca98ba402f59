package io.ferry.runtime.transport.netty;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.FlowChannel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramPacket;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The Netty side of one flow: a TCP/TLS channel, or a UDP socket plus the remote address. Sending
 * never blocks; the bytes written but not yet handed to the socket are counted, and an offer that
 * would take them past the flow's limit is refused (the flow then closes as slow consumer).
 */
final class NettyFlowChannel implements FlowChannel {

    private static final System.Logger LOG = System.getLogger(NettyFlowChannel.class.getName());

    private final Channel channel;
    /** For UDP: where datagrams go; null for a stream. */
    private final InetSocketAddress datagramRemote;
    private final long maxQueuedBytes;
    private final Consumer<CloseReason> onClose;
    private final AtomicLong queued = new AtomicLong();
    private volatile long lastActivityNanos = System.nanoTime();

    private NettyFlowChannel(Channel channel, InetSocketAddress datagramRemote, long maxQueuedBytes, Consumer<CloseReason> onClose) {
        this.channel = channel;
        this.datagramRemote = datagramRemote;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onClose = onClose;
    }

    /** A TCP or TLS connection; closing the flow closes the channel. */
    static NettyFlowChannel stream(Channel channel, long maxQueuedBytes) {
        return new NettyFlowChannel(channel, null, maxQueuedBytes, reason -> closeStream(channel, reason));
    }

    /** A UDP remote address on a shared socket; closing the flow only calls {@code forget}. */
    static NettyFlowChannel datagram(Channel socket, InetSocketAddress remote, long maxQueuedBytes, Consumer<CloseReason> forget) {
        return new NettyFlowChannel(socket, remote, maxQueuedBytes, forget);
    }

    @Override
    public boolean offer(ByteBuffer message) {
        int n = message.remaining();
        if (queued.addAndGet(n) > maxQueuedBytes) {
            queued.addAndGet(-n);
            return false;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(message.duplicate());
        Object out = datagramRemote == null ? buf : new DatagramPacket(buf, datagramRemote);
        touch();
        // a write on a connection that has just gone fails here; channelInactive then closes the flow
        channel.writeAndFlush(out).addListener(f -> {
            queued.addAndGet(-n);
            if (!f.isSuccess()) {
                LOG.log(Level.DEBUG, "channel={0} remote={1}: write failed: {2}", channel.id(),
                        datagramRemote == null ? channel.remoteAddress() : datagramRemote, f.cause());
            }
        });
        return true;
    }

    @Override
    public void close(CloseReason reason) {
        onClose.accept(reason);
    }

    /** Bytes accepted by {@link #offer} and not yet written to the socket. */
    long queuedBytes() {
        return queued.get();
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /**
     * A peer that does not read or that broke the framing gets a TCP reset (SO_LINGER 0, closed
     * below the TLS handler so no close_notify waits behind the stuck bytes); an orderly close
     * otherwise.
     */
    private static void closeStream(Channel channel, CloseReason reason) {
        switch (reason) {
            case SLOW_CONSUMER, PROTOCOL_ERROR, TOO_BIG, INVALID_DATA, TRANSPORT_ERROR -> {
                try {
                    channel.config().setOption(ChannelOption.SO_LINGER, 0);
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "channel={0}: SO_LINGER not set: {1}", channel.id(), e);
                }
                channel.pipeline().firstContext().close();
            }
            default -> channel.close();
        }
    }
}
