package io.ferry.runtime.container;

import io.ferry.runtime.SipStack;
import io.ferry.runtime.SipStackAware;
import io.ferry.runtime.api.AddressFactory;
import io.ferry.runtime.api.Mutability;
import io.ferry.runtime.api.ServletAddress;
import io.ferry.runtime.deploy.SipApplicationDefinition;
import io.ferry.runtime.deploy.SipListenerType;
import io.ferry.runtime.dialog.DialogException;
import io.ferry.runtime.dialog.DialogId;
import io.ferry.runtime.dialog.DialogPhase;
import io.ferry.runtime.dialog.DialogRole;
import io.ferry.runtime.dialog.DialogState;
import io.ferry.runtime.dialog.InDialogCheck;
import io.ferry.runtime.timer.FerryTimerService;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.dns.TargetConnector;
import io.ferry.runtime.txn.ClientTransaction;
import io.ferry.runtime.txn.ServerTransaction;
import io.ferry.runtime.txn.TimerScheduler;
import io.ferry.runtime.txn.Transaction;
import io.ferry.runtime.txn.TransactionFailure;
import io.ferry.runtime.txn.TransactionUser;
import io.ferry.runtime.txn.WheelTimerScheduler;
import io.ferry.sip.CSeq;
import io.ferry.sip.NameAddr;
import io.ferry.sip.Parameters;
import io.ferry.sip.SipLimits;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipUri;
import io.ferry.sip.Uri;
import io.ferry.sip.Via;
import java.io.Serializable;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.servlet.ServletContext;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;

/**
 * The SIP Servlet container of one Ferry node (JSR 289): the transaction user above the
 * transaction layer. Initial requests are routed through the application router (§15) to the
 * applications, which answer as UAS or send requests as UAC; subsequent requests find their
 * SipSession by dialog. Requests an application sends with a CONTINUE or REVERSE directive are
 * routed to the next application inside the node before they reach the network.
 *
 * <p>Threads: transaction-layer callbacks are handed to a pool at once; everything of one
 * application session then runs through that session's {@link SerialQueue}.
 */
