package io.ferry.runtime.container;

import io.ferry.runtime.deploy.SipApplicationDefinition;
import io.ferry.runtime.deploy.SipListenerType;
import io.ferry.runtime.deploy.SipRequestRuleContext;
import io.ferry.runtime.deploy.ServletSelection;
import io.ferry.sip.SipRequest;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.ServletContext;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.TimerService;

/**
 * One deployed SIP application: its servlets and listeners, its services, and its application
 * sessions.
 */
final class Application implements ApplicationHandle {

    private static final System.Logger LOG = System.getLogger(Application.class.getName());

    private final SipContainer container;
    private final SipApplicationDefinition definition;
    private final ServletContext context;
    private final ClassLoader loader;
    private final FerrySipFactory factory;
    private final TimerService timerService;
    private final FerrySipSessionsUtil sessionsUtil;
    private final Map<String, FerryApplicationSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> sessionsByKey = new ConcurrentHashMap<>();
    private volatile Map<String, SipServlet> servlets = Map.of();
    private volatile Map<SipListenerType, List<EventListener>> listeners = Map.of();
    private volatile boolean started;
    private volatile boolean stopped;

    Application(SipContainer container, SipApplicationDefinition definition, ServletContext context, ClassLoader loader) {
        this.container = container;
        this.definition = definition;
        this.context = context;
        this.loader = loader;
        this.factory = new FerrySipFactory(this);
        this.timerService = container.timerServiceFactory().apply(container.scheduler());
        this.sessionsUtil = new FerrySipSessionsUtil(this);
    }

    SipContainer container() {
        return container;
    }

    SipApplicationDefinition definition() {
        return definition;
    }

    ServletContext context() {
        return context;
    }

    @Override
    public String name() {
        return definition.name();
    }

    @Override
    public SipFactory sipFactory() {
        return factory;
    }

    FerrySipFactory factory() {
        return factory;
    }

    @Override
    public TimerService timerService() {
        return timerService;
    }

    @Override
    public SipSessionsUtil sipSessionsUtil() {
        return sessionsUtil;
    }

    boolean isStarted() {
        return started && !stopped;
    }

    @Override
    public void start(Map<String, SipServlet> servlets, List<EventListener> listeners) {
        if (stopped) throw new IllegalStateException("application " + name() + " was stopped");
        for (var s : definition.servlets()) {
            if (!servlets.containsKey(s.name())) throw new IllegalArgumentException("servlet " + s.name() + " of " + name() + " has no instance");
        }
        this.servlets = Map.copyOf(servlets);
        Map<SipListenerType, List<EventListener>> byType = new EnumMap<>(SipListenerType.class);
        for (SipListenerType t : SipListenerType.values()) {
            List<EventListener> of = new ArrayList<>();
            for (EventListener l : listeners) if (t.type().isInstance(l)) of.add(l);
            byType.put(t, List.copyOf(of));
        }
        this.listeners = byType;
        started = true;
        container.started(this);
    }

    @Override
    public void stop() {
        if (stopped) return;
        stopped = true;
        container.stopped(this);
        for (FerryApplicationSession s : List.copyOf(sessions.values())) {
            s.queue().execute(() -> {
                if (s.isValid()) inContext(s::invalidate);
            });
        }
    }

    // ------------------------------------------------------------------ servlets and listeners

    Optional<SipServlet> servlet(String name) {
        return Optional.ofNullable(name == null ? null : servlets.get(name));
    }

    /** The handler of sessions created outside any servlet (timers, HTTP): the main servlet, else the first by name. */
    Optional<String> defaultServlet() {
        Optional<String> main = definition.mainServlet();
        if (main.isPresent()) return main;
        return definition.servlets().stream().map(s -> s.name()).findFirst();
    }

    /** JSR 289 §16: the servlet for an initial request: the main servlet or the first matching mapping. */
    Optional<String> selectServlet(SipRequest request) {
        ServletSelection selection = definition.selection();
        if (selection instanceof ServletSelection.MainServlet m) return Optional.of(m.servletName());
        if (selection instanceof ServletSelection.Mappings m) return m.select(SipRequestRuleContext.of(request));
        return Optional.empty();
    }

    <T> List<T> listeners(SipListenerType type, Class<T> as) {
        List<EventListener> of = listeners.getOrDefault(type, List.of());
        List<T> out = new ArrayList<>(of.size());
        for (EventListener l : of) out.add(as.cast(l));
        return out;
    }

    /** Runs application code with the application's class loader; a listener's exception is logged, not thrown. */
    void call(Runnable callback) {
        try {
            inContext(callback);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "SIP application " + name() + ": listener failed", e);
        }
    }

    void inContext(Runnable task) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            task.run();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    // ------------------------------------------------------------------ application sessions

    FerryApplicationSession newApplicationSession(String key) {
        String id = container.settings().nodeId() + "-" + name() + "-" + UUID.randomUUID();
        FerryApplicationSession s = new FerryApplicationSession(this, id, key);
        sessions.put(id, s);
        if (key != null) sessionsByKey.put(key, id);
        // serialised with the session's messages (JSR 289 concurrency), ahead of anything queued later
        var created = listeners(SipListenerType.APPLICATION_SESSION, javax.servlet.sip.SipApplicationSessionListener.class);
        if (!created.isEmpty()) {
            s.queue().execute(() -> created.forEach(l -> call(() -> l.sessionCreated(new javax.servlet.sip.SipApplicationSessionEvent(s)))));
        }
        return s;
    }

    /** The application session for {@code key} (JSR 289 §15.11.2, {@code @SipApplicationKey}), created when absent. */
    synchronized FerryApplicationSession applicationSessionByKey(String key, boolean create) {
        String id = sessionsByKey.get(key);
        FerryApplicationSession s = id == null ? null : sessions.get(id);
        if (s != null && s.acceptsSessions()) return s;
        return create ? newApplicationSession(key) : null;
    }

    Optional<FerryApplicationSession> applicationSession(String id) {
        return Optional.ofNullable(id == null ? null : sessions.get(id)).filter(FerryApplicationSession::isValid);
    }

    void forget(FerryApplicationSession s) {
        sessions.remove(s.getId());
        if (s.key() != null) sessionsByKey.remove(s.key(), s.getId());
    }

    @Override
    public String toString() {
        return "SipApplication[" + name() + "]";
    }
}
