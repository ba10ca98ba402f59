package io.ferry.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.store.ApplicationSessionStore.CreateResult;
import io.ferry.store.ApplicationSessionStore.UpdateResult;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ApplicationSessionStore}: every implementation (in memory now,
 * Infinispan later) extends this class and passes it unchanged. See docs/stores.md.
 */
public abstract class ApplicationSessionStoreContract {

    private static final String APP = "click2call";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int THREADS = 8;

    private final SecureRandom random = new SecureRandom();
    private ApplicationSessionStore store;

    /** A new, empty store. */
    protected abstract ApplicationSessionStore createStore();

    @BeforeEach
    void setUp() {
        store = createStore();
    }

    private ApplicationSessionState keyless(Instant expires) {
        return ApplicationSessionState.newSession(ApplicationSessionId.random(random), APP, null, T0, expires);
    }

    private ApplicationSessionState keyed(String app, String key) {
        return ApplicationSessionState.newSession(ApplicationSessionId.random(random), app, key, T0,
                T0.plus(Duration.ofMinutes(3)));
    }

    private static AttributeValue intValue(int n) {
        return new AttributeValue(ByteBuffer.allocate(4).putInt(n).array());
    }

    private static int intOf(AttributeValue value) {
        return ByteBuffer.wrap(value.serialized()).getInt();
    }

    private ApplicationSessionState updated(UpdateResult result) {
        return assertInstanceOf(UpdateResult.Updated.class, result).session();
    }

    // create / get

    @Test
    void jsr289_6_1_create_isStoredAtVersion1_andReadBack() {
        ApplicationSessionState session = keyless(null).withAttribute("a", intValue(7));

        ApplicationSessionState stored = store.create(session);

        assertEquals(1, stored.version());
        assertEquals(session.withVersion(1), stored);
        assertEquals(stored, store.get(session.id()).orElseThrow());
        assertEquals(1, store.size());
    }

    @Test
    void create_keyedSession_isRejected() {
        ApplicationSessionState session = keyed(APP, "k");

        assertThrows(IllegalArgumentException.class, () -> store.create(session));
        assertTrue(store.get(session.id()).isEmpty());
    }

    @Test
    void create_storedIdAgain_isRejected_andFirstKept() {
        ApplicationSessionState first = store.create(keyless(null));
        ApplicationSessionState clash = ApplicationSessionState.newSession(first.id(), "other", null, T0, null);

        assertThrows(IllegalArgumentException.class, () -> store.create(clash));
        assertEquals(first, store.get(first.id()).orElseThrow());
    }

