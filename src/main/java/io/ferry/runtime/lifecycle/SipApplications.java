package io.ferry.runtime.lifecycle;

import io.ferry.runtime.container.ApplicationHandle;
import io.ferry.runtime.deploy.SipApplicationDefinition;
import io.ferry.runtime.deploy.SipApplicationModel;
import io.ferry.runtime.deploy.SipDeploymentException;
import io.ferry.runtime.deploy.SipListenerDeclaration;
import io.ferry.runtime.deploy.SipServletDeclaration;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EventListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.servlet.ServletContext;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;

/**
 * The running SIP applications of one WAR: startup and shutdown with the web application.
 *
 * <p>{@link #start} deploys each application of the model, in the model's order (by name):
 * <ol>
 *   <li>a per-application ServletContext ({@link SipApplicationContext}) is made and the
 *       application registered with the container, which creates its services;</li>
 *   <li>its listeners are created (sip.xml's in document order, then annotated ones) and receive
 *       JSR 289 §18 injection; those that are ServletContextListeners get {@code contextInitialized}
 *       (Servlet 4 §11.3: listeners before servlets);</li>
 *   <li>its servlets are created, injected and {@code init}ed in load-on-startup order: lower
 *       values first, servlets without a value last, ties by name (Servlet 4 §8.2.x; JSR 289 lets
 *       the container load the others when it likes: Ferry loads every servlet at deployment, so
 *       that no request waits for an {@code init});</li>
 * </ol>
 * Once every application is initialised, {@link ApplicationHandle#start} makes each routable.
 * Any failure stops what was deployed and throws {@link SipDeploymentException}.
 * {@link #servletsInitialized} is called once the transports run (JSR 289: SipServletListener is
 * notified when the servlet is initialised and the container is ready to deliver messages to it).
 * {@link #stop} undeploys in reverse order.
 */
public final class SipApplications {

    private static final System.Logger LOG = System.getLogger(SipApplications.class.getName());

    /** Registers one application with the container ({@code SipContainer::register}). */
    @FunctionalInterface
    public interface Registrar {
        ApplicationHandle register(SipApplicationDefinition definition, ServletContext context, ClassLoader loader);
    }

    /** One deployed application: what to notify and what to take down. */
    private static final class Deployed {
        final SipApplicationDefinition definition;
        final ApplicationHandle handle;
        final ServletContext context;
        final Map<String, SipServlet> servlets = new LinkedHashMap<>();
        final List<EventListener> listeners = new ArrayList<>();
        final List<Runnable> releases = new ArrayList<>();

        Deployed(SipApplicationDefinition definition, ApplicationHandle handle, ServletContext context) {
            this.definition = definition;
            this.handle = handle;
            this.context = context;
        }
    }

    private final List<Deployed> deployed;
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** JNDI default bindings kept for web components created by the web container (closed at stop). */
    private final List<JndiDefaultBindings> webBindings = new ArrayList<>();

    private SipApplications(List<Deployed> deployed) {
        this.deployed = deployed;
    }

    /**
     * Deploys every application of {@code model}.
     *
     * @throws SipDeploymentException naming the application and component that failed; nothing stays deployed
     */
    public static SipApplications start(SipApplicationModel model, ServletContext war, ClassLoader loader,
                                        Registrar registrar, ContainerAttributes attributes, ComponentFactory factory) {
        List<Deployed> done = new ArrayList<>();
        SipApplications apps = new SipApplications(done);
        for (SipApplicationDefinition definition : model.applications()) {
            try {
                deploy(definition, war, loader, registrar, attributes, factory, done);
            } catch (Exception | LinkageError e) {
                apps.stop();
                throw e instanceof SipDeploymentException s ? s
                        : new SipDeploymentException("SIP application " + definition.name() + ": " + e, e);
            }
        }
        // only when every application is initialised does any become routable
        for (Deployed d : done) {
            try {
                d.handle.start(Collections.unmodifiableMap(new LinkedHashMap<>(d.servlets)), List.copyOf(d.listeners));
            } catch (RuntimeException e) {
                apps.stop();
                throw new SipDeploymentException("SIP application " + d.definition.name() + ": the container cannot start it: " + e, e);
            }
            LOG.log(Level.INFO, "SIP application {0} started: servlets {1}, {2} listener(s)", d.definition.name(),
                    d.servlets.keySet(), Integer.toString(d.listeners.size()));
        }
        return apps;
    }

