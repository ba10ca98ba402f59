package io.ferry.admin;

import io.ferry.config.FerryConfig;
import io.ferry.config.FerryConfigProducer;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import io.ferry.runtime.SipStack;
import io.ferry.runtime.container.ContainerSettings;
import io.ferry.runtime.container.SipContainer;
import io.ferry.runtime.deploy.ApplicationRouterLoader;
import io.ferry.runtime.deploy.DarConfiguration;
import io.ferry.runtime.deploy.DarConfigurationException;
import io.ferry.runtime.deploy.DefaultApplicationRouter;
import io.ferry.runtime.deploy.ImplicitDarConfiguration;
import io.ferry.runtime.deploy.SipApplicationDefinition;
import io.ferry.runtime.deploy.SipApplicationInitializer;
import io.ferry.runtime.deploy.SipApplicationModel;
import io.ferry.runtime.lifecycle.ContainerAttributes;
import io.ferry.runtime.lifecycle.SipApplications;
import io.ferry.runtime.lifecycle.WebContainerComponentFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.sip.ar.SipApplicationRouter;
import io.ferry.runtime.transport.Transport;
import io.ferry.runtime.transport.netty.ClientCertPolicy;
import io.ferry.runtime.transport.netty.KeyStoreRef;
import io.ferry.runtime.transport.netty.NettyTransportConfig;
import io.ferry.runtime.transport.netty.SipListeners;
import io.ferry.runtime.transport.netty.TlsConfig;
import io.ferry.runtime.transport.dns.TargetConnector;
import io.ferry.runtime.transport.dns.TargetResolver;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import io.ferry.runtime.txn.TransactionConfig;
import io.ferry.sip.SipLimits;
import io.ferry.ws.HandshakePolicy;
import io.ferry.ws.SipWebSocketRuntime;
import io.ferry.ws.StaticTokenVerifier;
import javax.enterprise.context.ApplicationScoped;
import javax.servlet.ServletContext;
import javax.websocket.DeploymentException;
import javax.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.Gauge;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/**
 * Ferry's startup and shutdown, run with the web application. Readiness reports UP only after
 * {@link #start()} has validated the configuration and opened everything Ferry needs.
 */
@ApplicationScoped
public class FerryLifecycle {

    private static final System.Logger LOG = System.getLogger(FerryLifecycle.class.getName());

    /** Where startup stands; readiness and liveness read it. */
    public enum State { STARTING, READY, FAILED, STOPPED }

    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

    @Inject
    FerryConfigProducer configProducer;

    @Inject
    @ConfigProperty(name = "ferry.server.config.dir")
    Optional<String> serverConfigDir;

    @Inject
    @ConfigProperty(name = "ferry.keystore.password")
    Optional<String> keystorePassword;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry metricRegistry;

    private volatile TransportMetrics transportMetrics;

    private volatile SipStack sipStack;
    private volatile SipWebSocketRuntime webSocket;
    private volatile SipListeners listeners;
    private volatile SipApplications applications;
    private volatile SipContainer container;

    @Inject
    @ConfigProperty(name = DefaultApplicationRouter.CONFIGURATION_PROPERTY)
    Optional<String> darLocation;

    @Inject
    @ConfigProperty(name = ApplicationRouterLoader.PROVIDER_PROPERTY)
    Optional<String> routerProvider;

    /** Runs Ferry's startup; any exception fails the deployment (and is logged with its key). */
    public void start(ServletContext context) {
        try {
            FerryConfig validated = configProducer.ferryConfig();
            var secrets = new GeneratedSecrets(serverConfigDir.map(Path::of));
            secrets.ensure(GeneratedSecrets.ADMIN_PASSWORD, validated.admin().password(), validated.admin().user());
            secrets.ensure(GeneratedSecrets.KEYSTORE_PASSWORD, keystorePassword.filter(p -> !p.isBlank()), validated.admin().user());
            startSip(validated, context);
            var net = validated.network();
            LOG.log(Level.INFO, "Ferry node={0} ready: http=http://{1}:{2}/ https=https://{1}:{3}/"
                    + " health=/health/ready metrics=/metrics admin-center=https://{1}:{3}/adminCenter/",
                    validated.node().id(), "*".equals(net.host()) ? "localhost" : net.host(),
                    Integer.toString(net.httpPort()), Integer.toString(net.httpsPort()));
            state.set(State.READY);
        } catch (RuntimeException e) {
            state.set(State.FAILED);
            LOG.log(Level.ERROR, "Ferry startup failed: {0}", e.getMessage());
            throw e;
        }
    }

