package io.ferry.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the container keeps the state of SIP application sessions (JSR 289 §6.1). The local
 * implementation is {@link InMemoryApplicationSessionStore}; every implementation passes
 * {@code ApplicationSessionStoreContract} (docs/stores.md).
 *
 * <p>Records are immutable. A caller reads a record, derives a changed copy with its
 * {@code with…} methods (which keep the version it read) and writes it back with
 * {@link #compareAndSet}; a write based on a stale version fails with
 * {@link UpdateResult.Conflict}, so that two threads or nodes never lose each other's updates.
 *
 * <p>The pair (application name, application key) of a session created by key is unique among
 * sessions that are not invalidated (JSR 289 §15.11.2: {@code createApplicationSessionByKey}
 * returns the existing session for the key).
 */
public interface ApplicationSessionStore {

    /**
     * Stores a new session that has no application key.
     *
     * @param session a record with version 0 and no key
     * @return the stored record (version 1)
     * @throws IllegalArgumentException if the record has a key (use {@link #createByKey}), a
     *         version other than 0, or an id that is already stored
     */
    ApplicationSessionState create(ApplicationSessionState session);

    /**
     * Returns the live session of {@code candidate}'s application and key, or stores
     * {@code candidate} if there is none (JSR 289 §15.11.2). Atomic: of concurrent calls for the
     * same key, exactly one stores its candidate and the others get that session.
     *
     * @param candidate a valid record with version 0 and a key
     * @throws IllegalArgumentException if the candidate has no key, is invalidated, has a version
     *         other than 0, or has an id that is already stored
     */
    CreateResult createByKey(ApplicationSessionState candidate);

    /** The session with this id, invalidated or not, if it is stored. */
    Optional<ApplicationSessionState> get(ApplicationSessionId id);

    /** The session of this application and key that is not invalidated, if any. */
    Optional<ApplicationSessionState> findByKey(String applicationName, String applicationKey);

    /**
     * Writes {@code changed} if the stored record of its id still has {@code changed.version()};
     * the written record gets the next version. The application name and key cannot change, and
     * an invalidated session cannot become valid again.
     *
     * @throws IllegalArgumentException if {@code changed} alters the application name or key, or
     *         revalidates an invalidated session
     */
    UpdateResult compareAndSet(ApplicationSessionState changed);

    /** Removes the session with this id; returns what was stored, if anything. */
    Optional<ApplicationSessionState> remove(ApplicationSessionId id);

    /**
     * Ids of the stored sessions that are not invalidated and whose expiry time is at or before
     * {@code now}: the container expires them (JSR 289 §6.1.2.1, after
     * {@code sessionExpired} listeners had their chance to extend the session).
     */
    List<ApplicationSessionId> expired(Instant now);

    /** Number of stored sessions, invalidated ones included (for metrics). */
    int size();

    /** Outcome of {@link #createByKey}. */
    sealed interface CreateResult {
        ApplicationSessionState session();

        /** The candidate was stored; {@code session} is it, at version 1. */
        record Created(ApplicationSessionState session) implements CreateResult {}

        /** A live session already had the key; {@code session} is that session. */
        record Existing(ApplicationSessionState session) implements CreateResult {}
    }

    /** Outcome of {@link #compareAndSet}. */
    sealed interface UpdateResult {

        /** The change was written; {@code session} is the stored record with its new version. */
        record Updated(ApplicationSessionState session) implements UpdateResult {}

        /** The stored record has another version; {@code current} is it. Re-read and retry. */
        record Conflict(ApplicationSessionState current) implements UpdateResult {}

        /** No session with the id is stored (it was removed). */
        record Missing(ApplicationSessionId id) implements UpdateResult {}
    }
}
