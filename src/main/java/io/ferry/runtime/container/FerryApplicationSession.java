package io.ferry.runtime.container;

import io.ferry.runtime.api.ServletSipURI;
import io.ferry.runtime.deploy.SipListenerType;
import io.ferry.runtime.timer.TimerHost;
import io.ferry.runtime.txn.TimerScheduler;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipApplicationSessionAttributeListener;
import javax.servlet.sip.SipApplicationSessionBindingEvent;
import javax.servlet.sip.SipApplicationSessionBindingListener;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.URI;

/**
 * A {@code SipApplicationSession} (JSR 289 §6.1): attributes, its SIP sessions, timers, expiry
 * and invalidation. Every message and timer of the session runs through its {@link SerialQueue}.
 */
final class FerryApplicationSession implements SipApplicationSession, TimerHost {

    /** The URI parameter {@link #encodeURI} adds (JSR 289 §15.11.2, encoded URI). */
    static final String ENCODED_URI_PARAM = "sipappsessionid";

    private final Application app;
    private final String id;
    private final String key;
    private final long created = System.currentTimeMillis();
    private final SerialQueue queue;
    private final SessionAttributes attributes = new SessionAttributes(new SessionAttributes.Events() {
        @Override
        public void bound(String name, Object value) {
            if (value instanceof SipApplicationSessionBindingListener b) {
                app.call(() -> b.valueBound(new SipApplicationSessionBindingEvent(FerryApplicationSession.this, name)));
            }
        }

        @Override
        public void unbound(String name, Object value) {
            if (value instanceof SipApplicationSessionBindingListener b) {
                app.call(() -> b.valueUnbound(new SipApplicationSessionBindingEvent(FerryApplicationSession.this, name)));
            }
        }

        @Override
        public void set(String name, boolean replaced) {
            var event = new SipApplicationSessionBindingEvent(FerryApplicationSession.this, name);
            app.listeners(SipListenerType.APPLICATION_SESSION_ATTRIBUTE, SipApplicationSessionAttributeListener.class)
                    .forEach(l -> app.call(() -> {
                        if (replaced) l.attributeReplaced(event);
                        else l.attributeAdded(event);
                    }));
        }

        @Override
        public void removed(String name) {
            var event = new SipApplicationSessionBindingEvent(FerryApplicationSession.this, name);
            app.listeners(SipListenerType.APPLICATION_SESSION_ATTRIBUTE, SipApplicationSessionAttributeListener.class)
                    .forEach(l -> app.call(() -> l.attributeRemoved(event)));
        }
    });
    private final Map<String, FerrySipSession> sessions = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ServletTimer> timers = new ConcurrentHashMap<>();
    private volatile long lastAccessed = created;
    private volatile boolean valid = true;
    private volatile boolean invalidating;
    private volatile boolean invalidateWhenReady = true;
    /** Wall-clock expiry in ms, 0 = never. */
    private volatile long expiresAt;
    private TimerScheduler.TimerHandle expiryTimer;

    FerryApplicationSession(Application app, String id, String key) {
        this.app = app;
        this.id = id;
        this.key = key;
        this.queue = new SerialQueue(app.container().executor());
        int minutes = app.definition().sessionTimeout();
        scheduleExpiry(minutes);
    }

    Application application() {
        return app;
    }

    String key() {
        return key;
    }

    SerialQueue queue() {
        return queue;
    }

    void accessed() {
        lastAccessed = System.currentTimeMillis();
    }

    /** Whether new protocol sessions may join: valid and not being invalidated. */
    synchronized boolean acceptsSessions() {
        return valid && !invalidating;
    }

    /**
     * Adds a protocol session.
     *
     * @throws IllegalStateException once the application session is being invalidated
     */
    synchronized void addSession(FerrySipSession s) {
        if (!valid || invalidating) throw new IllegalStateException("application session " + id + " is invalidated");
        sessions.put(s.getId(), s);
    }

    void removeSession(FerrySipSession s) {
        sessions.remove(s.getId());
    }

    List<FerrySipSession> sipSessions() {
        synchronized (sessions) {
            return new ArrayList<>(sessions.values());
        }
    }

    private void checkValid() {
        if (!valid) throw new IllegalStateException("application session " + id + " is invalidated");
    }

    // ------------------------------------------------------------------ expiry, JSR 289 §6.1.2

    private synchronized void scheduleExpiry(int minutes) {
        if (expiryTimer != null) expiryTimer.cancel();
        expiryTimer = null;
        if (minutes <= 0) {
            expiresAt = 0;
            return;
        }
        expiresAt = System.currentTimeMillis() + minutes * 60_000L;
        expiryTimer = app.container().scheduler().schedule(() -> queue.execute(this::expire), Duration.ofMinutes(minutes));
    }

    /** The expiry time passed: listeners may extend it with setExpires; otherwise the session ends. */
    private void expire() {
        if (!valid || expiresAt == 0 || System.currentTimeMillis() < expiresAt) return;
        app.listeners(SipListenerType.APPLICATION_SESSION, SipApplicationSessionListener.class)
                .forEach(l -> app.call(() -> l.sessionExpired(new SipApplicationSessionEvent(this))));
        if (valid && expiresAt != 0 && System.currentTimeMillis() >= expiresAt) invalidate();
    }

    @Override
    public int setExpires(int deltaMinutes) {
        checkValid();
        scheduleExpiry(deltaMinutes);
        return Math.max(deltaMinutes, 0);
    }

    @Override
    public long getExpirationTime() {
        checkValid();
        return expiresAt;
    }

    // ------------------------------------------------------------------ invalidation, JSR 289 §6.1.2.2