    private static void deploy(SipApplicationDefinition definition, ServletContext war, ClassLoader loader, Registrar registrar,
                               ContainerAttributes attributes, ComponentFactory factory, List<Deployed> done) throws Exception {
        SipApplicationContext context = new SipApplicationContext(war, definition.name(), definition.contextParams());
        ApplicationHandle handle = registrar.register(definition, context.context(), loader);
        Deployed d = new Deployed(definition, handle, context.context());
        done.add(d);
        context.attach(handle, attributes);
        for (SipListenerDeclaration l : definition.listeners()) {
            ComponentFactory.Created<EventListener> c = factory.listener(l.listenerClass(), handle);
            d.releases.add(c.release());
            SipResourceInjection.inject(c.instance(), handle);
            d.listeners.add(c.instance());
        }
        for (EventListener l : d.listeners) {
            if (l instanceof ServletContextListener s) s.contextInitialized(new ServletContextEvent(d.context));
        }
        for (SipServletDeclaration s : initOrder(definition.servlets())) {
            ComponentFactory.Created<SipServlet> c;
            try {
                c = factory.servlet(s.servletClass(), handle);
                d.releases.add(c.release());
                SipResourceInjection.inject(c.instance(), handle);
                c.instance().init(new SipServletConfig(s.name(), d.context, s.initParams()));
            } catch (Exception | LinkageError e) {
                throw new SipDeploymentException("SIP application " + definition.name() + ", servlet " + s.name()
                        + " (" + s.servletClass().getName() + "): " + e, e);
            }
            d.servlets.put(s.name(), c.instance());
        }
    }

    /** Servlet 4 load-on-startup order: ascending values, then servlets without one; ties by name. */
    static List<SipServletDeclaration> initOrder(List<SipServletDeclaration> servlets) {
        List<SipServletDeclaration> out = new ArrayList<>(servlets);
        out.sort(Comparator.comparingInt((SipServletDeclaration s) -> s.loadOnStartup().orElse(Integer.MAX_VALUE))
                .thenComparing(s -> s.loadOnStartup().isEmpty())
                .thenComparing(SipServletDeclaration::name));
        return out;
    }

    /** The deployed applications' names, in deployment order. */
    public List<String> names() {
        return deployed.stream().map(d -> d.definition.name()).toList();
    }

    /** The servlets of {@code application}, by name in init order (empty for an unknown application). */
    public Map<String, SipServlet> servlets(String application) {
        for (Deployed d : deployed) if (d.definition.name().equals(application)) return Collections.unmodifiableMap(new LinkedHashMap<>(d.servlets));
        return Map.of();
    }

    /**
     * Tells each application's SipServletListeners that each of its servlets is initialised, in init
     * order; call once the transports run. A listener's exception is logged, and the others still run.
     */
    public void servletsInitialized() {
        for (Deployed d : deployed) {
            for (SipServlet servlet : d.servlets.values()) {
                for (EventListener l : d.listeners) {
                    if (!(l instanceof SipServletListener s)) continue;
                    try {
                        s.servletInitialized(new SipServletContextEvent(d.context, servlet));
                    } catch (RuntimeException e) {
                        LOG.log(Level.ERROR, "SipServletListener " + l.getClass().getName() + " of " + d.definition.name()
                                + " failed on " + servlet.getServletName(), e);
                    }
                }
            }
        }
    }