    @Test
    void create_recordWithVersion_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.create(keyless(null).withVersion(3)));
        assertEquals(0, store.size());
    }

    @Test
    void get_unknownId_isEmpty() {
        store.create(keyless(null));

        assertTrue(store.get(ApplicationSessionId.random(random)).isEmpty());
    }

    // createByKey / findByKey

    @Test
    void jsr289_15_11_2_createByKey_newKey_isCreated_andFoundByKey() {
        ApplicationSessionState candidate = keyed(APP, "call-42");

        CreateResult result = store.createByKey(candidate);

        ApplicationSessionState created = assertInstanceOf(CreateResult.Created.class, result).session();
        assertEquals(candidate.withVersion(1), created);
        assertEquals(created, store.findByKey(APP, "call-42").orElseThrow());
        assertEquals(created, store.get(candidate.id()).orElseThrow());
    }

    @Test
    void jsr289_15_11_2_createByKey_sameKey_returnsExistingSession_andStoresNothing() {
        ApplicationSessionState first = store.createByKey(keyed(APP, "call-42")).session();
        ApplicationSessionState second = keyed(APP, "call-42");

        CreateResult result = store.createByKey(second);

        assertEquals(first, assertInstanceOf(CreateResult.Existing.class, result).session());
        assertTrue(store.get(second.id()).isEmpty());
        assertEquals(1, store.size());
    }

    @Test
    void jsr289_15_11_2_createByKey_sameKeyInAnotherApplication_isAnotherSession() {
        ApplicationSessionState mine = store.createByKey(keyed(APP, "k")).session();

        CreateResult theirs = store.createByKey(keyed("presence", "k"));

        assertInstanceOf(CreateResult.Created.class, theirs);
        assertNotEquals(mine.id(), theirs.session().id());
        assertEquals(mine.id(), store.findByKey(APP, "k").orElseThrow().id());
        assertEquals(theirs.session().id(), store.findByKey("presence", "k").orElseThrow().id());
    }

    @Test
    void createByKey_keylessOrInvalidatedCandidate_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> store.createByKey(keyless(null)));
        assertThrows(IllegalArgumentException.class, () -> store.createByKey(keyed(APP, "k").invalidate()));
        assertEquals(0, store.size());
    }

    @Test
    void jsr289_15_11_2_concurrentCreateByKey_exactlyOneWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            String key = "race-" + round;
            List<ApplicationSessionState> candidates = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) candidates.add(keyed(APP, key));

            List<CreateResult> results = runConcurrently(candidates.stream()
                    .<Callable<CreateResult>>map(c -> () -> store.createByKey(c)).toList());

            long created = results.stream().filter(r -> r instanceof CreateResult.Created).count();
            assertEquals(1, created, "round " + round);
            Set<ApplicationSessionId> ids = new HashSet<>();
            results.forEach(r -> ids.add(r.session().id()));
            assertEquals(1, ids.size(), "all callers see the winner, round " + round);
            assertEquals(ids.iterator().next(), store.findByKey(APP, key).orElseThrow().id());
        }
        assertEquals(20, store.size());
    }

    @Test
    void jsr289_6_1_2_2_invalidatedSession_isNotFoundByKey_andKeyGetsANewSession() {
        ApplicationSessionState first = store.createByKey(keyed(APP, "k")).session();
        ApplicationSessionState invalidated = updated(store.compareAndSet(first.invalidate()));

        assertTrue(store.findByKey(APP, "k").isEmpty());
        assertEquals(invalidated, store.get(first.id()).orElseThrow());

        CreateResult again = store.createByKey(keyed(APP, "k"));
        assertInstanceOf(CreateResult.Created.class, again);
        assertNotEquals(first.id(), again.session().id());
        assertEquals(again.session(), store.findByKey(APP, "k").orElseThrow());
    }

    @Test
    void remove_ofOldInvalidatedSession_keepsTheNewSessionsKey() {
        ApplicationSessionState first = store.createByKey(keyed(APP, "k")).session();
        store.compareAndSet(first.invalidate());
        ApplicationSessionState second = store.createByKey(keyed(APP, "k")).session();

        store.remove(first.id());

        assertEquals(second, store.findByKey(APP, "k").orElseThrow());
    }

    @Test
    void removedKeyedSession_isNotFoundByKey_andKeyGetsANewSession() {
        ApplicationSessionState first = store.createByKey(keyed(APP, "k")).session();

        store.remove(first.id());

        assertTrue(store.findByKey(APP, "k").isEmpty());
        assertInstanceOf(CreateResult.Created.class, store.createByKey(keyed(APP, "k")));
    }

    @Test
    void findByKey_unknownKey_isEmpty() {
        store.createByKey(keyed(APP, "k"));

        assertTrue(store.findByKey(APP, "other").isEmpty());
        assertTrue(store.findByKey("presence", "k").isEmpty());
    }

    // compareAndSet

    @Test
    void compareAndSet_readVersion_isWritten_withNextVersion() {
        ApplicationSessionState stored = store.create(keyless(null));
        ApplicationSessionState changed = stored.withAttribute("n", intValue(1))
                .withSipSession(ProtocolSessionRef.withoutDialog("s1"))
                .withLastAccessed(T0.plusSeconds(5));

        ApplicationSessionState written = updated(store.compareAndSet(changed));

        assertEquals(2, written.version());
        assertEquals(changed.withVersion(2), written);
        assertEquals(written, store.get(stored.id()).orElseThrow());
    }

    @Test
    void compareAndSet_staleVersion_isConflict_andLeavesTheStoredRecord() {
        ApplicationSessionState read = store.create(keyless(null));
        ApplicationSessionState winner = updated(store.compareAndSet(read.withAttribute("x", intValue(1))));

        UpdateResult loser = store.compareAndSet(read.withAttribute("y", intValue(2)));

        assertEquals(winner, assertInstanceOf(UpdateResult.Conflict.class, loser).current());
        assertEquals(winner, store.get(read.id()).orElseThrow());
    }

    @Test
    void compareAndSet_removedSession_isMissing() {
        ApplicationSessionState read = store.create(keyless(null));
        store.remove(read.id());

        UpdateResult result = store.compareAndSet(read.withLastAccessed(T0.plusSeconds(1)));

        assertEquals(new UpdateResult.Missing(read.id()), result);
        assertEquals(0, store.size());
    }

    @Test
    void compareAndSet_changingApplicationOrKey_isRejected() {
        ApplicationSessionState read = store.createByKey(keyed(APP, "k")).session();
        ApplicationSessionState otherKey = new ApplicationSessionState(read.id(), read.version(), APP, "k2",
                read.created(), read.lastAccessed(), read.expires(), false, read.attributes(), read.sipSessions());
        ApplicationSessionState otherApp = new ApplicationSessionState(read.id(), read.version(), "presence", "k",
                read.created(), read.lastAccessed(), read.expires(), false, read.attributes(), read.sipSessions());

        assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(otherKey));
        assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(otherApp));
        assertEquals(read, store.get(read.id()).orElseThrow());
        assertEquals(read, store.findByKey(APP, "k").orElseThrow());
    }

    @Test
    void jsr289_6_1_2_2_invalidatedSession_cannotBecomeValid() {
        ApplicationSessionState read = store.create(keyless(null));
        ApplicationSessionState dead = updated(store.compareAndSet(read.invalidate()));
        ApplicationSessionState revived = new ApplicationSessionState(dead.id(), dead.version(), APP, null,
                dead.created(), dead.lastAccessed(), dead.expires(), false, dead.attributes(), dead.sipSessions());

        assertThrows(IllegalArgumentException.class, () -> store.compareAndSet(revived));
        assertTrue(store.get(read.id()).orElseThrow().invalidated());
    }

    @Test
    void compareAndSet_concurrentReadModifyWrite_losesNoUpdate() throws Exception {
        ApplicationSessionState initial = store.create(keyless(null).withAttribute("count", intValue(0)));
        int perThread = 200;
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(() -> {
                int conflicts = 0;
                for (int i = 0; i < perThread; i++) {
                    while (true) {
                        ApplicationSessionState read = store.get(initial.id()).orElseThrow();
                        int n = intOf(read.attribute("count").orElseThrow());
                        if (store.compareAndSet(read.withAttribute("count", intValue(n + 1)))
                                instanceof UpdateResult.Updated) {
                            break;
                        }
                        conflicts++;
                    }
                }
                return conflicts;
            });
        }

        runConcurrently(tasks);

        ApplicationSessionState last = store.get(initial.id()).orElseThrow();
        assertEquals(THREADS * perThread, intOf(last.attribute("count").orElseThrow()));
        assertEquals(1 + THREADS * perThread, last.version());
    }

    // remove

    @Test
    void remove_returnsTheStoredRecord_once() {
        ApplicationSessionState stored = store.create(keyless(null));
        ApplicationSessionState other = store.create(keyless(null));

        assertEquals(stored, store.remove(stored.id()).orElseThrow());
        assertTrue(store.remove(stored.id()).isEmpty());
        assertTrue(store.get(stored.id()).isEmpty());
        assertEquals(other, store.get(other.id()).orElseThrow());
        assertEquals(1, store.size());
    }

    // expired

    @Test
    void jsr289_6_1_2_1_expired_listsValidSessionsDueAtOrBeforeNow() {
        Instant now = T0.plus(Duration.ofMinutes(10));
        ApplicationSessionState past = store.create(keyless(now.minusSeconds(1)));
        ApplicationSessionState due = store.create(keyless(now));
        store.create(keyless(now.plusSeconds(1)));
        store.create(keyless(null));
        ApplicationSessionState pastButInvalidated = store.create(keyless(now.minusSeconds(60)));
        store.compareAndSet(pastButInvalidated.invalidate());

        List<ApplicationSessionId> expired = store.expired(now);

        assertEquals(Set.of(past.id(), due.id()), new HashSet<>(expired));
        assertEquals(expired.size(), new HashSet<>(expired).size());
    }

    @Test
    void jsr289_6_1_2_1_extendedExpiry_isNoLongerExpired() {
        Instant now = T0.plus(Duration.ofMinutes(10));
        ApplicationSessionState session = store.create(keyless(now.minusSeconds(1)));
        assertEquals(List.of(session.id()), store.expired(now));

        store.compareAndSet(session.withExpires(now.plus(Duration.ofMinutes(3))));

        assertTrue(store.expired(now).isEmpty());
        assertEquals(List.of(session.id()), store.expired(now.plus(Duration.ofMinutes(3))));
    }

    // size

    @Test
    void size_countsStoredSessions_invalidatedIncluded() {
        assertEquals(0, store.size());
        ApplicationSessionState a = store.create(keyless(null));
        store.createByKey(keyed(APP, "k"));
        store.createByKey(keyed(APP, "k"));
        assertEquals(2, store.size());

        store.compareAndSet(a.invalidate());
        assertEquals(2, store.size());

        store.remove(a.id());
        assertEquals(1, store.size());
    }

    private static <T> List<T> runConcurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch ready = new CountDownLatch(tasks.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertTrue(ready.await(10, TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) results.add(f.get(30, TimeUnit.SECONDS));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