    /**
     * Starts the SIP transports when the WAR has something to serve SIP with: its SIP applications
     * (found by {@link SipApplicationInitializer}; the {@link SipContainer} is then the stack's
     * transaction user) or, failing that, a CDI {@link TransactionUser} bean (the legacy test
     * application of the ITs). When both exist, the SIP applications win and the bean is ignored.
     * Without either, Ferry serves no SIP.
     */
    private void startSip(FerryConfig config, ServletContext context) {
        Optional<SipApplicationModel> model = SipApplicationInitializer.model(context)
                .filter(m -> !m.applications().isEmpty());
        if (model.isEmpty()) {
            LOG.log(Level.INFO, "The WAR has no SIP application: SIP transports are not started");
            return;
        }
        ContainerSettings settings = new ContainerSettings(config.node().id(), advertisedHost(config), SUPPORTED,
                Duration.ofMillis(config.timers().t1Millis()), Duration.ofMillis(config.timers().t2Millis()));
        java.util.concurrent.atomic.AtomicBoolean implicitDar = new java.util.concurrent.atomic.AtomicBoolean();
        SipContainer container = new SipContainer(settings, router(model.get(), context.getClassLoader(), implicitDar));
        // Ferry's made-up DAR routes network requests only: it would hand applications their own requests
        container.routeNewApplicationRequests(!implicitDar.get());
        SipApplications apps;
        try {
            apps = SipApplications.start(model.get(), context, context.getClassLoader(), container::register,
                    new ContainerAttributes(SUPPORTED, SUPPORTED_RFCS, outboundInterfaces(config, settings.host()),
                            Optional.of(container.sipFlows())),
                    new WebContainerComponentFactory(context));
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
        apps.bindWebComponents(SipApplicationInitializer.webComponents(context));
        apps.publishOn(context);
        this.applications = apps;
        this.container = container;
        try {
            startTransports(config, context, container);
        } catch (RuntimeException e) {
            apps.stop();
            container.close();
            this.applications = null;
            this.container = null;
            throw e;
        }
        apps.servletsInitialized();
    }

    /** The option tags Ferry's container supports ({@code javax.servlet.sip.supported}). */
    static final List<String> SUPPORTED = List.of();
    /** The RFCs Ferry's container implements ({@code javax.servlet.sip.supportedRfcs}). */
    static final List<String> SUPPORTED_RFCS = List.of("3261", "3263", "6026", "7118");

    /**
     * The application router: a provider named by {@value ApplicationRouterLoader#PROVIDER_PROPERTY},
     * else one found through META-INF/services, else the Default Application Router with the DAR
     * file named by {@value DefaultApplicationRouter#CONFIGURATION_PROPERTY} or, without one,
     * {@link ImplicitDarConfiguration} over the WAR's applications. Both keys are read through
     * MicroProfile Config, so a JVM system property (JSR 289's way), an environment variable or
     * microprofile-config.properties may set them.
     */
    private SipApplicationRouter router(SipApplicationModel model, ClassLoader loader, java.util.concurrent.atomic.AtomicBoolean implicit) {
        List<String> names = model.applications().stream().map(SipApplicationDefinition::name).toList();
        ApplicationRouterLoader.Selection selection;
        try {
            selection = ApplicationRouterLoader.load(loader, routerProvider.filter(p -> !p.isBlank()), () -> {
                if (darLocation.isPresent() && !darLocation.get().isBlank()) {
                    try {
                        return DarConfiguration.loadLocation(darLocation.get());
                    } catch (java.io.IOException e) {
                        throw new DarConfigurationException(-1, "cannot read DAR file " + darLocation.get() + ": " + e, e);
                    }
                }
                if (names.size() > 1) {
                    LOG.log(Level.WARNING, "No DAR file ({0}): every method goes to the SIP applications in this order: {1}",
                            DefaultApplicationRouter.CONFIGURATION_PROPERTY, names);
                }
                implicit.set(true);
                return ImplicitDarConfiguration.forApplications(names);
            });
        } catch (DarConfigurationException e) {
            throw new IllegalStateException("bad DAR configuration " + darLocation.orElse("") + ": " + e.getMessage(), e);
        }
        if (!selection.ignoredProviders().isEmpty()) {
            LOG.log(Level.WARNING, "application router providers ignored: {0}", selection.ignoredProviders());
        }
        SipApplicationRouter router = selection.router();
        router.init();
        LOG.log(Level.INFO, "Application router: {0} ({1})", router.getClass().getName(), selection.source());
        return router;
    }

    /** The host in the URIs Ferry generates: the configured host, or this machine's address for "*". */
    static String advertisedHost(FerryConfig config) {
        String host = config.network().host();
        if (!"*".equals(host)) return host;
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    /** The node's SIP listening points ({@code javax.servlet.sip.outboundInterfaces}). */
    static List<ContainerAttributes.OutboundInterface> outboundInterfaces(FerryConfig config, String host) {
        List<ContainerAttributes.OutboundInterface> out = new ArrayList<>();
        var sip = config.sip();
        int port = config.network().sipPort();
        if (sip.udp() && port > 0) out.add(new ContainerAttributes.OutboundInterface(host, port, "udp"));
        if (sip.tcp() && port > 0) out.add(new ContainerAttributes.OutboundInterface(host, port, "tcp"));
        if (sip.tlsKeyStore().isPresent() && config.network().sipTlsPort() > 0) {
            out.add(new ContainerAttributes.OutboundInterface(host, config.network().sipTlsPort(), "tls"));
        }
        return out;
    }

    private void startTransports(FerryConfig config, ServletContext context, SipContainer user) {
        SipStack stack = new SipStack(config.node().id(), SipLimits.defaults().withMaxMessageBytes(config.webSocket().maxMessageBytes()),
                transactionConfig(config.timers()), user);
        SipWebSocketRuntime ws = new SipWebSocketRuntime(config.webSocket(),
                new HandshakePolicy(config.webSocket(), new StaticTokenVerifier(config.webSocket().tokens())),
                stack.flows(), stack.flowIds(), stack.inbound());
        try {
            ws.register(context);
        } catch (DeploymentException e) {
            stack.close();
            throw new IllegalStateException("cannot register the SIP WebSocket endpoint: " + e.getMessage(), e);
        }
        SipListeners netty = new SipListeners(nettyConfig(config), stack.flows(), stack.flowIds(), stack.inbound());
        try {
            netty.start();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            ws.close();
            stack.close();
            throw new IllegalStateException("cannot start the SIP listeners (UDP/TCP port " + config.network().sipPort()
                    + ", TLS port " + config.network().sipTlsPort() + "): " + e.getMessage(), e);
        }
        user.attach(stack);
        user.useConnector(new TargetConnector(TargetResolver.system(), netty));
        user.useListeningPorts(netty::port);
        this.sipStack = stack;
        this.webSocket = ws;
        this.listeners = netty;
        TransportMetrics metrics = new TransportMetrics(metricRegistry);
        metrics.register(stack.flows(), ws.gate());
        this.transportMetrics = metrics;
        LOG.log(Level.INFO, "SIP listeners: udp={0} tcp={1} tls={2} (0 = off)",
                Integer.toString(netty.port(Transport.UDP)), Integer.toString(netty.port(Transport.TCP)),
                Integer.toString(netty.port(Transport.TLS)));
    }

    static TransactionConfig transactionConfig(FerryConfig.TimerConfig t) {
        return TransactionConfig.DEFAULT
                .withTimers(Duration.ofMillis(t.t1Millis()), Duration.ofMillis(t.t2Millis()), Duration.ofMillis(t.t4Millis()))
                .withTryingDelay(Duration.ofMillis(t.tryingDelayMillis()));
    }

    /** FerryConfig → the Netty listeners' settings. */
    static NettyTransportConfig nettyConfig(FerryConfig config) {
        var sip = config.sip();
        var net = config.network();
        Optional<TlsConfig> tls = sip.tlsKeyStore().map(path -> {
            TlsConfig t = TlsConfig.of(KeyStoreRef.pkcs12(Path.of(path), sip.tlsKeyStorePassword().orElseThrow()))
                    .withClientCertPolicy(switch (sip.tlsClientAuth()) {
                        case NONE -> ClientCertPolicy.NONE;
                        case OPTIONAL -> ClientCertPolicy.OPTIONAL;
                        case REQUIRED -> ClientCertPolicy.REQUIRE;
                    });
            return sip.tlsTrustStore().map(ts -> t.withTrustStore(KeyStoreRef.pkcs12(Path.of(ts), sip.tlsKeyStorePassword().orElseThrow())))
                    .orElse(t);
        });
        SipLimits limits = SipLimits.defaults().withMaxMessageBytes(config.webSocket().maxMessageBytes());
        NettyTransportConfig base = NettyTransportConfig.defaults();
        if (tls.isPresent()) {
            base = base.withTls(tls.get());
        }
        return base
                .withBindHost("*".equals(net.host()) ? "0.0.0.0" : net.host())
                .withPorts(net.sipPort(), net.sipPort(), net.sipTlsPort())
                .withEnabled(sip.udp(), sip.tcp(), tls.isPresent())
                .withIdleTimeout(Duration.ofSeconds(sip.idleTimeoutSeconds()))
                .withMaxOutboundQueueBytes(Math.max(sip.maxOutboundBytes(), limits.maxMessageBytes()))
                .withLimits(limits);
    }

    /** The running SIP stack, once started with a transaction user. */
    public Optional<SipStack> sipStack() {
        return Optional.ofNullable(sipStack);
    }

    public Optional<SipWebSocketRuntime> webSocket() {
        return Optional.ofNullable(webSocket);
    }

    public void stop() {
        SipApplications apps = applications;
        if (apps != null) {
            apps.stop();
        }
        TransportMetrics metrics = transportMetrics;
        if (metrics != null) {
            metrics.unregister();
        }
        SipListeners netty = listeners;
        if (netty != null) {
            netty.close();
        }
        SipWebSocketRuntime ws = webSocket;
        if (ws != null) {
            ws.close();
        }
        SipStack stack = sipStack;
        if (stack != null) {
            stack.close();
        }
        SipContainer c = container;
        if (c != null) {
            c.close();
        }
        state.set(State.STOPPED);
        LOG.log(Level.INFO, "Ferry stopped");
    }

    public State state() {
        return state.get();
    }

    public boolean isReady() {
        return state.get() == State.READY;
    }

    @Gauge(name = "ferry_ready", absolute = true, unit = "none",
           description = "1 once Ferry's startup has finished, 0 before, after a failure or after shutdown")
    public long readyGauge() {
        return isReady() ? 1 : 0;
    }
}