    /**
     * Undeploys in reverse order. For each application: the handle stops first (the router forgets
     * it, its sessions end, no message reaches a servlet any more), then the servlets are destroyed
     * in reverse init order, ServletContextListeners get {@code contextDestroyed}, and the
     * components are released. Errors are logged and do not stop the rest. Idempotent.
     */
    /**
     * JSR 289 §18 for the WAR's HTTP servlets, filters and web listeners: the web container creates
     * them (lazily), so their {@code @Resource SipFactory}, {@code TimerService} and
     * {@code SipSessionsUtil} stay bound under their default names while the applications run.
     * A component belongs to the application whose servlets share the longest package prefix with
     * it (the only application when there is one).
     */
    public void bindWebComponents(java.util.Collection<Class<?>> components) {
        for (Class<?> c : components) {
            List<SipResourcePoint> points = SipResourceInjection.points(c);
            if (points.isEmpty() || deployed.isEmpty()) continue;
            Deployed owner = owner(c);
            try {
                synchronized (webBindings) {
                    webBindings.add(JndiDefaultBindings.bind(points, owner.handle));
                }
                LOG.log(Level.INFO, "{0}: SIP resources of application {1} bound for injection", c.getName(), owner.definition.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * JSR 289 §4.1.2 for the WAR's other components: with one SIP application in the WAR, the WAR's
     * own ServletContext carries its attributes ({@code javax.servlet.sip.SipFactory} and the rest)
     * too, so that HTTP servlets find them. With several, only each application's context does.
     */
    public void publishOn(ServletContext war) {
        if (deployed.size() != 1) return;
        ServletContext app = deployed.get(0).context;
        for (String name : java.util.Collections.list(app.getAttributeNames())) {
            if ((name.startsWith("javax.servlet.sip.") || name.equals(io.ferry.flow.SipFlows.CONTEXT_ATTRIBUTE))
                    && war.getAttribute(name) == null) {
                war.setAttribute(name, app.getAttribute(name));
                published.add(() -> war.removeAttribute(name));
            }
        }
    }

    private final List<Runnable> published = new ArrayList<>();

    private Deployed owner(Class<?> component) {
        if (deployed.size() == 1) return deployed.get(0);
        String pkg = component.getPackageName();
        Deployed best = deployed.get(0);
        int bestLength = -1;
        for (Deployed d : deployed) {
            for (SipServletDeclaration s : d.definition.servlets()) {
                int common = commonPrefix(pkg, s.servletClass().getPackageName());
                if (common > bestLength) {
                    bestLength = common;
                    best = d;
                }
            }
        }
        return best;
    }

    private static int commonPrefix(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int n = 0;
        while (n < x.length && n < y.length && x[n].equals(y[n])) n++;
        return n;
    }

    public void stop() {
        if (!stopped.compareAndSet(false, true)) return;
        synchronized (webBindings) {
            webBindings.forEach(JndiDefaultBindings::close);
            webBindings.clear();
        }
        published.forEach(Runnable::run);
        published.clear();
        for (int i = deployed.size() - 1; i >= 0; i--) {
            Deployed d = deployed.get(i);
            run(d, "stop", d.handle::stop);
            List<SipServlet> servlets = new ArrayList<>(d.servlets.values());
            for (int k = servlets.size() - 1; k >= 0; k--) run(d, "destroy " + servlets.get(k).getServletName(), servlets.get(k)::destroy);
            for (int k = d.listeners.size() - 1; k >= 0; k--) {
                if (d.listeners.get(k) instanceof ServletContextListener s) {
                    run(d, "contextDestroyed " + s.getClass().getName(), () -> s.contextDestroyed(new ServletContextEvent(d.context)));
                }
            }
            for (int k = d.releases.size() - 1; k >= 0; k--) run(d, "release", d.releases.get(k));
            LOG.log(Level.INFO, "SIP application {0} stopped", d.definition.name());
        }
    }

    private static void run(Deployed d, String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "SIP application " + d.definition.name() + ": " + what + " failed", e);
        }
    }
}