public final class SipContainer implements TransactionUser, SipStackAware, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SipContainer.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContainerSettings settings;
    private final SipApplicationRouter router;
    private final Function<TimerScheduler, TimerService> timerServices;
    private final WheelTimerScheduler scheduler = new WheelTimerScheduler();
    private final ThreadPoolExecutor executor;
    private final Map<String, Application> applications = new ConcurrentHashMap<>();
    private final Map<DialogId, FerrySipSession> dialogs = new ConcurrentHashMap<>();
    /** Client transactions by "branch method" → the request the application sent. */
    private final Map<String, FerrySipServletRequest> clientRequests = new ConcurrentHashMap<>();
    /** Server transactions → the request delivered to the application, until its final response. */
    private final Map<ServerTransaction, FerrySipServletRequest> serverRequests = new ConcurrentHashMap<>();
    /** 2xx responses to INVITE waiting for their ACK (RFC 3261 §13.3.1.4), by session and CSeq number. */
    private final Map<String, TimerScheduler.TimerHandle> awaitingAck = new ConcurrentHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong();
    /** "application/servlet" running on this thread, for the handler of sessions it creates. */
    private final ThreadLocal<String> currentServlet = new ThreadLocal<>();
    private volatile SipStack stack;
    private volatile ContainerFlows flows;
    private volatile TargetConnector connector;
    private volatile boolean closed;
    private volatile boolean routeNewApplicationRequests = true;
    private volatile java.util.function.ToIntFunction<io.ferry.runtime.transport.Transport> listeningPorts = t -> 0;
    private final SipLimits limits;

    public SipContainer(ContainerSettings settings, SipApplicationRouter router) {
        this(settings, router, FerryTimerService::new);
    }

    /**
     * @param timerServices makes an application's TimerService on the container's scheduler
     */
    public SipContainer(ContainerSettings settings, SipApplicationRouter router, Function<TimerScheduler, TimerService> timerServices) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.router = Objects.requireNonNull(router, "router");
        this.timerServices = Objects.requireNonNull(timerServices, "timerServices");
        this.limits = SipLimits.defaults();
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "ferry-sip-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    // ------------------------------------------------------------------ wiring

    @Override
    public void attach(SipStack stack) {
        this.stack = stack;
        this.flows = new ContainerFlows(stack.flows());
    }

    /** Where requests to URIs go (RFC 3263 resolution and connection reuse); without it only flows and dialogs are reachable. */
    public void useConnector(TargetConnector connector) {
        this.connector = connector;
    }

    /**
     * Whether requests applications start with the NEW directive go through the application router
     * (JSR 289 §15.4, the default) or straight to the network. Ferry turns routing off when it
     * made up the DAR itself (no DAR file): such a DAR would hand an application its own requests.
     * A request sent to a flow (flow extension) is never routed.
     */
    public void routeNewApplicationRequests(boolean route) {
        this.routeNewApplicationRequests = route;
    }

    /** The ports the node listens on, per transport (0 = none), for the addresses Ferry advertises. */
    public void useListeningPorts(java.util.function.ToIntFunction<io.ferry.runtime.transport.Transport> ports) {
        this.listeningPorts = Objects.requireNonNull(ports, "ports");
    }

    /**
     * The host of {@code flow}'s local address as a URI or Via host (IPv6 in brackets), empty when
     * the flow is bound to the wildcard address.
     */
    static Optional<String> localHost(Flow flow) {
        java.net.InetAddress a = flow.localAddress().getAddress();
        if (a == null || a.isAnyLocalAddress()) return Optional.empty();
        return Optional.of(a instanceof Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress());
    }

    /** The host to put in Via and Contact for a message on {@code flow}: its local address, else the node's host name. */
    String advertisedHost(Flow flow) {
        return localHost(flow).orElse(settings.host());
    }

    /**
     * The port to put in Via, Contact and Record-Route for a message on {@code flow}: for TCP and TLS
     * the node's listening port, not the ephemeral port of a connection Ferry opened, so that a
     * peer can open a new connection to it (RFC 3261 §18.2.2, §16.6 step 4); else the flow's own.
     */
    int advertisedPort(Flow flow) {
        var t = flow.transport();
        if (t == io.ferry.runtime.transport.Transport.TCP || t == io.ferry.runtime.transport.Transport.TLS) {
            int p = listeningPorts.applyAsInt(t);
            if (p > 0) return p;
        }
        return flow.localAddress().getPort();
    }

    /** The flow directory of the flow extension (it finds flows once the container is {@link #attach attached}). */
    public io.ferry.flow.SipFlows sipFlows() {
        return id -> {
            ContainerFlows f = flows;
            return f == null ? Optional.empty() : f.find(id);
        };
    }

    public ApplicationHandle register(SipApplicationDefinition definition, ServletContext context, ClassLoader loader) {
        if (closed) throw new IllegalStateException("the SIP container is closed");
        Application app = new Application(this, definition, context, loader);
        if (applications.putIfAbsent(definition.name(), app) != null) {
            throw new IllegalStateException("a SIP application named '" + definition.name() + "' is registered already");
        }
        return app;
    }

    void started(Application app) {
        router.applicationDeployed(List.of(app.name()));
        LOG.log(Level.INFO, "SIP application {0} started", app.name());
    }

    void stopped(Application app) {
        applications.remove(app.name(), app);
        try {
            router.applicationUndeployed(List.of(app.name()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "application router failed on undeploy of " + app.name(), e);
        }
        LOG.log(Level.INFO, "SIP application {0} stopped", app.name());
    }

    /** The names of the applications that receive requests. */
    public List<String> applicationNames() {
        return applications.values().stream().filter(Application::isStarted).map(Application::name).sorted().toList();
    }

    ContainerSettings settings() {
        return settings;
    }

    Executor executor() {
        return executor;
    }

    TimerScheduler scheduler() {
        return scheduler;
    }

    Function<TimerScheduler, TimerService> timerServiceFactory() {
        return timerServices;
    }

    SipLimits limits() {
        return limits;
    }

    ContainerFlows flows() {
        ContainerFlows f = flows;
        if (f == null) throw new IllegalStateException("the container is not attached to a SIP stack yet");
        return f;
    }

    boolean isClosed() {
        return closed;
    }

    Address createAddress(SipURI uri) {
        return AddressFactory.createAddress(uri);
    }

    String newCallId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b) + "@" + settings.host();
    }

    private static String newBranch() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return "z9hG4bK" + HexFormat.of().formatHex(b); // RFC 3261 §8.1.1.7
    }

    FerrySipSession newSession(FerryApplicationSession as, String callId, NameAddr local, NameAddr remote, DialogRole role) {
        String id = as.getId() + ";" + sessionIds.incrementAndGet();
        FerrySipSession s = new FerrySipSession(as, id, callId, local, remote, role);
        // JSR 289 §6.2.2: a session the application creates is handled by the servlet that created
        // it (the one running on this thread), else by the application's default servlet
        String running = currentServlet.get();
        s.handlerName(running != null && running.startsWith(as.application().name() + "/")
                ? running.substring(as.application().name().length() + 1)
                : as.application().defaultServlet().orElse(null));
        as.addSession(s);
        // serialised with the application session's messages (JSR 289 concurrency)
        var created = as.application().listeners(SipListenerType.SESSION, SipSessionListener.class);
        if (!created.isEmpty()) {
            as.queue().execute(() -> created.forEach(l -> as.application().call(() -> l.sessionCreated(new SipSessionEvent(s)))));
        }
        return s;
    }

    FerrySipServletRequest newOutgoingRequest(FerrySipSession session, SipRequest request, boolean initial) {
        return new FerrySipServletRequest(this, request, session, initial);
    }

    void forget(FerrySipSession session) {
        session.dialogId().ifPresent(id -> dialogs.remove(id, session));
        proxyDialogs.values().removeIf(d -> d.proxy().session() == session);
        acceptedBranches.values().removeIf(p -> p.session() == session);
        session.internalPeer().ifPresent(p -> p.internalPeer(null));
    }

    /** Outbound interfaces: the addresses of the listeners (ServletContext {@code javax.servlet.sip.outboundInterfaces}). */
    boolean isOutboundInterface(InetSocketAddress address) {
        SipStack s = stack;
        if (s == null) return false;
        for (Flow f : s.flows().all()) {
            if (f.localAddress().getAddress().equals(address.getAddress())
                    && (address.getPort() == 0 || f.localAddress().getPort() == address.getPort())) return true;
        }
        return address.getAddress() != null && (address.getAddress().isLoopbackAddress() || address.getAddress().isAnyLocalAddress());
    }

    Optional<SipSession> correspondingSession(Application app, FerrySipSession in, String headerName) {
        // RFC 3891 §3, RFC 3911 §4: "callid;to-tag=X;from-tag=Y" names a dialog; X is the tag of the
        // side that receives the header (our local tag), Y that of the other side
        Optional<String> value = in.initialRequest().flatMap(r -> r.headers().firstValue(headerName));
        if (value.isEmpty()) return Optional.empty();
        try {
            String[] parts = value.get().split(";");
            String toTag = null;
            String fromTag = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("to-tag")) toTag = kv[1].trim();
                if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("from-tag")) fromTag = kv[1].trim();
            }
            if (toTag == null || fromTag == null) return Optional.empty();
            FerrySipSession s = dialogs.get(new DialogId(parts[0].trim(), toTag, fromTag));
            return s != null && s.app() == app && s != in ? Optional.of(s) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------ TransactionUser: requests

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        if (closed) {
            transaction.respond(request.createResponse(503, "Service Unavailable"));
            return;
        }
        if (hasToTag(request)) {
            // RFC 3261 §12.2.2: a request within a dialog is matched and queued on its session at once (a map
            // lookup, no application code), so requests of one dialog keep the order they arrived in
            receive(transaction.flow(), request, transaction);
            return;
        }
        // an initial request runs the application router and @SipApplicationKey: on the pool
        execute(() -> receive(transaction.flow(), request, transaction));
    }

    private static boolean hasToTag(SipRequest request) {
        try {
            return request.to().map(t -> t.tag() != null).orElse(false);
        } catch (SipParseException e) {
            return false;
        }
    }

    private void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.WARNING, "SIP container busy or closed: task dropped");
        }
    }

    private void receive(Flow flow, SipRequest request, ServerTransaction txn) {
        FerrySipServletRequest.ResponseSink sink = txn::respond;
        try {
            Optional<DialogId> dialog = DialogId.ofReceivedRequest(request);
            if (dialog.isPresent()) {
                DialogId id = dialog.get();
                FerrySipSession known = dialogs.get(id);
                FerrySipSession awaiting = known == null ? awaitingResponse(id) : null;
                if (awaiting != null) {
                    // the response that creates this dialog may be queued on the session still (the peer's BYE or
                    // NOTIFY can overtake it): match the request after it, on the same queue
                    awaiting.appSessionImpl().queue().execute(() -> {
                        FerrySipSession s = dialogs.get(id);
                        if (s == null && request.isMethod("NOTIFY")) s = notifyBeforeResponse(id, request, flow);
                        if (s == null || !s.isValid()) txn.respond(request.createResponse(481, "Call/Transaction Does Not Exist"));
                        else subsequent(s, flow, request, sink, txn);
                    });
                    return;
                }
                ProxyDialog px = known == null ? proxyDialogs.get(proxyDialogKey(request)) : null;
                if (px != null) {
                    px.proxy().session().appSessionImpl().queue().execute(() -> proxySubsequent(px, flow, request, sink, txn));
                    return;
                }
                FerrySipSession s = known;
                if (s == null || !s.isValid()) {
                    // RFC 3261 §12.2.2: no dialog matches → 481
                    txn.respond(request.createResponse(481, "Call/Transaction Does Not Exist"));
                    return;
                }
                s.appSessionImpl().queue().execute(() -> subsequent(s, flow, request, sink, txn));
                return;
            }
            initial(flow, request, sink, txn, null);
        } catch (DialogException e) {
            txn.respond(request.createResponse(400, "Bad Request"));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "request " + request.method() + " failed in the container", e);
            if (!txn.lastResponse().map(r -> r.status() >= 200).orElse(false)) {
                txn.respond(request.createResponse(500, "Server Internal Error"));
            }
        }
    }

    /** The session of a dialog-creating request the application sent whose Call-ID and From tag {@code id} names, if still pending. */
    private FerrySipSession awaitingResponse(DialogId id) {
        for (FerrySipServletRequest out : clientRequests.values()) {
            FerrySipSession s = out.session;
            if (out.isInitial() && DialogState.isDialogCreating(out.getMethod()) && s.getCallId().equals(id.callId())
                    && id.localTag().equals(s.localTag())) return s;
        }
        return null;
    }

    /**
     * RFC 6665 §4.1.2.4 (and RFC 3515 for REFER): a NOTIFY may arrive before the 2xx to the
     * SUBSCRIBE the application sent; it creates the dialog (route set = its Record-Route, remote
     * target = its Contact) in the subscription's session. A NOTIFY of another fork, once the
     * session has a dialog, is not matched (Ferry makes no derived session for it).
     */
    private FerrySipSession notifyBeforeResponse(DialogId id, SipRequest notify, Flow flow) {
        for (FerrySipServletRequest out : clientRequests.values()) {
            String method = out.getMethod();
            FerrySipSession s = out.session;
            if (!out.isInitial() || !(method.equals("SUBSCRIBE") || method.equals("REFER")) || !s.isValid()
                    || !s.getCallId().equals(id.callId()) || !id.localTag().equals(s.localTag())) continue;
            try {
                SipRequest sent = out.request();
                List<NameAddr> contacts = notify.contacts();
                if (contacts.size() != 1 || contacts.get(0).isWildcard()) return null;
                CSeq cseq = sent.cseq().orElseThrow();
                boolean secure = out.flow != null && out.flow.secure() && sent.requestUri() instanceof SipUri u && u.secure();
                synchronized (s) {
                    if (s.dialog().isPresent()) return null;
                    DialogState d = new DialogState(DialogRole.UAC, id, sent.from().orElseThrow(), sent.to().orElseThrow(),
                            java.util.OptionalLong.of(cseq.number()), java.util.OptionalLong.empty(), contacts.get(0).uri(),
                            notify.recordRoutes(), secure, DialogPhase.CONFIRMED, cseq);
                    s.dialog(d);
                    dialogs.put(id, s);
                    s.state(SipSession.State.CONFIRMED);
                }
                if (s.flow().isEmpty()) s.flow(flow);
                return s;
            } catch (SipParseException | RuntimeException e) {
                LOG.log(Level.INFO, "NOTIFY before the 2xx to its {0} does not fit: {1}", method, e.getMessage());
                return null;
            }
        }
        return null;
    }

    /**
     * JSR 289 §15.4: an initial request from the network or from another application. The
     * application router picks the application; a Route that points at this node is popped
     * first (its value becomes {@code getPoppedRoute()}).
     */
    private void initial(Flow flow, SipRequest request, FerrySipServletRequest.ResponseSink sink, ServerTransaction txn,
                         FerrySipServletRequest fromApplication) {
        Address popped = null;
        SipRequest req = request;
        if (fromApplication == null) {
            StrictRouting.Restored strict = fromStrictRouter(req, flow);
            if (strict != null) {
                req = strict.request();
                popped = ServletAddress.of(strict.ours(), Mutability.READ_ONLY);
            }
            // RFC 3261 §16.4: a Route that Ferry placed (its name, or a Record-Route or Path entry naming one of its flows)
            Optional<NameAddr> top = firstRoute(req);
            if (top.isPresent() && isOwnRoute(top.get().uri(), flow)) {
                if (popped == null) popped = ServletAddress.of(top.get(), Mutability.READ_ONLY);
                req = req.withHeaders(req.headers().withoutFirstValue("Route"));
            }
        }
        // JSR 289 §15.11.2: an encoded URI names its application session directly
        Optional<FerryApplicationSession> encoded = encodedSession(req);
        if (encoded.isPresent()) {
            deliverInitial(encoded.get().application(), encoded.get(), flow, req, sink, txn, popped, null, null, null, fromApplication);
            return;
        }
        FerrySipServletRequest view = new FerrySipServletRequest(this, req, null, flow, true, sink, popped);
        SipApplicationRoutingDirective directive = SipApplicationRoutingDirective.NEW;
        SipApplicationRoutingRegion region = null;
        Serializable state = null;
        if (fromApplication != null) {
            directive = fromApplication.getRoutingDirective();
            state = directive == SipApplicationRoutingDirective.NEW ? null : fromApplication.stateInfo();
            region = directive == SipApplicationRoutingDirective.NEW ? null : fromApplication.getRegion();
        }
        SipApplicationRouterInfo info;
        try {
            info = router.getNextApplication(view, region, directive, null, state);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "application router failed on " + req.method(), e);
            sink.respond(req.createResponse(500, "Server Internal Error"));
            return;
        }
        String name = info == null ? null : info.getNextApplicationName();
        if (name == null) {
            if (fromApplication != null) {
                sendToNetwork(fromApplication, routesOf(info));
                return;
            }
            // JSR 289 §15.4.1: no application; Ferry does not proxy without one (docs/sip-servlet-compliance.md)
            LOG.log(Level.INFO, "no SIP application for {0} {1}: 404", req.method(), req.requestUriText());
            if (!req.isMethod("ACK")) sink.respond(req.createResponse(404, "Not Found"));
            return;
        }
        Application app = applications.get(name);
        if (app == null || !app.isStarted()) {
            // JSR 289 §15.4.1: the router named an application that is not deployed
            LOG.log(Level.WARNING, "application router chose undeployed application {0} for {1}", name, req.method());
            if (!req.isMethod("ACK")) sink.respond(req.createResponse(500, "Server Internal Error"));
            return;
        }
        URI subscriber = null;
        if (info.getSubscriberURI() != null) {
            try {
                subscriber = AddressFactory.createURI(info.getSubscriberURI());
            } catch (javax.servlet.sip.ServletParseException e) {
                LOG.log(Level.WARNING, "application router gave a malformed subscriber URI: {0}", info.getSubscriberURI());
            }
        }
        if (fromApplication != null && DialogState.isDialogCreating(req.method()) && !req.headers().contains("Contact")) {
            // RFC 3261 §8.1.1.8: the next application answers a dialog-creating request only if it names a Contact;
            // inside the node that is this node's own address
            NameAddr contact = contactFor(fromApplication, fromApplication.initialFlow);
            fromApplication.edits.containerEdit(m -> ((SipRequest) m).withHeader("Contact", contact.toString()));
            req = fromApplication.request();
        }
        deliverInitial(app, null, flow, req, sink, txn, popped, info.getRoutingRegion(), subscriber, info.getStateInfo(), fromApplication);
    }

    private static List<String> routesOf(SipApplicationRouterInfo info) {
        if (info == null || info.getRouteModifier() != SipRouteModifier.ROUTE || info.getRoutes() == null) return List.of();
        return List.of(info.getRoutes());
    }

    private void deliverInitial(Application app, FerryApplicationSession existing, Flow flow, SipRequest req,
                                FerrySipServletRequest.ResponseSink sink, ServerTransaction txn, Address popped,
                                SipApplicationRoutingRegion region, URI subscriber, Serializable stateInfo,
                                FerrySipServletRequest fromApplication) {
        Optional<String> servletName = app.selectServlet(req);
        if (servletName.isEmpty() || app.servlet(servletName.get()).isEmpty()) {
            // JSR 289 §16: no servlet mapping matched
            if (!req.isMethod("ACK")) sink.respond(req.createResponse(404, "Not Found"));
            return;
        }
        NameAddr from;
        NameAddr to;
        try {
            from = req.from().orElseThrow();
            to = req.to().orElseThrow();
        } catch (SipParseException | RuntimeException e) {
            sink.respond(req.createResponse(400, "Bad Request"));
            return;
        }
        FerryApplicationSession as = existing;
        if (as == null) {
            Optional<String> key = applicationKey(app, req, flow, sink);
            as = key.isPresent() ? app.applicationSessionByKey(key.get(), true) : app.newApplicationSession(null);
        }
        String localTag = SipRequest.newTag();
        FerrySipSession created;
        try {
            created = newSession(as, req.callId().orElseThrow(), to.withoutParam("tag").withTag(localTag), from, DialogRole.UAS);
        } catch (IllegalStateException invalidated) {
            if (existing != null) {
                // JSR 289 §15.11.2: the encoded application session is gone
                sink.respond(req.createResponse(481, "Call/Transaction Does Not Exist"));
                return;
            }
            // JSR 289 §15.11.3: the keyed application session was invalidated as the request arrived: a new one
            Optional<String> key = Optional.ofNullable(as.key());
            as = key.isPresent() ? app.applicationSessionByKey(key.get(), true) : app.newApplicationSession(null);
            created = newSession(as, req.callId().orElseThrow(), to.withoutParam("tag").withTag(localTag), from, DialogRole.UAS);
        }
        FerryApplicationSession appSession = as;
        FerrySipSession session = created;
        session.flow(flow);
        session.routing(region, subscriber);
        session.handlerName(servletName.get());
        session.initialRequest(req);
        FerrySipServletRequest in = new FerrySipServletRequest(this, req, session, flow, true, sink, popped);
        in.routingState(region, subscriber, stateInfo);
        session.originalRequest(in);
        if (!req.isMethod("ACK")) session.pending(in);
        if (fromApplication != null) {
            // the sending application's request is now on its way: committed, one transaction pending
            fromApplication.edits.commit();
            fromApplication.sent();
            fromApplication.internalTarget(in);
            if (!req.isMethod("ACK")) fromApplication.session.transactionStarted();
            in.initialFlow = fromApplication.initialFlow;
            session.internalPeer(fromApplication.session);
            fromApplication.session.internalPeer(session);
        }
        if (txn != null) {
            // a CANCEL may have been answered while the request was being routed: the INVITE has its 487 then
            synchronized (txn) {
                if (txn.lastResponse().map(r -> r.status() >= 200).orElse(false)) {
                    session.invalidate();
                    return;
                }
                serverRequests.put(txn, in);
            }
        }
        if (!req.isMethod("ACK")) session.transactionStarted();
        appSession.queue().execute(() -> dispatch(session, in, null));
    }

    /** JSR 289 §15.11.3: the {@code @SipApplicationKey} method of the application, if any. */
    private Optional<String> applicationKey(Application app, SipRequest req, Flow flow, FerrySipServletRequest.ResponseSink sink) {
        var method = app.definition().applicationKey();
        if (method.isEmpty()) return Optional.empty();
        FerrySipServletRequest view = new FerrySipServletRequest(this, req, null, flow, true, sink, null);
        try {
            Object key = method.get().invoke(null, view);
            return Optional.ofNullable((String) key);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.ERROR, "@SipApplicationKey method of " + app.name() + " failed: a new application session is used", e);
            return Optional.empty();
        }
    }

    private Optional<FerryApplicationSession> encodedSession(SipRequest req) {
        try {
            if (req.requestUri() instanceof SipUri u) {
                String id = u.params().get(FerryApplicationSession.ENCODED_URI_PARAM).orElse(null);
                if (id == null) return Optional.empty();
                for (Application app : applications.values()) {
                    Optional<FerryApplicationSession> s = app.applicationSession(id);
                    if (s.isPresent() && app.isStarted()) return s;
                }
            }
        } catch (SipParseException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A request within a dialog of {@code s} (RFC 3261 §12.2.2), serialised on its application session. */
    private void subsequent(FerrySipSession s, Flow flow, SipRequest request, FerrySipServletRequest.ResponseSink sink, ServerTransaction txn) {
        if (!s.isValid()) {
            if (!request.isMethod("ACK")) sink.respond(request.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        DialogState d = s.dialog().orElse(null);
        if (d == null) {
            if (!request.isMethod("ACK")) sink.respond(request.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        try {
            InDialogCheck check = d.checkRequest(request);
            if (check instanceof InDialogCheck.Reject r) {
                if (!request.isMethod("ACK")) sink.respond(request.createResponse(r.status(), r.reason()));
                return;
            }
            s.dialog(((InDialogCheck.Accept) check).next());
        } catch (DialogException | IllegalArgumentException e) {
            if (!request.isMethod("ACK")) sink.respond(request.createResponse(400, "Bad Request"));
            return;
        }
        if (request.isMethod("ACK")) {
            try {
                long cseq = request.cseq().orElseThrow().number();
                TimerScheduler.TimerHandle wait = awaitingAck.remove(s.getId() + " " + cseq);
                if (wait != null) wait.cancel();
                // RFC 3261 §13.3.1.4: the UAC resends its ACK for every retransmitted 2xx; the application gets the first
                if (!s.ackReceived(cseq)) return;
            } catch (SipParseException e) {
                return;
            }
        }
        if (flow != null && s.role() == DialogRole.UAS) s.flow(flow);
        FerrySipServletRequest in = new FerrySipServletRequest(this, request, s, flow, false, sink, null);
        if (!request.isMethod("ACK")) s.pending(in);
        if (txn != null) serverRequests.put(txn, in);
        if (!request.isMethod("ACK")) s.transactionStarted();
        s.accessed();
        dispatch(s, in, null);
    }

    @Override
    public void onAck(Flow flow, SipRequest ack, Optional<ServerTransaction> invite) {
        // queued on its session at once, in arrival order with the dialog's other requests (see onRequest)
        try {
            Optional<DialogId> id = DialogId.ofReceivedRequest(ack);
            FerrySipSession s = id.map(dialogs::get).orElse(null);
            ProxyDialog px = s == null ? proxyDialogs.get(proxyDialogKey(ack)) : null;
            if (px != null) {
                px.proxy().session().appSessionImpl().queue().execute(() -> proxySubsequent(px, flow, ack, r -> false, null));
                return;
            }
            if (s == null) {
                LOG.log(Level.DEBUG, "ACK matches no dialog: dropped (RFC 3261 §17.2.3)");
                return;
            }
            s.appSessionImpl().queue().execute(() -> subsequent(s, flow, ack, r -> false, null));
        } catch (DialogException e) {
            LOG.log(Level.DEBUG, "malformed ACK dropped: {0}", e.getMessage());
        }
    }

    /** JSR 289 §11.2.5 / RFC 3261 §9.2: 487 for the INVITE (the layer answered the CANCEL), then doCancel. */
    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        execute(() -> {
            FerrySipServletRequest in;
            synchronized (invite) {
                in = serverRequests.get(invite);
                if (in == null) {
                    // RFC 3261 §9.2: not dispatched yet; routing sees the 487 and does not dispatch it
                    invite.respond(invite.request().createResponse(487, "Request Terminated"));
                    return;
                }
            }
            FerrySipSession s = in.session;
            s.appSessionImpl().queue().execute(() -> cancelled(in, cancel, invite.flow()));
        });
    }

    private void cancelled(FerrySipServletRequest invite, SipRequest cancel, Flow flow) {
        FerrySipSession s = invite.session;
        FerryProxy proxy = invite.proxyOrNull();
        FerrySipServletRequest forwarded = invite.proxiedTo();
        if (proxy != null && proxy.cancelledUpstream()) {
            // RFC 3261 §16.10: the branches are cancelled; their 487s make the best response
        } else if (forwarded != null && !invite.finalResponseSent() && cancelForwarded(forwarded)) {
            // RFC 3261 §16.10: a re-INVITE the proxy dialog forwarded: the CANCEL follows it; its
            // 487 (or whatever final response it gets) goes back upstream through proxiedResponse
        } else if (!invite.finalResponseSent()) {
            FerrySipServletResponse r487 = (FerrySipServletResponse) invite.createResponse(487, "Request Terminated");
            sendResponse(r487);
            s.state(SipSession.State.TERMINATED);
        }
        FerrySipServletRequest c = new FerrySipServletRequest(this, cancel, s, flow, false, r -> false, null);
        dispatch(s, c, null);
    }

    /** RFC 3261 §16.10: CANCEL of a request a proxy dialog forwarded; false when it cannot be cancelled any more. */
    private boolean cancelForwarded(FerrySipServletRequest forwarded) {
        try {
            send((FerrySipServletRequest) forwarded.createCancel());
            return true;
        } catch (IllegalStateException e) {
            return false; // answered already: that final response goes upstream
        }
    }

    // ------------------------------------------------------------------ dispatch to servlets

    private void dispatch(FerrySipSession s, FerrySipServletRequest request, FerrySipServletResponse response) {
        Application app = s.app();
        Optional<SipServlet> servlet = app.servlet(s.handlerName());
        if (servlet.isEmpty() || !app.isStarted()) {
            if (request != null && request.incoming() && !request.getMethod().equals("ACK") && !request.getMethod().equals("CANCEL")
                    && !request.finalResponseSent()) {
                respondSafely(request, 500, "Server Internal Error");
            }
            return;
        }
        String before = currentServlet.get();
        currentServlet.set(app.name() + "/" + s.handlerName());
        try {
            app.inContext(() -> {
                try {
                    servlet.get().service(request, response);
                } catch (javax.servlet.ServletException | java.io.IOException e) {
                    throw new ServletFailure(e);
                }
            });
        } catch (RuntimeException e) {
            Throwable cause = e instanceof ServletFailure f ? f.getCause() : e;
            if (cause instanceof javax.servlet.sip.TooManyHopsException && request != null && request.incoming()
                    && !request.finalResponseSent() && !request.getMethod().equals("ACK")) {
                // JSR 289 §10.2.1 / RFC 3261 §16.3 step 3: Max-Forwards reached 0
                respondSafely(request, 483, "Too Many Hops");
                return;
            }
            LOG.log(Level.ERROR, "SIP servlet " + s.handlerName() + " of " + app.name() + " failed", cause);
            // JSR 289 §... a servlet that throws on a request that has no final response: 500
            if (request != null && request.incoming() && !request.getMethod().equals("ACK")
                    && !request.getMethod().equals("CANCEL") && !request.finalResponseSent()) {
                respondSafely(request, 500, "Server Internal Error");
            }
        } finally {
            if (before == null) currentServlet.remove();
            else currentServlet.set(before);
        }
    }

    private void respondSafely(FerrySipServletRequest request, int status, String reason) {
        try {
            sendResponse((FerrySipServletResponse) request.createResponse(status, reason));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "could not send {0}: {1}", status, e.getMessage());
        }
    }

    private static final class ServletFailure extends RuntimeException {
        ServletFailure(Exception cause) {
            super(cause);
        }
    }

    // ------------------------------------------------------------------ responses the applications send (UAS)

    void sendResponse(FerrySipServletResponse response) {
        FerrySipServletRequest request = response.requestImpl();
        FerrySipSession s = response.session;
        SipResponse r = response.response();
        String method = request.getMethod();
        int status = r.status();
        SipRequest original = (SipRequest) request.edits.original();
        if (needsContact(method, status) && !r.headers().contains("Contact")) {
            r = r.withHeader("Contact", contactFor(request.flow).toString());
        }
        try {
            synchronized (s) {
                Optional<DialogState> d = s.dialog();
                if (d.isEmpty() && status > 100 && DialogState.createsDialog(method, r) && request.isInitial()) {
                    DialogState created = DialogState.uas(original, r, request.flow != null && request.flow.secure());
                    s.dialog(created);
                    dialogs.put(created.id(), s);
                    s.state(status >= 200 ? SipSession.State.CONFIRMED : SipSession.State.EARLY);
                } else if (d.isPresent()) {
                    DialogState next = d.get().onResponseSent(r);
                    if (status >= 200 && endsSubscriptionDialog(next, original)) next = next.terminated();
                    s.dialog(next);
                    if (next.phase() == DialogPhase.CONFIRMED && s.stateNow() == SipSession.State.EARLY) s.state(SipSession.State.CONFIRMED);
                    if (next.phase() == DialogPhase.TERMINATED) s.state(SipSession.State.TERMINATED);
                    if (method.equals("BYE") && status >= 200) s.state(SipSession.State.TERMINATED);
                } else if (status >= 300 && DialogState.isDialogCreating(method) && request.isInitial()) {
                    s.state(SipSession.State.TERMINATED);
                }
            }
        } catch (DialogException e) {
            throw new IllegalStateException("response does not fit its dialog: " + e.getMessage(), e);
        }
        if (status >= 200 && method.equals("INVITE") && request.isInitial()) endOtherEarlyDialogs(request, s);
        SipResponse wire = r;
        response.edits.containerEdit(m -> wire);
        boolean ok = request.respond(wire);
        response.edits.commit();
        if (!ok) LOG.log(Level.DEBUG, "response {0} to {1} not sent: the flow refused it", status, method);
        if (status >= 200) {
            request.session.finalResponse(request);
            serverRequests.values().remove(request);
            if (!method.equals("ACK")) s.transactionEnded();
            if (method.equals("INVITE") && status < 300) awaitAck(s, request, response, wire);
        }
    }

    /**
     * RFC 3261 §13.3.1: once an INVITE has its final response, the other early dialogs the UAS
     * opened for it upstream (B2BUA derived sessions, JSR 289 §12) end: one 2xx wins, and a
     * failure ends them all.
     */
    private void endOtherEarlyDialogs(FerrySipServletRequest invite, FerrySipSession answered) {
        for (FerrySipSession other : answered.appSessionImpl().sipSessions()) {
            if (other == answered || other.originalRequest().orElse(null) != invite) continue;
            synchronized (other) {
                if (other.stateNow() != SipSession.State.EARLY) continue;
                other.dialog().ifPresent(d -> dialogs.remove(d.id(), other));
                other.dialog().ifPresent(d -> other.dialog(d.terminated()));
                other.state(SipSession.State.TERMINATED);
            }
        }
    }

    /**
     * RFC 6665 §4.4.1: a dialog that SUBSCRIBE (or REFER) created ends with its subscription, once
     * a NOTIFY with {@code Subscription-State: terminated} is answered. Ferry assumes one
     * subscription per such dialog; a REFER inside an INVITE dialog never ends that dialog.
     */
    private static boolean endsSubscriptionDialog(DialogState d, SipRequest request) {
        if (!request.isMethod("NOTIFY")) return false;
        String creator = d.creatingRequest().method();
        if (!creator.equals("SUBSCRIBE") && !creator.equals("REFER")) return false;
        return request.headers().firstValue("Subscription-State")
                .map(v -> v.trim().toLowerCase(java.util.Locale.ROOT).startsWith("terminated")).orElse(false);
    }

    private static boolean needsContact(String method, int status) {
        // JSR 289 §5.4.2 / RFC 3261 §12.1.1: dialog-creating and target refresh responses carry the UAS's Contact
        return status > 100 && status < 300 && (DialogState.isDialogCreating(method) || DialogState.isTargetRefresh(method));
    }

    /**
     * RFC 3261 §13.3.1.4: the UAS core retransmits a 2xx to INVITE on unreliable transports
     * (T1 doubling up to T2) until the ACK arrives, and gives up after 64*T1: JSR 289's
     * SipErrorListener.noAckReceived.
     */
    private void awaitAck(FerrySipSession s, FerrySipServletRequest invite, FerrySipServletResponse response, SipResponse wire) {
        long cseq;
        try {
            cseq = wire.cseq().orElseThrow().number();
        } catch (SipParseException e) {
            return;
        }
        String key = s.getId() + " " + cseq;
        Flow flow = invite.flow;
        Duration t1 = settings.t1();
        long deadline = scheduler.now() + t1.multipliedBy(64).toNanos();
        Runnable[] step = new Runnable[1];
        Duration[] interval = {t1};
        step[0] = () -> {
            if (!awaitingAck.containsKey(key)) return;
            if (scheduler.now() >= deadline) {
                awaitingAck.remove(key);
                s.appSessionImpl().queue().execute(() -> s.app().listeners(SipListenerType.ERROR, SipErrorListener.class)
                        .forEach(l -> s.app().call(() -> l.noAckReceived(new SipErrorEvent(invite, response)))));
                return;
            }
            if (flow != null && !flow.transport().reliable() && flow.isOpen()) flow.send(wire);
            interval[0] = interval[0].multipliedBy(2).compareTo(settings.t2()) > 0 ? settings.t2() : interval[0].multipliedBy(2);
            Duration next = flow != null && !flow.transport().reliable() ? interval[0]
                    : Duration.ofNanos(Math.max(0, deadline - scheduler.now()));
            awaitingAck.computeIfPresent(key, (k, old) -> scheduler.schedule(step[0], next));
        };
        Duration first = flow != null && !flow.transport().reliable() ? t1 : t1.multipliedBy(64);
        awaitingAck.put(key, scheduler.schedule(step[0], first));
    }

    /**
     * JSR 289 §4.1.3: the Contact of a request the application sends: this node's address on
     * {@code flow}, with the user part, display name and parameters the application chose (a
     * B2buaHelper header map), never its host, port or transport.
     */
    NameAddr contactFor(FerrySipServletRequest out, Flow flow) {
        NameAddr base = contactFor(flow);
        Optional<NameAddr> chosen = out.contactTemplate();
        if (chosen.isEmpty() || !(base.uri() instanceof SipUri node)) return base;
        NameAddr t = chosen.get();
        SipUri uri = node;
        if (t.uri() instanceof SipUri wanted) {
            if (wanted.user() != null) uri = uri.withUser(wanted.user());
            for (Parameters.Param p : wanted.params().asList()) {
                if (!B2BUA_CONTACT_URI_FIXED.contains(p.name().toLowerCase(java.util.Locale.ROOT))) uri = uri.withParam(p.name(), p.value());
            }
        }
        NameAddr merged = NameAddr.of(uri);
        if (t.displayName() != null) merged = merged.withDisplayName(t.displayNameUnquoted());
        for (Parameters.Param p : t.params().asList()) merged = merged.withParam(p.name(), p.value());
        return merged;
    }

    /** Contact URI parameters the container owns (they say how this node is reached). */
    private static final java.util.Set<String> B2BUA_CONTACT_URI_FIXED = java.util.Set.of("transport", "maddr", "lr", "ttl", "method");

    /** Ferry's Contact for a message on {@code flow}: this node's address on that flow. */
    NameAddr contactFor(Flow flow) {
        String host = settings.host();
        int port = -1;
        String transport = null;
        if (flow != null) {
            host = advertisedHost(flow);
            port = advertisedPort(flow);
            transport = flow.transport().token().toLowerCase(java.util.Locale.ROOT);
        }
        SipUri uri = new SipUri(flow != null && flow.secure() && flow.transport() == io.ferry.runtime.transport.Transport.TLS, null, null, host, port,
                transport == null || transport.equals("udp") ? Parameters.empty() : Parameters.empty().with("transport", transport), List.of());
        return NameAddr.of(uri);
    }

    // ------------------------------------------------------------------ requests the applications send (UAC)

    /** {@code SipServletRequest.send()}: ACK and CANCEL on their own paths; initial requests through the router. */
    void send(FerrySipServletRequest out) {
        String method = out.getMethod();
        if (method.equals("ACK")) {
            sendAck(out);
            return;
        }
        if (method.equals("CANCEL")) {
            sendCancel(out);
            return;
        }
        boolean toFlow = out.edits.getAttribute(io.ferry.flow.SipFlows.ATTRIBUTE) != null;
        if (out.isInitial() && !toFlow && (routeNewApplicationRequests || out.getRoutingDirective() != SipApplicationRoutingDirective.NEW)) {
            // JSR 289 §15.4: requests applications initiate are routed too; the next application gets it, or the network
            initial(null, out.request(), r -> {
                out.session.appSessionImpl().queue().execute(() -> receiveResponse(out, r, null));
                return true;
            }, null, out);
            return;
        }
        sendToNetwork(out, List.of());
    }

    private void sendToNetwork(FerrySipServletRequest out, List<String> pushedRoutes) {
        FerrySipSession s = out.session;
        Optional<FerrySipSession> peer = s.internalPeer();
        if (peer.isPresent() && !out.isInitial()) {
            deliverInternal(out, peer.get());
            return;
        }
        if (!pushedRoutes.isEmpty()) {
            for (int i = pushedRoutes.size() - 1; i >= 0; i--) {
                String route = pushedRoutes.get(i);
                out.edits.containerEdit(m -> ((SipRequest) m).withPrependedHeader("Route", route.startsWith("<") ? route : "<" + route + ">"));
            }
        }
        s.transactionStarted();
        Object attr = out.getAttribute(io.ferry.flow.SipFlows.ATTRIBUTE);
        if (attr instanceof io.ferry.flow.SipFlow handle && out.edits.getAttribute(io.ferry.flow.SipFlows.ATTRIBUTE) != null) {
            Optional<Flow> f = flows().flow(handle);
            if (f.isEmpty()) {
                // RFC 5626 §5.3: the flow is gone
                failLocally(out, TransactionFailure.FLOW_FAILED);
                return;
            }
            sendOnFlow(out, f.get());
            return;
        }
        // in-dialog requests reuse the session's connection (RFC 5923-style reuse, RFC 7118 §5 for
        // WebSocket clients that cannot be reached otherwise); over UDP a UAS answers symmetrically
        Optional<Flow> sessionFlow = s.flow().filter(Flow::isOpen)
                .filter(f -> f.transport().reliable() || s.role() == DialogRole.UAS);
        if (sessionFlow.isPresent() && !out.isInitial()) {
            sendOnFlow(out, sessionFlow.get());
            return;
        }
        SipRequest m = out.request();
        Uri next;
        try {
            Optional<NameAddr> route = firstRoute(m);
            next = route.isPresent() ? route.get().uri() : m.requestUri();
        } catch (SipParseException e) {
            failLocally(out, TransactionFailure.TRANSPORT_ERROR);
            return;
        }
        TargetConnector c = connector;
        if (!(next instanceof SipUri sip) || c == null) {
            LOG.log(Level.INFO, "no route to {0}: {1}", next, c == null ? "no connector" : "not a SIP URI");
            failLocally(out, TransactionFailure.TRANSPORT_ERROR);
            return;
        }
        c.connect(sip).whenComplete((flow, error) -> {
            if (error != null) {
                LOG.log(Level.INFO, "{0} to {1} failed: {2}", out.getMethod(), sip, error.getMessage());
                failLocally(out, TransactionFailure.TRANSPORT_ERROR);
            } else {
                try {
                    sendOnFlow(out, flow);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, out.getMethod() + " to " + sip + " not sent", e);
                    failLocally(out, TransactionFailure.TRANSPORT_ERROR);
                }
            }
        });
    }

    private void sendOnFlow(FerrySipServletRequest out, Flow flow) {
        FerrySipSession s = out.session;
        SipRequest m = out.request();
        String method = m.method();
        if (!m.headers().contains("Max-Forwards")) m = m.withHeader("Max-Forwards", "70");
        if ((DialogState.isDialogCreating(method) || DialogState.isTargetRefresh(method)) && !m.headers().contains("Contact")
                && out.proxyBranch() == null && out.proxiedFrom() == null) {
            m = m.withHeader("Contact", contactFor(out, flow).toString());
        }
        FerryProxyBranch proxyBranch = out.proxyBranch();
        if (proxyBranch != null) {
            FerryProxy proxy = (FerryProxy) proxyBranch.getProxy();
            m = proxy.withPath(proxy.withRecordRoute(m, flow), flow, proxyBranch);
        }
        // RFC 3261 §16.6 step 8: a proxy branch's Via branch carries the loop-detection hash
        String branch = proxyBranch != null ? ((FerryProxy) proxyBranch.getProxy()).viaBranch(newBranch()) : newBranch();
        m = withVia(m, flow, branch);
        SipRequest wire = m;
        out.edits.containerEdit(x -> wire);
        out.edits.commit();
        out.flow = flow;
        if (out.initialFlow == null) out.initialFlow = flow;
        if (s.flow().isEmpty()) s.flow(flow);
        String key = branch + " " + method;
        clientRequests.put(key, out);
        out.sent();
        try {
            stack().transactions().sendRequest(wire, flow);
        } catch (RuntimeException e) {
            clientRequests.remove(key);
            LOG.log(Level.WARNING, "sending " + method + " failed", e);
            failLocally(out, TransactionFailure.TRANSPORT_ERROR);
        }
    }

    // ------------------------------------------------------------------ proxying (JSR 289 §10, RFC 3261 §16)

    /** A record-routed dialog through a proxy of this node: the proxy that record-routed it. */
    private record ProxyDialog(FerryProxy proxy) {
    }

    /** Record-routed proxy dialogs by {@link #proxyDialogKey}: the proxy is neither UAC nor UAS, so both tags in either order. */
    private final Map<String, ProxyDialog> proxyDialogs = new ConcurrentHashMap<>();

    private static String proxyDialogKey(String callId, String tagA, String tagB) {
        if (callId == null || tagA == null || tagB == null) return "";
        return tagA.compareTo(tagB) <= 0 ? callId + "|" + tagA + "|" + tagB : callId + "|" + tagB + "|" + tagA;
    }

    private static String proxyDialogKey(io.ferry.sip.SipMessage m) {
        try {
            String callId = m.callId().orElse(null);
            String from = m.from().map(NameAddr::tag).orElse(null);
            String to = m.to().map(NameAddr::tag).orElse(null);
            return proxyDialogKey(callId, from, to);
        } catch (SipParseException e) {
            return "";
        }
    }

    /**
     * RFC 6026 §7.3: proxies whose INVITE branch got a 2xx, by the branch parameter of Ferry's Via
     * on that branch; kept while the proxy session lives, so that 2xx retransmissions arriving
     * after the client transaction ended still go upstream (statelessly).
     */
    private final Map<String, FerryProxy> acceptedBranches = new ConcurrentHashMap<>();

    /** Remembers the branch of {@code twoHundred} (a 2xx to an INVITE branch of {@code proxy}, with Ferry's Via on top). */
    void acceptedBranch(FerryProxy proxy, SipResponse twoHundred) {
        try {
            twoHundred.topVia().map(Via::branch).ifPresent(b -> acceptedBranches.putIfAbsent(b, proxy));
        } catch (SipParseException e) {
            LOG.log(Level.DEBUG, "2xx with a malformed Via: its retransmissions will not be matched: {0}", e.getMessage());
        }
    }

    /** A 2xx forwarded by a record-routing proxy: the dialog it creates is proxied too (RFC 3261 §16.6 step 4). */
    void proxyDialog(FerryProxy proxy, SipResponse response) {
        String key = proxyDialogKey(response);
        if (!key.isEmpty()) proxyDialogs.putIfAbsent(key, new ProxyDialog(proxy));
    }

    /** RFC 3261 §16.4: the request a strict router sent with one of Ferry's Record-Route entries as Request-URI, restored; or null. */
    private StrictRouting.Restored fromStrictRouter(SipRequest req, Flow flow) {
        try {
            return StrictRouting.fromStrictRouter(req, u -> isOwnRoute(u, flow));
        } catch (SipParseException e) {
            return null;
        }
    }

    /** RFC 3261 §16.6 step 6: a next hop without {@code lr} is a strict router: it goes into the Request-URI. */
    private static SipRequest towardsStrictRouter(SipRequest req) {
        try {
            return StrictRouting.towardsStrictRouter(req);
        } catch (SipParseException e) {
            return req; // routing fields that do not parse: the request goes on as it is
        }
    }

    /**
     * RFC 3261 §16.3 step 4: whether {@code via}'s sent-by is one Ferry puts in its Vias: this
     * node's host name, or the local address and port of one of its flows.
     */
    boolean isOwnSentBy(Via via) {
        if (via.host().equalsIgnoreCase(settings.host())) return true;
        SipStack st = stack;
        if (st == null) return false;
        String host = via.host().startsWith("[") && via.host().endsWith("]") ? via.host().substring(1, via.host().length() - 1) : via.host();
        for (Flow f : st.flows().all()) {
            if (namesFlow(host, via.port() > 0 ? via.port() : (f.secure() ? 5061 : 5060), f)) return true;
        }
        return false;
    }

    /**
     * Whether {@code host} (an IP literal without brackets) and {@code port} name {@code flow}'s
     * local address: its own port, or the listening port Ferry advertises for it.
     */
    private boolean namesFlow(String host, int port, Flow flow) {
        InetSocketAddress local = flow.localAddress();
        return local.getAddress() != null && host.equalsIgnoreCase(local.getAddress().getHostAddress())
                && (port == local.getPort() || port == advertisedPort(flow));
    }

    /** Whether {@code uri} is one of Ferry's own Record-Route entries: this node's name, or the address of one of its flows. */
    private boolean isOwnRoute(Uri uri, Flow arrived) {
        if (isLocal(uri, arrived)) return true;
        if (!(uri instanceof SipUri u) || !u.lr()) return false;
        SipStack st = stack;
        if (st == null) return false;
        for (Flow f : st.flows().all()) {
            if (namesFlow(u.hostAddress(), u.port(), f)) return true;
        }
        return false;
    }

    /**
     * A request within a record-routed proxy dialog (RFC 3261 §16, JSR 289 §10.2.?): Ferry's
     * Route entries are popped (the first is {@code getPoppedRoute()}), the servlet's doXxx runs,
     * then the request goes on: an ACK statelessly, others in a client transaction whose
     * responses are passed back. It goes towards the callee when its From tag is the caller's,
     * else towards the caller, on the flow of that side while it is open.
     */
    private void proxySubsequent(ProxyDialog px, Flow flow, SipRequest request, FerrySipServletRequest.ResponseSink sink, ServerTransaction txn) {
        FerryProxy proxy = px.proxy();
        FerrySipSession s = proxy.session();
        boolean ack = request.isMethod("ACK");
        if (!s.isValid()) {
            if (!ack) sink.respond(request.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        Address popped = null;
        SipRequest req = request;
        StrictRouting.Restored strict = fromStrictRouter(req, flow);
        if (strict != null) {
            req = strict.request();
            popped = ServletAddress.of(strict.ours(), Mutability.READ_ONLY);
        }
        // RFC 3261 §16.4 and RFC 5658: our entry, and the second one of a double Record-Route
        for (int i = 0; i < 2; i++) {
            Optional<NameAddr> top = firstRoute(req);
            if (top.isEmpty() || !isOwnRoute(top.get().uri(), flow)) break;
            if (popped == null) popped = ServletAddress.of(top.get(), Mutability.READ_ONLY);
            req = req.withHeaders(req.headers().withoutFirstValue("Route"));
        }
        int maxForwards = FerryProxy.maxForwards(req);
        if (maxForwards <= 0) {
            // RFC 3261 §16.3 step 3
            if (!ack) sink.respond(request.createResponse(483, "Too Many Hops"));
            return;
        }
        req = req.withHeader("Max-Forwards", String.valueOf(maxForwards - 1));
        FerrySipServletRequest in = new FerrySipServletRequest(this, req, s, flow, false, sink, popped);
        in.dialogProxy(proxy);
        if (txn != null) serverRequests.put(txn, in);
        if (!ack) s.transactionStarted();
        s.accessed();
        dispatch(s, in, null);
        if (!ack && in.finalResponseSent()) return;
        String fromTag;
        try {
            fromTag = req.from().map(NameAddr::tag).orElse(null);
        } catch (SipParseException e) {
            fromTag = null;
        }
        req = towardsStrictRouter(req);
        boolean downstream = fromTag != null && fromTag.equals(proxy.callerTag());
        Flow next = downstream ? proxy.downstream() : proxy.original().flow;
        if (req.isMethod("BYE")) s.state(SipSession.State.TERMINATED);
        if (ack) {
            if (next == null || !next.isOpen()) {
                LOG.log(Level.INFO, "ACK not forwarded: the flow of the other side is gone");
                return;
            }
            // RFC 3261 §16.11 (as for a stateless forward): our Via with a new branch
            next.send(withVia(req, next, newBranch()));
            return;
        }
        FerrySipServletRequest out = new FerrySipServletRequest(this, req, s, true);
        out.proxiedFrom(in);
        in.proxiedTo(out);
        if (next != null && next.isOpen()) {
            sendOnFlow(out, next);
        } else {
            s.transactionStarted();
            sendToNetwork(out, List.of());
        }
    }

    /** {@code m} with this node's Via for {@code flow} on top (RFC 3261 §8.1.1.7, §16.6 step 8). */
    private SipRequest withVia(SipRequest m, Flow flow, String branch) {
        return m.withPrependedHeader("Via", Via.of(flow.transport().token(), advertisedHost(flow), advertisedPort(flow), branch).toString());
    }

    /** A response to a subsequent request the proxy forwarded: to the servlet when supervised, then upstream minus our Via. */
    private void proxiedResponse(FerrySipServletRequest out, FerrySipServletRequest in, SipResponse response) {
        if (response.status() == 100 || out.cancelledRequest() != null) return;
        // JSR 289 §10.2.4: the application may change the response before it goes upstream
        FerrySipServletResponse view = new FerrySipServletResponse(this, response, out.session, out, true, true);
        FerryProxy proxy = in.session == null ? null : proxyOf(in.session);
        if (proxy != null && proxy.getSupervised()) dispatch(out.session, null, view);
        view.edits.commit();
        if (in.finalResponseSent() && response.statusClass() != 2) return;
        // a response the container made up for a request that never left has no Via of ours
        SipResponse changed = view.response();
        forwardUpstream(in, out.flow != null ? changed.withoutTopVia() : changed);
    }

    private FerryProxy proxyOf(FerrySipSession s) {
        for (ProxyDialog d : proxyDialogs.values()) if (d.proxy().session() == s) return d.proxy();
        return null;
    }

    /** A proxy branch's request (RFC 3261 §16.6 steps 7-8): to its flow, its first Route or its Request-URI, with Ferry's Via on top. */
    void sendProxyBranch(FerrySipServletRequest out) {
        out.edits.containerEdit(m -> towardsStrictRouter((SipRequest) m));
        sendToNetwork(out, List.of());
    }

    /** A response the proxy passes upstream (RFC 3261 §16.7 step 8) on the server transaction of {@code in}. */
    void forwardUpstream(FerrySipServletRequest in, SipResponse response) {
        boolean wasFinal = in.finalResponseSent();
        if (!in.forwardUpstream(response)) LOG.log(Level.DEBUG, "proxied response {0} not sent: the flow refused it", response.status());
        if (response.status() >= 200 && !wasFinal) {
            serverRequests.values().remove(in);
            in.session.transactionEnded();
        }
    }

    /** A branch response to the servlet (JSR 289 §10.2.4: doResponse or doBranchResponse), on the session's queue. */
    void dispatchProxyResponse(FerrySipSession s, FerrySipServletResponse response) {
        dispatch(s, null, response);
    }

    private SipStack stack() {
        SipStack s = stack;
        if (s == null) throw new IllegalStateException("the SIP stack is not running");
        return s;
    }

    /** A request that never reached a transaction: the application gets the response the failure stands for. */
    private void failLocally(FerrySipServletRequest out, TransactionFailure failure) {
        SipResponse r = failure.responseTo(out.request());
        out.session.appSessionImpl().queue().execute(() -> receiveResponse(out, r, null));
    }

    /** A subsequent request to the peer application of this dialog (internal routing). */
    private void deliverInternal(FerrySipServletRequest out, FerrySipSession peer) {
        SipRequest m = out.request();
        out.edits.commit();
        out.sent();
        if (!m.isMethod("ACK")) out.session.transactionStarted();
        FerrySipServletRequest.ResponseSink sink = r -> {
            out.session.appSessionImpl().queue().execute(() -> receiveResponse(out, r, null));
            return true;
        };
        peer.appSessionImpl().queue().execute(() -> subsequent(peer, null, m, sink, null));
    }

    private void sendAck(FerrySipServletRequest ack) {
        FerrySipSession s = ack.session;
        s.acked(ack.cseqNumber());
        Optional<FerrySipSession> peer = s.internalPeer();
        if (peer.isPresent()) {
            ack.edits.commit();
            SipRequest m = ack.request();
            peer.get().appSessionImpl().queue().execute(() -> subsequent(peer.get(), null, m, r -> false, null));
            return;
        }
        Flow flow = s.flow().filter(Flow::isOpen).orElse(null);
        if (flow == null) {
            LOG.log(Level.INFO, "ACK not sent: the flow of session {0} is gone", s.getId());
            ack.edits.commit();
            return;
        }
        // RFC 3261 §17.1.1.3: the ACK for a 2xx is its own transaction: a new branch, sent straight on the flow
        ack.edits.containerEdit(m -> withVia((SipRequest) m, flow, newBranch()));
        SipRequest wire = ack.request();
        ack.edits.commit();
        ack.flow = flow;
        s.lastAck(wire);
        flow.send(wire);
    }

    /** RFC 3261 §9.1: CANCEL the INVITE once it has a provisional response. */
    private void sendCancel(FerrySipServletRequest cancel) {
        FerrySipServletRequest invite = cancel.cancelledRequest();
        Optional<FerrySipSession> peer = invite.session.internalPeer();
        cancel.edits.commit();
        if (peer.isPresent() && invite.flow == null) {
            FerrySipSession p = peer.get();
            FerrySipServletRequest target = invite.internalTarget();
            if (target != null) p.appSessionImpl().queue().execute(() -> cancelled(target, cancel.request(), null));
            return;
        }
        if (invite.cancelWhenProvisional()) transmitCancel(invite, cancel);
        else pendingCancels.put(invite, cancel);
    }

    private final Map<FerrySipServletRequest, FerrySipServletRequest> pendingCancels = new ConcurrentHashMap<>();

    private void transmitCancel(FerrySipServletRequest invite, FerrySipServletRequest cancel) {
        Flow flow = invite.flow;
        if (flow == null || !flow.isOpen()) return;
        SipRequest inviteWire = invite.request();
        try {
            Via top = inviteWire.topVia().orElseThrow();
            SipRequest c = cancel.request().withHeaders(cancel.request().headers().without("Via").prepend("Via", top.toString()));
            cancel.flow = flow;
            clientRequests.put(top.branch() + " CANCEL", cancel);
            stack().transactions().sendRequest(c, flow);
        } catch (SipParseException | RuntimeException e) {
            LOG.log(Level.WARNING, "CANCEL not sent: " + e.getMessage());
        }
    }

    /** {@code SipServletResponse.createAck()}: RFC 3261 §13.2.2.4 from the dialog. */
    SipServletRequest createAck(FerrySipServletResponse response) {
        FerrySipSession s = response.session;
        DialogState d = s.dialog().orElseThrow(() -> new IllegalStateException("no dialog for the ACK"));
        try {
            SipRequest ack = d.createAck(response.requestImpl().request());
            return new FerrySipServletRequest(this, ack, s, false);
        } catch (DialogException e) {
            throw new IllegalStateException("cannot build the ACK: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ TransactionUser: responses

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        FerrySipServletRequest out = clientRequests.get(transaction.branch() + " " + transaction.method());
        if (out == null) {
            onStrayResponse(transaction.flow(), response);
            return;
        }
        String key = transaction.branch() + " " + transaction.method();
        boolean done = response.status() >= 200 && !(transaction.isInvite() && response.statusClass() == 2);
        Flow flow = transaction.flow();
        out.session.appSessionImpl().queue().execute(() -> {
            receiveResponse(out, response, flow);
            // forgotten only once the response is processed: requests of its dialog that overtook it wait for it
            if (done) clientRequests.remove(key, out);
        });
    }

    @Override
    public void onStrayResponse(Flow flow, SipResponse response) {
        // RFC 3261 §13.2.2.4: a retransmitted 2xx to INVITE is answered with the same ACK again
        try {
            if (response.statusClass() != 2 || !"INVITE".equals(response.cseq().map(CSeq::method).orElse(""))) return;
            // RFC 6026 §7.3, RFC 3261 §16.7 step 5: a proxy forwards a 2xx that outlived its client transaction
            String branch = response.topVia().map(Via::branch).orElse(null);
            FerryProxy proxy = branch == null ? null : acceptedBranches.get(branch);
            if (proxy != null) {
                proxy.session().appSessionImpl().queue().execute(() -> proxy.retransmitted2xx(response));
                return;
            }
            FerrySipSession s = dialogs.get(DialogId.ofReceivedResponse(response));
            if (s != null) s.lastAck().ifPresent(flow::send);
        } catch (SipParseException | DialogException e) {
            LOG.log(Level.DEBUG, "stray response dropped: {0}", e.getMessage());
        }
    }

    @Override
    public void onClientFailure(ClientTransaction transaction, TransactionFailure failure) {
        FerrySipServletRequest out = clientRequests.remove(transaction.branch() + " " + transaction.method());
        if (out == null) return;
        // JSR 289: a timeout reaches the application as a 408 generated by the container
        SipResponse r = failure.responseTo(transaction.request());
        out.session.appSessionImpl().queue().execute(() -> receiveResponse(out, r, null));
    }

    @Override
    public void onServerFailure(ServerTransaction transaction, TransactionFailure failure) {
        FerrySipServletRequest in = serverRequests.remove(transaction);
        if (in != null && !in.finalResponseSent()) in.session.transactionEnded();
    }

    @Override
    public void onTerminated(Transaction transaction) {
        if (transaction instanceof ClientTransaction c) {
            String key = c.branch() + " " + c.method();
            FerrySipServletRequest out = clientRequests.get(key);
            // after any response still queued for it (see onResponse)
            if (out != null) out.session.appSessionImpl().queue().execute(() -> clientRequests.remove(key, out));
        }
        else if (transaction instanceof ServerTransaction s) serverRequests.remove(s);
    }

    /** A response to a request the application sent, serialised on its application session. */
    private void receiveResponse(FerrySipServletRequest out, SipResponse response, Flow flow) {
        FerrySipSession s = out.session;
        int status = response.status();
        boolean hadFinal = out.finalReceived();
        if (out.responseReceived(status)) {
            FerrySipServletRequest cancel = pendingCancels.remove(out);
            if (cancel != null) transmitCancel(out, cancel);
        }
        if (status >= 200) pendingCancels.remove(out);
        FerrySipServletRequest proxiedFrom = out.proxiedFrom();
        if (proxiedFrom != null) {
            proxiedResponse(out, proxiedFrom, response);
            return;
        }
        FerryProxyBranch branch = out.proxyBranch();
        if (branch != null) {
            // JSR 289 §10: responses of proxy branches (and of their CANCELs, which stay hop by hop) go to the proxy
            if (out.cancelledRequest() == null) {
                if (status >= 200 && !hadFinal) s.transactionEnded();
                ((FerryProxy) branch.getProxy()).received(branch, response);
            }
            return;
        }
        String method = out.getMethod();
        // the session of the dialog the To tag names: the original one or a derived one (forking)
        FerrySipSession byTag = sessionOfDialog(s, response);
        if (method.equals("INVITE") && response.statusClass() == 2 && hadFinal
                && byTag != null && byTag.stateNow() == SipSession.State.CONFIRMED) {
            // RFC 3261 §13.2.2.4: a retransmitted 2xx (of any fork): the ACK again, not the application
            byTag.lastAck().ifPresent(ack -> byTag.flow().ifPresent(f -> f.send(ack)));
            return;
        }
        if (status == 100) return; // hop by hop: not passed to applications
        FerrySipSession target = s;
        try {
            SipRequest sent = out.request();
            synchronized (s) {
                Optional<DialogState> d = s.dialog();
                String tag = toTag(response);
                if (out.isInitial() && tag != null && DialogState.createsDialog(method, response)) {
                    if (d.isEmpty()) {
                        DialogState created = DialogState.uac(sent, response, out.flow != null && out.flow.secure());
                        s.dialog(created);
                        dialogs.put(created.id(), s);
                        s.state(status >= 200 ? SipSession.State.CONFIRMED : SipSession.State.EARLY);
                    } else if (!d.get().id().remoteTag().equalsIgnoreCase(tag)) {
                        if (byTag != null && byTag != s) {
                            // JSR 289 §6.2.3.2: a later response of a fork that has its derived session already
                            target = byTag;
                            byTag.dialog(byTag.dialog().orElseThrow().onResponse(response));
                            if (status >= 200) byTag.state(SipSession.State.CONFIRMED);
                        } else {
                            target = derive(s, sent, response);
                        }
                    } else {
                        DialogState next = d.get().onResponse(response);
                        s.dialog(next);
                        if (status >= 200) s.state(SipSession.State.CONFIRMED);
                    }
                } else if (d.isPresent() && out.isInitial() && status >= 300 && DialogState.isDialogCreating(method)) {
                    // JSR 289 §6.2.1: a failure to the dialog-creating request puts a UAC session back to INITIAL
                    dialogs.remove(d.get().id(), s);
                    s.dialog(null);
                    s.state(SipSession.State.INITIAL);
                } else if (d.isPresent() && !out.isInitial()) {
                    DialogState next = d.get().onResponse(response);
                    if (status >= 200 && endsSubscriptionDialog(next, sent)) next = next.terminated();
                    s.dialog(next);
                    if (next.phase() == DialogPhase.TERMINATED) s.state(SipSession.State.TERMINATED);
                } else if (out.isInitial() && status >= 300 && DialogState.isDialogCreating(method)) {
                    s.state(SipSession.State.INITIAL);
                }
            }
        } catch (DialogException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "response {0} to {1} does not fit its dialog: {2}", status, method, e.getMessage());
        }
        if (status >= 200 && !hadFinal) {
            s.transactionEnded();
            s.finalResponse(out);
        }
        FerrySipServletResponse in = new FerrySipServletResponse(this, response, target, out, true);
        if (flow != null) in.flow = flow;
        // JSR 289 §12: a 2xx to INVITE stays pending (UAC) until the application acknowledges it
        if (method.equals("INVITE") && response.statusClass() == 2) target.pending(in);
        dispatch(target, null, in);
    }

    /** The session of {@code original}'s application session whose dialog the response's tags name, if any. */
    private FerrySipSession sessionOfDialog(FerrySipSession original, SipResponse response) {
        try {
            FerrySipSession s = dialogs.get(DialogId.ofReceivedResponse(response));
            return s != null && s.appSessionImpl() == original.appSessionImpl() ? s : null;
        } catch (DialogException | RuntimeException e) {
            return null;
        }
    }

    private static String toTag(SipResponse response) {
        try {
            return response.to().map(NameAddr::tag).orElse(null);
        } catch (SipParseException e) {
            return null;
        }
    }

    /** JSR 289 §6.2.3.2: a 1xx/2xx with another To tag (forking) gets a derived session. */
    private FerrySipSession derive(FerrySipSession original, SipRequest sent, SipResponse response) throws DialogException {
        FerrySipSession d = newSession(original.appSessionImpl(), original.getCallId(), original.localNameAddr(),
                original.remoteNameAddr().withoutParam("tag"), DialogRole.UAC);
        d.handlerName(original.handlerName());
        d.copyAttributes(original.attributesSnapshot());
        original.flow().ifPresent(d::flow);
        DialogState created = DialogState.uac(sent, response, false);
        d.dialog(created);
        dialogs.put(created.id(), d);
        d.state(response.status() >= 200 ? SipSession.State.CONFIRMED : SipSession.State.EARLY);
        return d;
    }

    // ------------------------------------------------------------------ helpers

    private static Optional<NameAddr> firstRoute(SipRequest req) {
        try {
            List<NameAddr> routes = req.routes();
            return routes.isEmpty() ? Optional.empty() : Optional.of(routes.get(0));
        } catch (SipParseException e) {
            return Optional.empty();
        }
    }

    /** RFC 3261 §16.4: a URI that names this node (its host name or the receiving flow's address and port). */
    private boolean isLocal(Uri uri, Flow flow) {
        if (!(uri instanceof SipUri u)) return false;
        if (u.host().equalsIgnoreCase(settings.host())) return true;
        if (flow == null) return false;
        return namesFlow(u.hostAddress(), u.port() > 0 ? u.port() : (flow.secure() ? 5061 : 5060), flow);
    }

    @Override
    public void close() {
        closed = true;
        for (Application app : List.copyOf(applications.values())) app.stop();
        awaitingAck.values().forEach(TimerScheduler.TimerHandle::cancel);
        awaitingAck.clear();
        ContainerFlows f = flows;
        if (f != null) f.close();
        try {
            router.destroy();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "application router failed on destroy", e);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        scheduler.close();
    }
}
