package io.ferry.runtime.container;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attributes of a SIP session or an application session, and the order of their JSR 289
 * events: {@code valueBound} of the new value, {@code valueUnbound} of the replaced one, then the
 * attribute listeners' added, replaced or removed. The session supplies the events.
 */
final class SessionAttributes {

    /** How one kind of session reports attribute changes to its application. */
    interface Events {
        /** {@code value} was bound under {@code name} (call its binding listener, if it is one). */
        void bound(String name, Object value);

        /** {@code value} was unbound from {@code name}. */
        void unbound(String name, Object value);

        /** The attribute listeners: added ({@code replaced} false) or replaced. */
        void set(String name, boolean replaced);

        void removed(String name);
    }

    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final Events events;

    SessionAttributes(Events events) {
        this.events = events;
    }

    Object get(String name) {
        return values.get(name);
    }

    List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** A null value removes the attribute (javadoc of setAttribute). */
    void set(String name, Object value) {
        if (name == null) throw new NullPointerException("attribute name");
        if (value == null) {
            remove(name);
            return;
        }
        Object old = values.put(name, value);
        if (old == value) return;
        events.bound(name, value);
        if (old != null) events.unbound(name, old);
        events.set(name, old != null);
    }

    void remove(String name) {
        Object old = values.remove(name);
        if (old == null) return;
        events.unbound(name, old);
        events.removed(name);
    }

    /** Removes every attribute, with its events (invalidation). */
    void clear() {
        for (String name : names()) remove(name);
    }

    Map<String, Object> snapshot() {
        return Map.copyOf(values);
    }

    /** Copies {@code from} without events (a derived session starts with its original's attributes). */
    void copy(Map<String, Object> from) {
        values.putAll(from);
    }
}
