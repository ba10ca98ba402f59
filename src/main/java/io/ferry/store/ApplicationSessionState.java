package io.ferry.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The stored state of one SIP application session (JSR 289 §6.1): an immutable snapshot. Every
 * {@code with…} method returns a copy with the same {@link #version()}; the store compares that
 * version with the one it holds when the copy is written back
 * ({@link ApplicationSessionStore#compareAndSet}), and gives the written record the next version.
 *
 * @param id              unique, unguessable id
 * @param version         optimistic version: 0 for a record not yet stored; set by the store
 * @param applicationName the SIP application it belongs to (JSR 289 §16.2 application name)
 * @param applicationKey  the key from the application's {@code @SipApplicationKey} method
 *                        (JSR 289 §15.11.2), or {@code null} when the session was not created by key
 * @param created         creation time ({@code getCreationTime})
 * @param lastAccessed    last time a message or timer of the session was processed
 *                        ({@code getLastAccessedTime})
 * @param expires         when the session expires, or {@code null} if it never does
 *                        (JSR 289 §6.1.2.1, {@code setExpires(0)})
 * @param invalidated     whether the session has been invalidated ({@code isValid() == false});
 *                        an invalidated session is never valid again
 * @param attributes      serialized attribute values by name (see {@link AttributeValue})
 * @param sipSessions     its SIP sessions, in creation order, ids unique
 */
public record ApplicationSessionState(
        ApplicationSessionId id,
        long version,
        String applicationName,
        String applicationKey,
        Instant created,
        Instant lastAccessed,
        Instant expires,
        boolean invalidated,
        Map<String, AttributeValue> attributes,
        List<ProtocolSessionRef> sipSessions) {

    public ApplicationSessionState {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastAccessed, "lastAccessed");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(sipSessions, "sipSessions");
        if (version < 0) throw new IllegalArgumentException("negative version: " + version);
        if (applicationName.isEmpty()) throw new IllegalArgumentException("empty application name");
        if (lastAccessed.isBefore(created)) {
            throw new IllegalArgumentException("last accessed " + lastAccessed + " before creation " + created);
        }
        Map<String, AttributeValue> attrs = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            attrs.put(Objects.requireNonNull(e.getKey(), "attribute name"),
                    Objects.requireNonNull(e.getValue(), "attribute value"));
        }
        attributes = Collections.unmodifiableMap(attrs);
        Set<String> ids = new HashSet<>();
        for (ProtocolSessionRef ref : sipSessions) {
            if (!ids.add(ref.id())) throw new IllegalArgumentException("duplicate SIP session id: " + ref.id());
        }
        sipSessions = List.copyOf(sipSessions);
    }

    /** A new, valid session that has not been stored yet (version 0), without attributes or SIP sessions. */
    public static ApplicationSessionState newSession(ApplicationSessionId id, String applicationName,
            String applicationKey, Instant now, Instant expires) {
        return new ApplicationSessionState(id, 0, applicationName, applicationKey, now, now, expires, false,
                Map.of(), List.of());
    }

    /** The {@code @SipApplicationKey} key, if the session was created by key. */
    public Optional<String> key() {
        return Optional.ofNullable(applicationKey);
    }

    /** The expiry time, empty if the session never expires. */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expires);
    }

    /** Whether the session has an expiry time at or before {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expires != null && !expires.isAfter(now);
    }

    public Optional<AttributeValue> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public Optional<ProtocolSessionRef> sipSession(String sipSessionId) {
        return sipSessions.stream().filter(s -> s.id().equals(sipSessionId)).findFirst();
    }

    /** The record as stored under {@code newVersion}; used by stores. */
    public ApplicationSessionState withVersion(long newVersion) {
        return new ApplicationSessionState(id, newVersion, applicationName, applicationKey, created, lastAccessed,
                expires, invalidated, attributes, sipSessions);
    }

    public ApplicationSessionState withLastAccessed(Instant time) {
        return new ApplicationSessionState(id, version, applicationName, applicationKey, created, time,
                expires, invalidated, attributes, sipSessions);
    }

    /** A copy expiring at {@code time}, or never when {@code time} is {@code null}. */
    public ApplicationSessionState withExpires(Instant time) {
        return new ApplicationSessionState(id, version, applicationName, applicationKey, created, lastAccessed,
                time, invalidated, attributes, sipSessions);
    }

    /** The invalidated copy (JSR 289 §6.1.2.2). */
    public ApplicationSessionState invalidate() {
        return new ApplicationSessionState(id, version, applicationName, applicationKey, created, lastAccessed,
                expires, true, attributes, sipSessions);
    }

    public ApplicationSessionState withAttribute(String name, AttributeValue value) {
        Map<String, AttributeValue> attrs = new LinkedHashMap<>(attributes);
        attrs.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ApplicationSessionState(id, version, applicationName, applicationKey, created, lastAccessed,
                expires, invalidated, attrs, sipSessions);
    }

    public ApplicationSessionState withoutAttribute(String name) {
        if (!attributes.containsKey(name)) return this;
        Map<String, AttributeValue> attrs = new LinkedHashMap<>(attributes);
        attrs.remove(name);
        return new ApplicationSessionState(id, version, applicationName, applicationKey, created, lastAccessed,
                expires, invalidated, attrs, sipSessions);
    }

    /** A copy with {@code ref} added, or replacing the SIP session with the same id in place. */
    public ApplicationSessionState withSipSession(ProtocolSessionRef ref) {
        Objects.requireNonNull(ref, "ref");
        List<ProtocolSessionRef> refs = new ArrayList<>(sipSessions);
        int at = indexOf(ref.id());
        if (at >= 0) refs.set(at, ref);
        else refs.add(ref);
        return new ApplicationSessionState(id, version, applicationName, applicationKey, created, lastAccessed,
                expires, invalidated, attributes, refs);
    }

    public ApplicationSessionState withoutSipSession(String sipSessionId) {
        int at = indexOf(sipSessionId);
        if (at < 0) return this;
        List<ProtocolSessionRef> refs = new ArrayList<>(sipSessions);
        refs.remove(at);
        return new ApplicationSessionState(id, version, applicationName, applicationKey, created, lastAccessed,
                expires, invalidated, attributes, refs);
    }

    private int indexOf(String sipSessionId) {
        for (int i = 0; i < sipSessions.size(); i++) {
            if (sipSessions.get(i).id().equals(sipSessionId)) return i;
        }
        return -1;
    }
}
