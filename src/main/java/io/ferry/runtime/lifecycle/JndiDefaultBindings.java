package io.ferry.runtime.lifecycle;

import io.ferry.runtime.container.ApplicationHandle;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NameAlreadyBoundException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * Makes the web container's own {@code @Resource} processing accept SIP service references while
 * a component is created, by binding the application's instances under the references' default
 * binding names in the server's JNDI namespace, and unbinding them when closed.
 *
 * <p>Why: Open Liberty without its {@code sipServlet} feature knows no SipFactory. For
 * {@code @Resource SipFactory f} in class {@code C} it looks up the default binding {@code C/f} in
 * its default namespace and, finding nothing, fails {@code ServletContext.createServlet} with
 * CWNEN1004E/CWNEN0030E. It resolves the binding at every injection, so a binding that exists
 * only while {@code createServlet} runs injects this application's instance and leaves no trace.
 * Liberty's default namespace accepts {@code bind}/{@code createSubcontext} from applications
 * (jndi-1.0, part of ejbLite-3.2).
 *
 * <p>The namespace is server-wide: two WARs creating components with the same reference name at
 * once would collide. A bind that finds the name taken waits for the other deployment to unbind it
 * (at most {@link #WAIT_MILLIS} in all). Where the server refuses binding (another server, or
 * JNDI binding unsupported), nothing is bound, the failure is logged, and creation proceeds: a
 * server that ignores unknown resource types still works, and one that fails gives its own error.
 */
final class JndiDefaultBindings implements AutoCloseable {

    /** Longest wait for a name another deployment holds, in milliseconds. */
    static final long WAIT_MILLIS = 10_000;
    private static final long POLL_MILLIS = 20;

    private static final System.Logger LOG = System.getLogger(JndiDefaultBindings.class.getName());

    private final Context jndi;
    private final List<String> bound = new ArrayList<>();
    private final Deque<String> createdContexts = new ArrayDeque<>();

    private JndiDefaultBindings(Context jndi) {
        this.jndi = jndi;
    }

    /** Opens the naming context to bind in. */
    @FunctionalInterface
    interface ContextSource {
        Context open() throws NamingException;
    }

    /** Binds every point without {@code lookup} to {@code handle}'s service; never throws for JNDI refusal. */
    static JndiDefaultBindings bind(List<SipResourcePoint> points, ApplicationHandle handle) throws InterruptedException {
        return bind(points, handle, InitialContext::new);
    }

    /** As {@link #bind(List, ApplicationHandle)}, in the context {@code source} opens. */
    static JndiDefaultBindings bind(List<SipResourcePoint> points, ApplicationHandle handle, ContextSource source)
            throws InterruptedException {
        Map<String, Object> names = new LinkedHashMap<>();
        for (SipResourcePoint p : points) {
            if (p.lookup().isEmpty()) names.putIfAbsent(p.referenceName(), p.valueFrom(handle));
        }
        if (names.isEmpty()) return new JndiDefaultBindings(null);
        Context ic;
        try {
            ic = source.open();
        } catch (NamingException e) {
            LOG.log(Level.DEBUG, "no JNDI context for SIP resource default bindings: {0}", e.toString());
            return new JndiDefaultBindings(null);
        }
        JndiDefaultBindings b = new JndiDefaultBindings(ic);
        try {
            for (Map.Entry<String, Object> e : names.entrySet()) b.bindOne(e.getKey(), e.getValue());
        } catch (NamingException e) {
            LOG.log(Level.DEBUG, "the server refuses JNDI binding of SIP resource default bindings: {0}", e.toString());
        }
        return b;
    }

    private void bindOne(String name, Object value) throws NamingException, InterruptedException {
        String[] parts = name.split("/");
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (i > 0) path.append('/');
            path.append(parts[i]);
            try {
                jndi.lookup(path.toString());
            } catch (NameNotFoundException e) {
                try {
                    jndi.createSubcontext(path.toString());
                    createdContexts.push(path.toString());
                } catch (NameAlreadyBoundException raced) {
                    // created by another deployment meanwhile: use it
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (true) {
            try {
                jndi.bind(name, value);
                bound.add(name);
                return;
            } catch (NameAlreadyBoundException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    @Override
    public void close() {
        if (jndi == null) return;
        for (String name : bound) {
            try {
                jndi.unbind(name);
            } catch (NamingException e) {
                LOG.log(Level.WARNING, "cannot unbind {0}: {1}", name, e.toString());
            }
        }
        while (!createdContexts.isEmpty()) {
            String c = createdContexts.pop();
            try {
                jndi.destroySubcontext(c);
            } catch (NamingException e) {
                // not empty (another deployment uses it) or gone: leave it
            }
        }
        try {
            jndi.close();
        } catch (NamingException e) {
            LOG.log(Level.DEBUG, "closing the JNDI context: {0}", e.toString());
        }
    }
}