    @Override
    public void invalidate() {
        checkValid();
        synchronized (this) {
            if (invalidating) return;
            invalidating = true;
        }
        invalidateNow();
    }

    private void invalidateNow() {
        for (FerrySipSession s : sipSessions()) {
            if (s.isValid()) s.invalidate();
        }
        for (ServletTimer t : new ArrayList<>(timers.values())) t.cancel();
        timers.clear();
        synchronized (this) {
            if (expiryTimer != null) expiryTimer.cancel();
            expiryTimer = null;
        }
        app.listeners(SipListenerType.APPLICATION_SESSION, SipApplicationSessionListener.class)
                .forEach(l -> app.call(() -> l.sessionDestroyed(new SipApplicationSessionEvent(this))));
        attributes.clear();
        valid = false;
        app.forget(this);
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public boolean getInvalidateWhenReady() {
        checkValid();
        return invalidateWhenReady;
    }

    @Override
    public void setInvalidateWhenReady(boolean invalidateWhenReady) {
        checkValid();
        this.invalidateWhenReady = invalidateWhenReady;
    }

    /** JSR 289 §6.1.2.2.2: every protocol session is ready (or gone) and no timer is pending. */
    @Override
    public boolean isReadyToInvalidate() {
        checkValid();
        if (!timers.isEmpty()) return false;
        for (FerrySipSession s : sipSessions()) {
            if (s.isValid() && !s.isReadyToInvalidate()) return false;
        }
        return true;
    }

    /** Called (serialised) after a protocol session or timer ended: invalidate when ready. */
    void checkReadyToInvalidate() {
        if (!valid || invalidating || !invalidateWhenReady || !isReadyToInvalidate()) return;
        app.listeners(SipListenerType.APPLICATION_SESSION, SipApplicationSessionListener.class)
                .forEach(l -> app.call(() -> l.sessionReadyToInvalidate(new SipApplicationSessionEvent(this))));
        // the readiness check and the start of invalidation exclude addSession: a request routed to this
        // application session meanwhile either counts (not ready) or finds it invalidating (a new one is used)
        synchronized (this) {
            if (!valid || invalidating || !invalidateWhenReady || !isReadyToInvalidate()) return;
            invalidating = true;
        }
        invalidateNow();
    }

    // ------------------------------------------------------------------ attributes

    @Override
    public Object getAttribute(String name) {
        checkValid();
        return attributes.get(name);
    }

    @Override
    public Iterator<String> getAttributeNames() {
        checkValid();
        return attributes.names().iterator();
    }

    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        attributes.set(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        attributes.remove(name);
    }

    // ------------------------------------------------------------------ identity and sessions

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getApplicationName() {
        return app.name();
    }

    @Override
    public long getCreationTime() {
        checkValid();
        return created;
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessed;
    }

    @Override
    public Iterator<?> getSessions() {
        checkValid();
        return sipSessions().iterator();
    }

    /** "SIP" gives the SIP sessions; "HTTP" none (Ferry has no converged HTTP sessions). */
    @Override
    public Iterator<?> getSessions(String protocol) {
        checkValid();
        if (protocol == null) throw new NullPointerException("protocol");
        return switch (protocol.toUpperCase(java.util.Locale.ROOT)) {
            case "SIP" -> sipSessions().iterator();
            case "HTTP" -> Collections.emptyIterator();
            default -> throw new IllegalArgumentException("unknown protocol " + protocol);
        };
    }

    @Override
    public SipSession getSipSession(String id) {
        checkValid();
        return sessions.get(id);
    }

    @Override
    public Object getSession(String id, Protocol protocol) {
        checkValid();
        return protocol == Protocol.SIP ? sessions.get(id) : null;
    }

    // ------------------------------------------------------------------ encoding

    @Override
    public void encodeURI(URI uri) {
        checkValid();
        if (!(uri instanceof ServletSipURI sip)) throw new IllegalArgumentException("only SIP and SIPS URIs can be encoded: " + uri);
        sip.setParameter(ENCODED_URI_PARAM, id);
    }

    /** Adds {@code sipappsessionid=<id>} to the URL's query; SipSessionsUtil finds the session by it. */
    @Override
    public URL encodeURL(URL url) {
        checkValid();
        String param = ENCODED_URI_PARAM + "=" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
        String text = url.toExternalForm();
        int hash = text.indexOf('#');
        String base = hash < 0 ? text : text.substring(0, hash);
        String fragment = hash < 0 ? "" : text.substring(hash);
        try {
            return new URL(base + (url.getQuery() == null ? "?" : "&") + param + fragment);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("cannot encode " + url + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ timers (TimerHost)

    @Override
    public ServletTimer getTimer(String timerId) {
        checkValid();
        return timers.get(timerId);
    }

    @Override
    public Collection<ServletTimer> getTimers() {
        checkValid();
        return List.copyOf(timers.values());
    }

    @Override
    public SipApplicationSession applicationSession() {
        return this;
    }

    @Override
    public void runSerialized(Runnable task) {
        queue.execute(() -> app.inContext(task));
    }

    @Override
    public List<TimerListener> timerListeners() {
        return app.listeners(SipListenerType.TIMER, TimerListener.class);
    }

    @Override
    public void timerScheduled(ServletTimer timer) {
        timers.put(timer.getId(), timer);
    }

    @Override
    public void timerEnded(ServletTimer timer) {
        if (timers.remove(timer.getId()) != null && valid) queue.execute(this::checkReadyToInvalidate);
    }

    @Override
    public String toString() {
        return "SipApplicationSession[" + id + "]";
    }
}
