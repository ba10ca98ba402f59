package io.ferry.ws;

import io.ferry.config.FerryConfig.WebSocketConfig;
import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.SipInboundHandler;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.servlet.DispatcherType;
import javax.servlet.FilterRegistration;
import javax.servlet.ServletContext;
import javax.websocket.DeploymentException;
import javax.websocket.server.ServerContainer;
import javax.websocket.server.ServerEndpointConfig;

/**
 * Registers the SIP WebSocket endpoint (subprotocol {@code sip}) on every configured path, with
 * the handshake gate in front, and runs the keepalive pings. Created at application start and
 * closed at undeploy, which closes every WebSocket with 1001 "going away".
 */
public final class SipWebSocketRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SipWebSocketRuntime.class.getName());
    public static final String SUBPROTOCOL = "sip";

    private final WebSocketConfig config;
    private final FlowTable flowTable;
    private final FlowIds flowIds;
    private final SipInboundHandler inbound;
    private final HandshakeGate gate;
    private final Set<SipWebSocketEndpoint> endpoints = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService pinger;

    public SipWebSocketRuntime(WebSocketConfig config, HandshakePolicy policy, FlowTable flowTable, FlowIds flowIds,
                               SipInboundHandler inbound) {
        this.config = config;
        this.flowTable = flowTable;
        this.flowIds = flowIds;
        this.inbound = inbound;
        this.gate = new HandshakeGate(policy, SUBPROTOCOL);
        this.pinger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-ws-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds the gate and the endpoint for each configured path to the web application. */
    public void register(ServletContext context) throws DeploymentException {
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new DeploymentException("no JSR-356 ServerContainer: is the websocket-1.1 feature enabled?");
        }
        List<String> paths = config.paths();
        FilterRegistration.Dynamic filter = context.addFilter("ferry-sip-ws-handshake", gate);
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, paths.toArray(String[]::new));
        for (String path : paths) {
            container.addEndpoint(ServerEndpointConfig.Builder.create(SipWebSocketEndpoint.class, path)
                    .subprotocols(List.of(SUBPROTOCOL))
                    .configurator(new ServerEndpointConfig.Configurator() {
                        @Override
                        public <T> T getEndpointInstance(Class<T> type) {
                            return type.cast(new SipWebSocketEndpoint(SipWebSocketRuntime.this, gate.current()));
                        }
                    })
                    .build());
        }
        container.setDefaultMaxTextMessageBufferSize(config.maxMessageBytes());
        container.setDefaultMaxBinaryMessageBufferSize(config.maxMessageBytes());
        if (config.pingIntervalSeconds() > 0) {
            long interval = TimeUnit.SECONDS.toNanos(config.pingIntervalSeconds());
            pinger.scheduleWithFixedDelay(() -> sweep(interval), config.pingIntervalSeconds(), config.pingIntervalSeconds(), TimeUnit.SECONDS);
        }
        LOG.log(Level.INFO, "SIP over WebSocket: subprotocol={0} paths={1} origins={2} max-message-bytes={3} ping-interval={4}s",
                SUBPROTOCOL, paths, config.allowedOrigins(), Integer.toString(config.maxMessageBytes()),
                Integer.toString(config.pingIntervalSeconds()));
    }

    private void sweep(long intervalNanos) {
        long now = System.nanoTime();
        for (SipWebSocketEndpoint e : endpoints) {
            try {
                e.keepalive(now, intervalNanos);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "keepalive sweep failed for one flow", ex);
            }
        }
        long tookMillis = (System.nanoTime() - now) / 1_000_000;
        if (tookMillis * 1_000_000 > intervalNanos / 2) {
            LOG.log(Level.WARNING, "keepalive sweep over {0} flows took {1} ms (interval {2} ms)",
                    Integer.toString(endpoints.size()), Long.toString(tookMillis), Long.toString(intervalNanos / 1_000_000));
        }
    }

    WebSocketConfig config() {
        return config;
    }

    FlowTable flowTable() {
        return flowTable;
    }

    FlowIds flowIds() {
        return flowIds;
    }

    SipInboundHandler inbound() {
        return inbound;
    }

    void opened(SipWebSocketEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    void closed(SipWebSocketEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    void released(InetSocketAddress client) {
        gate.released(client);
    }

    public HandshakeGate gate() {
        return gate;
    }

    public int openConnections() {
        return endpoints.size();
    }

    /** DESIGN: on shutdown a node closes its WebSockets with 1001 "going away". */
    @Override
    public void close() {
        pinger.shutdownNow();
        for (SipWebSocketEndpoint e : endpoints) {
            if (e.flow() != null) {
                e.flow().close(CloseReason.SHUTDOWN);
            }
        }
        endpoints.clear();
    }
}
