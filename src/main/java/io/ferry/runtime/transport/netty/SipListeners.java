package io.ferry.runtime.transport.netty;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowConnector;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.SipInboundHandler;
import io.ferry.runtime.transport.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.Mapping;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Ferry's SIP listeners on UDP, TCP (one port, 5060 by default) and TLS (5061), and its outgoing
 * TCP/TLS connections, on one set of Netty event loops. {@link #start()} binds and
 * {@link #close()} closes every flow ({@code SHUTDOWN}) and stops the event loops, waiting up to
 * {@link NettyTransportConfig#shutdownTimeout()}; the pair may be repeated (web application
 * redeploy). Threads are named {@code ferry-sip-*}.
 */
public final class SipListeners implements FlowConnector, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SipListeners.class.getName());
    /** Thread name prefix of the event loops, for monitoring and leak checks. */
    public static final String THREAD_PREFIX = "ferry-sip-";

    private record RemoteKey(Transport transport, InetSocketAddress remote) {}

    private final NettyTransportConfig config;
    private final FlowRegistry registry;
    private final Map<RemoteKey, CompletableFuture<Flow>> connecting = new ConcurrentHashMap<>();

    private Running running;

    /** What one start() built; replaced as a whole so that close() can run on a half-started set. */
    private record Running(EventLoopGroup boss, EventLoopGroup workers, List<Thread> threads, List<Channel> servers,
                           Optional<DatagramFlows> udp, Map<Transport, InetSocketAddress> bound,
                           SslContext tlsClient) {}

    /** Names the event loop threads and remembers them, so that close() can wait until they have ended. */
    private static final class TrackedThreads extends DefaultThreadFactory {
        private final List<Thread> threads;

        TrackedThreads(String name, List<Thread> threads) {
            super(name, true);
            this.threads = threads;
        }

        @Override
        protected Thread newThread(Runnable r, String name) {
            Thread t = super.newThread(r, name);
            threads.add(t);
            return t;
        }
    }

    public SipListeners(NettyTransportConfig config, FlowTable flows, FlowIds ids, SipInboundHandler inbound) {
        this.config = Objects.requireNonNull(config, "config");
        this.registry = new FlowRegistry(config, Objects.requireNonNull(flows, "flows"), Objects.requireNonNull(ids, "ids"),
                Objects.requireNonNull(inbound, "inbound"));
    }

    /**
     * Starts the event loops and binds every enabled listener. On failure (port in use, bad key
     * store) everything already started is stopped again and the exception names the listener.
     */
    public synchronized void start() throws IOException, GeneralSecurityException {
        if (running != null) {
            throw new IllegalStateException("SIP listeners already started");
        }
        List<Thread> threads = new CopyOnWriteArrayList<>();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, new TrackedThreads(THREAD_PREFIX + "accept", threads),
                NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(config.effectiveWorkerThreads(),
                new TrackedThreads(THREAD_PREFIX + "io", threads), NioIoHandler.newFactory());
        List<Channel> servers = new ArrayList<>();
        Map<Transport, InetSocketAddress> bound = new ConcurrentHashMap<>();
        Optional<DatagramFlows> udp = Optional.empty();
        running = new Running(boss, workers, threads, servers, udp, bound, null);
        try {
            SslContext tlsClient = TlsContexts.client(config.tls());
            if (config.udpEnabled()) {
                DatagramFlows flows = new DatagramFlows(registry);
                Channel ch = bind(Transport.UDP, new Bootstrap().group(workers).channel(NioDatagramChannel.class)
                        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
                        .handler(flows)
                        .bind(config.bindHost(), config.udpPort()));
                servers.add(ch);
                flows.attach(ch);
                bound.put(Transport.UDP, (InetSocketAddress) ch.localAddress());
                udp = Optional.of(flows);
            }
            if (config.tcpEnabled()) {
                Channel ch = bind(Transport.TCP, serverBootstrap(boss, workers, Transport.TCP, null).bind(config.bindHost(), config.tcpPort()));
                servers.add(ch);
                bound.put(Transport.TCP, (InetSocketAddress) ch.localAddress());
            }
            if (config.tlsEnabled()) {
                TlsConfig tls = config.tls().orElseThrow();
                Mapping<String, SslContext> sni = TlsContexts.sniMapping(tls);
                Channel ch = bind(Transport.TLS, serverBootstrap(boss, workers, Transport.TLS, sni).bind(config.bindHost(), config.tlsPort()));
                servers.add(ch);
                bound.put(Transport.TLS, (InetSocketAddress) ch.localAddress());
            }
            running = new Running(boss, workers, threads, servers, udp, Map.copyOf(bound), tlsClient);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            close();
            throw e;
        }
        LOG.log(Level.INFO, "SIP listeners started: {0}, {1} I/O threads", running.bound(), config.effectiveWorkerThreads());
    }

    private Channel bind(Transport transport, ChannelFuture f) throws IOException {
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("SIP " + transport + " listener on " + config.bindHost() + ": bind failed: " + f.cause(), f.cause());
        }
        return f.channel();
    }

    private ServerBootstrap serverBootstrap(EventLoopGroup boss, EventLoopGroup workers, Transport transport,
                                            Mapping<String, SslContext> sni) {
        return new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("idle", idleHandler());
                        if (sni != null) {
                            p.addLast("sni", new SniHandler(sni));
                        }
                        p.addLast("sip", new StreamFlowHandler(transport, registry, null, Optional.empty()));
                    }
                });
    }

    private IdleStateHandler idleHandler() {
        return new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The address a listener is bound to (with the real port when configured as 0), if it runs. */
    public synchronized Optional<InetSocketAddress> boundAddress(Transport transport) {
        return running == null ? Optional.empty() : Optional.ofNullable(running.bound().get(transport));
    }

    /** The port a listener is bound to, or -1 when it does not run. */
    public int port(Transport transport) {
        return boundAddress(transport).map(InetSocketAddress::getPort).orElse(-1);
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /**
     * RFC 3261 §18.1.1 and §18.2.2: reuses the open flow of {@code transport} to {@code remote}
     * when there is one; for UDP otherwise a flow over the listening socket; for TCP and TLS
     * otherwise a new connection (concurrent calls for one target share it). The future completes
     * on an event loop once the flow is open (after the handshake for TLS).
     */
    @Override
    public CompletableFuture<Flow> connect(Transport transport, InetSocketAddress remote) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
        Optional<Flow> open = registry.table.byRemote(transport, remote).filter(Flow::isOpen);
        if (open.isPresent()) {
            return CompletableFuture.completedFuture(open.get());
        }
        Running r;
        synchronized (this) {
            r = running;
        }
        if (r == null) {
            return CompletableFuture.failedFuture(new IOException("SIP listeners are not running"));
        }
        if (remote.isUnresolved()) {
            return CompletableFuture.failedFuture(new IOException("unresolved target " + remote + ": resolve it first (RFC 3263)"));
        }
        return switch (transport) {
            case UDP -> r.udp()
                    .map(u -> u.flow(remote)
                            .<CompletableFuture<Flow>>map(CompletableFuture::completedFuture)
                            .orElseGet(() -> CompletableFuture.failedFuture(
                                    new IOException("UDP flow to " + remote + " refused: socket closed or maxDatagramFlows="
                                            + config.maxDatagramFlows() + " reached"))))
                    .orElseGet(() -> CompletableFuture.failedFuture(new IOException("UDP is not enabled")));
            case TCP, TLS -> {
                RemoteKey key = new RemoteKey(transport, remote);
                CompletableFuture<Flow> mine = new CompletableFuture<>();
                CompletableFuture<Flow> pending = connecting.putIfAbsent(key, mine);
                if (pending != null) {
                    yield pending;
                }
                mine.whenComplete((f, e) -> connecting.remove(key, mine));
                // a connect that completed between the table lookup above and putIfAbsent has
                // registered its flow by now: reuse it rather than open a second connection
                Optional<Flow> raced = registry.table.byRemote(transport, remote).filter(Flow::isOpen);
                if (raced.isPresent()) {
                    mine.complete(raced.get());
                    yield mine;
                }
                open(r, transport, remote, mine);
                yield mine;
            }
            case WS, WSS -> CompletableFuture.failedFuture(
                    new IOException(transport + ": Ferry does not open WebSocket connections; route by flow (RFC 7118)"));
        };
    }

    private void open(Running r, Transport transport, InetSocketAddress remote, CompletableFuture<Flow> result) {
        String host = remote.getHostString();
        Optional<String> serverName = transport == Transport.TLS && !NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)
                ? Optional.of(host) : Optional.empty();
        Bootstrap b = new Bootstrap().group(r.workers()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("idle", idleHandler());
                        if (transport == Transport.TLS) {
                            p.addLast("tls", r.tlsClient().newHandler(ch.alloc(), host, remote.getPort()));
                        }
                        p.addLast("sip", new StreamFlowHandler(transport, registry, result, serverName));
                    }
                });
        b.connect(remote).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.log(Level.INFO, "transport={0} remote={1}: connect failed: {2}", transport, remote, f.cause());
                result.completeExceptionally(f.cause());
            }
        });
    }

    /**
     * Closes every flow of these listeners with {@code SHUTDOWN}, closes the sockets and stops the
     * event loops, waiting at most {@link NettyTransportConfig#shutdownTimeout()}. Idempotent.
     */
    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static boolean joined(Thread t, long deadline) {
        boolean interrupted = false;
        try {
            while (t.isAlive()) {
                long left = remainingMillis(deadline);
                if (left == 0) return false;
                try {
                    t.join(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        Running r = running;
        if (r == null) {
            return;
        }
        running = null;
        r.udp().ifPresent(u -> u.closeAll(CloseReason.SHUTDOWN));
        registry.closeAll(CloseReason.SHUTDOWN);
        for (Channel ch : r.servers()) {
            ch.close().awaitUninterruptibly(config.shutdownTimeout().toMillis());
        }
        long timeout = config.shutdownTimeout().toMillis();
        r.boss().shutdownGracefully(0, timeout, TimeUnit.MILLISECONDS);
        r.workers().shutdownGracefully(0, timeout, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
        boolean stopped = r.boss().terminationFuture().awaitUninterruptibly(timeout)
                & r.workers().terminationFuture().awaitUninterruptibly(remainingMillis(deadline));
        // the termination futures complete just before the threads end: wait for the threads too
        for (Thread t : r.threads()) {
            stopped &= joined(t, deadline);
        }
        for (CompletableFuture<Flow> pending : connecting.values()) {
            pending.completeExceptionally(new IOException("SIP listeners closed"));
        }
        if (stopped) {
            LOG.log(Level.INFO, "SIP listeners stopped: {0}", r.bound());
        } else {
            LOG.log(Level.WARNING, "SIP listeners: event loops still running after {0}", config.shutdownTimeout());
        }
    }
}
