package io.ferry.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The local {@link ApplicationSessionStore}: two {@link ConcurrentHashMap}s, sessions by id and
 * the id of the live session by (application name, key).
 *
 * <p>Consistency of the key index: a key is claimed only inside {@code compute} on its index
 * entry, which serializes all claims of one key; an index entry that points at an invalidated or
 * removed session is stale and is replaced by the next claim. Invalidation and removal drop the
 * entry with a conditional {@code remove(key, id)}, so they never drop a newer session's claim.
 * Work on the session map is never done while holding a session-map entry and then touching the
 * index, so the two maps cannot deadlock. {@link #expired} scans all sessions.
 */
public final class InMemoryApplicationSessionStore implements ApplicationSessionStore {

    private record KeyRef(String applicationName, String applicationKey) {}

    private final ConcurrentMap<ApplicationSessionId, ApplicationSessionState> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<KeyRef, ApplicationSessionId> byKey = new ConcurrentHashMap<>();

    @Override
    public ApplicationSessionState create(ApplicationSessionState session) {
        Objects.requireNonNull(session, "session");
        if (session.applicationKey() != null) {
            throw new IllegalArgumentException("session " + session.id() + " has a key: use createByKey");
        }
        requireNew(session);
        ApplicationSessionState stored = session.withVersion(1);
        if (sessions.putIfAbsent(stored.id(), stored) != null) {
            throw new IllegalArgumentException("application session id already stored: " + session.id());
        }
        return stored;
    }

    @Override
    public CreateResult createByKey(ApplicationSessionState candidate) {
        Objects.requireNonNull(candidate, "candidate");
        if (candidate.applicationKey() == null) {
            throw new IllegalArgumentException("session " + candidate.id() + " has no key: use create");
        }
        if (candidate.invalidated()) {
            throw new IllegalArgumentException("session " + candidate.id() + " is invalidated");
        }
        requireNew(candidate);
        ApplicationSessionState stored = candidate.withVersion(1);
        CreateResult[] result = new CreateResult[1];
        byKey.compute(new KeyRef(candidate.applicationName(), candidate.applicationKey()), (ref, claimedBy) -> {
            if (claimedBy != null) {
                ApplicationSessionState current = sessions.get(claimedBy);
                if (current != null && !current.invalidated()) {
                    result[0] = new CreateResult.Existing(current);
                    return claimedBy;
                }
            }
            if (sessions.putIfAbsent(stored.id(), stored) != null) {
                throw new IllegalArgumentException("application session id already stored: " + stored.id());
            }
            result[0] = new CreateResult.Created(stored);
            return stored.id();
        });
        return result[0];
    }

    @Override
    public Optional<ApplicationSessionState> get(ApplicationSessionId id) {
        return Optional.ofNullable(sessions.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public Optional<ApplicationSessionState> findByKey(String applicationName, String applicationKey) {
        ApplicationSessionId id = byKey.get(new KeyRef(
                Objects.requireNonNull(applicationName, "applicationName"),
                Objects.requireNonNull(applicationKey, "applicationKey")));
        if (id == null) return Optional.empty();
        ApplicationSessionState session = sessions.get(id);
        return session == null || session.invalidated() ? Optional.empty() : Optional.of(session);
    }

    @Override
    public UpdateResult compareAndSet(ApplicationSessionState changed) {
        Objects.requireNonNull(changed, "changed");
        UpdateResult[] result = new UpdateResult[1];
        sessions.computeIfPresent(changed.id(), (id, current) -> {
            if (current.version() != changed.version()) {
                result[0] = new UpdateResult.Conflict(current);
                return current;
            }
            if (!current.applicationName().equals(changed.applicationName())
                    || !Objects.equals(current.applicationKey(), changed.applicationKey())) {
                throw new IllegalArgumentException("session " + id + ": application name and key cannot change");
            }
            if (current.invalidated() && !changed.invalidated()) {
                throw new IllegalArgumentException("session " + id + " is invalidated and cannot become valid");
            }
            ApplicationSessionState written = changed.withVersion(current.version() + 1);
            result[0] = new UpdateResult.Updated(written);
            return written;
        });
        if (result[0] == null) return new UpdateResult.Missing(changed.id());
        if (result[0] instanceof UpdateResult.Updated updated && updated.session().invalidated()) {
            releaseKey(updated.session());
        }
        return result[0];
    }

    @Override
    public Optional<ApplicationSessionState> remove(ApplicationSessionId id) {
        ApplicationSessionState removed = sessions.remove(Objects.requireNonNull(id, "id"));
        if (removed != null) releaseKey(removed);
        return Optional.ofNullable(removed);
    }

    @Override
    public List<ApplicationSessionId> expired(Instant now) {
        Objects.requireNonNull(now, "now");
        return sessions.values().stream()
                .filter(s -> !s.invalidated() && s.isExpiredAt(now))
                .map(ApplicationSessionState::id)
                .toList();
    }

    @Override
    public int size() {
        return sessions.size();
    }

    private void releaseKey(ApplicationSessionState session) {
        if (session.applicationKey() != null) {
            byKey.remove(new KeyRef(session.applicationName(), session.applicationKey()), session.id());
        }
    }

    private static void requireNew(ApplicationSessionState session) {
        if (session.version() != 0) {
            throw new IllegalArgumentException(
                    "session " + session.id() + " has version " + session.version() + "; a new session has 0");
        }
    }
}
