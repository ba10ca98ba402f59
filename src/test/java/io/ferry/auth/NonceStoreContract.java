package io.ferry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NonceStore} must do. Each implementation's test extends this class
 * ({@code InMemoryNonceStoreTest}, and the clustered store's test).
 */
public abstract class NonceStoreContract {
    protected static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    protected static final Instant EXPIRES = START.plus(Duration.ofMinutes(5));

    protected final FakeClock clock = new FakeClock(START);

    /** A new, empty store that reads time from {@code clock}. */
    protected abstract NonceStore createStore(FakeClock clock);

    @Test
    void rfc7616_3_4_firstCount_isAccepted() {
        assertTrue(createStore(clock).acceptNonceCount("n1", 1, EXPIRES));
    }

    @Test
    void rfc7616_3_4_sameCountAgain_isReplay() {
        NonceStore store = createStore(clock);
        assertTrue(store.acceptNonceCount("n1", 1, EXPIRES));
        assertFalse(store.acceptNonceCount("n1", 1, EXPIRES));
    }

    @Test
    void rfc7616_3_4_lowerCount_isReplay() {
        NonceStore store = createStore(clock);
        assertTrue(store.acceptNonceCount("n1", 5, EXPIRES));
        assertFalse(store.acceptNonceCount("n1", 4, EXPIRES));
        assertFalse(store.acceptNonceCount("n1", 5, EXPIRES));
    }

    @Test
    void rfc7616_3_4_increasingCounts_areAccepted_gapsAllowed() {
        NonceStore store = createStore(clock);
        assertTrue(store.acceptNonceCount("n1", 1, EXPIRES));
        assertTrue(store.acceptNonceCount("n1", 2, EXPIRES));
        assertTrue(store.acceptNonceCount("n1", 7, EXPIRES));
        assertFalse(store.acceptNonceCount("n1", 6, EXPIRES));
    }

    @Test
    void rfc7616_3_4_countZero_isNeverAccepted() {
        assertFalse(createStore(clock).acceptNonceCount("n1", 0, EXPIRES));
    }

    @Test
    void countsOfDifferentNonces_areIndependent() {
        NonceStore store = createStore(clock);
        assertTrue(store.acceptNonceCount("n1", 3, EXPIRES));
        assertTrue(store.acceptNonceCount("n2", 1, EXPIRES));
        assertFalse(store.acceptNonceCount("n1", 2, EXPIRES));
        assertFalse(store.acceptNonceCount("n2", 1, EXPIRES));
    }

    @Test
    void entries_areKeptUntilTheyExpire() {
        NonceStore store = createStore(clock);
        assertTrue(store.acceptNonceCount("n1", 1, EXPIRES));
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertFalse(store.acceptNonceCount("n1", 1, EXPIRES));
    }

    @Test
    void concurrentSameCount_isAcceptedExactlyOnce() throws Exception {
        NonceStore store = createStore(clock);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (long nc = 1; nc <= 50; nc++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                long count = nc;
                for (int t = 0; t < threads; t++) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return store.acceptNonceCount("shared", count, EXPIRES);
                    }));
                }
                go.countDown();
                int accepted = 0;
                for (Future<Boolean> f : results) {
                    accepted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, accepted, "nc=" + nc);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
