package io.ferry.runtime.transport.netty;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.SipInboundHandler;
import io.ferry.runtime.transport.StreamFlow;
import io.ferry.runtime.transport.TlsInfo;
import io.ferry.runtime.transport.Transport;
import io.ferry.sip.SipFrame;
import io.ferry.sip.SipFramer;
import io.ferry.sip.SipParseException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One TCP or TLS connection (accepted or opened by Ferry): makes it a {@link StreamFlow} once it
 * is up (after the handshake for TLS), frames its bytes with a {@link SipFramer}, answers CRLFCRLF
 * pings (RFC 5626 §4.4.1), and closes it on lost framing or idleness.
 */
final class StreamFlowHandler extends ChannelInboundHandlerAdapter {

    private static final System.Logger LOG = System.getLogger(StreamFlowHandler.class.getName());
    private static final ByteBuffer CRLF = ByteBuffer.wrap(new byte[] {'\r', '\n'}).asReadOnlyBuffer();
    private static final int SCRATCH_BYTES = 16 * 1024;

    private final Transport transport;
    private final FlowRegistry registry;
    /** Completed with the flow for a connection Ferry opened; null for an accepted one. */
    private final CompletableFuture<Flow> connected;
    /** For a TLS connection Ferry opened: the name the server's certificate was checked against. */
    private final Optional<String> clientServerName;
    private final SipFramer framer;
    private StreamFlow flow;
    private boolean framingLost;
    private byte[] scratch;

    StreamFlowHandler(Transport transport, FlowRegistry registry, CompletableFuture<Flow> connected, Optional<String> clientServerName) {
        this.transport = transport;
        this.registry = registry;
        this.connected = connected;
        this.clientServerName = clientServerName;
        this.framer = new SipFramer(registry.config.limits());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        if (!transport.secure()) {
            open(ctx, Optional.empty());
        }
        super.channelActive(ctx);
    }

    private void open(ChannelHandlerContext ctx, Optional<TlsInfo> tls) {
        NettyFlowChannel out = NettyFlowChannel.stream(ctx.channel(), registry.config.maxOutboundQueueBytes());
        flow = new StreamFlow(registry.ids.next(transport), transport, (InetSocketAddress) ctx.channel().localAddress(),
                (InetSocketAddress) ctx.channel().remoteAddress(), tls, out);
        registry.opened(flow);
        if (connected != null) {
            connected.complete(flow);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                SslHandler ssl = ctx.pipeline().get(SslHandler.class);
                open(ctx, Optional.of(TlsContexts.info(ssl.engine().getSession(), clientServerName)));
            } else {
                // an outgoing failure matters to the caller; incoming ones are often scanners: DEBUG
                LOG.log(connected != null ? Level.INFO : Level.DEBUG, "transport=TLS remote={0}: handshake failed, closing: {1}",
                        ctx.channel().remoteAddress(), String.valueOf(done.cause()));
                fail(done.cause());
                ctx.close();
            }
        } else if (evt instanceof IdleStateEvent) {
            if (flow != null) {
                LOG.log(Level.DEBUG, "flow={0} remote={1}: idle for {2}, closing", flow.id(), flow.remoteAddress(),
                        registry.config.idleTimeout());
                flow.close(CloseReason.IDLE_TIMEOUT);
            } else {
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (flow == null || framingLost) {
                return;
            }
            int n = in.readableBytes();
            flow.counters().receivedBytes(n);
            if (in.hasArray()) {
                framer.feed(in.array(), in.arrayOffset() + in.readerIndex(), n, this::deliver);
            } else {
                if (scratch == null) scratch = new byte[SCRATCH_BYTES];
                int at = in.readerIndex();
                int end = at + n;
                while (at < end && !framingLost) {
                    int k = Math.min(scratch.length, end - at);
                    in.getBytes(at, scratch, 0, k);
                    at += k;
                    framer.feed(scratch, 0, k, this::deliver);
                }
            }
        } catch (SipParseException e) {
            lose(e);
        } finally {
            in.release();
        }
    }

    private void deliver(SipFrame frame) {
        if (framingLost) {
            return;
        }
        if (frame instanceof SipFrame.Ping) {
            // RFC 5626 §4.4.1: a CRLFCRLF ping is answered with a single CRLF pong, here and only here
            flow.sendBytes(CRLF.duplicate());
            return;
        }
        SipInboundHandler.Outcome outcome;
        try {
            outcome = registry.inbound.onFrame(flow, frame);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "flow=" + flow.id() + ": inbound handler failed", e);
            return;
        }
        if (outcome == SipInboundHandler.Outcome.UNFRAMEABLE && !framingLost) {
            framingLost = true;
            LOG.log(Level.INFO, "flow={0} remote={1} closing: the bytes framed are not a SIP message", flow.id(), flow.remoteAddress());
            flow.close(CloseReason.INVALID_DATA);
        }
    }

    private void lose(SipParseException e) {
        framingLost = true;
        flow.counters().rejected();
        LOG.log(Level.INFO, "flow={0} remote={1} closing: {2} at offset {3} ({4} {5})", flow.id(), flow.remoteAddress(),
                e.rule(), e.offset(), e.status(), e.reason());
        flow.close(e.status() == 413 || e.status() == 513 ? CloseReason.TOO_BIG : CloseReason.PROTOCOL_ERROR);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (flow != null) {
            flow.closed(CloseReason.PEER_CLOSED);
            registry.gone(flow);
        }
        fail(new IOException("connection to " + ctx.channel().remoteAddress() + " closed before it was ready"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (flow != null) {
            LOG.log(Level.DEBUG, "flow={0} remote={1}: transport error, closing: {2}", flow.id(), flow.remoteAddress(), cause);
            flow.close(CloseReason.TRANSPORT_ERROR);
        } else {
            LOG.log(Level.DEBUG, "transport={0} remote={1}: error before the flow opened, closing: {2}", transport,
                    ctx.channel().remoteAddress(), cause);
            fail(cause);
            ctx.close();
        }
    }

    private void fail(Throwable cause) {
        if (connected != null && !connected.isDone()) {
            connected.completeExceptionally(cause);
        }
    }
}
