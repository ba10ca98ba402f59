package io.ferry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryNonceStoreTest extends NonceStoreContract {

    @Override
    protected NonceStore createStore(FakeClock clock) {
        return new InMemoryNonceStore(clock);
    }

    @Test
    void purgeExpired_removesOnlyExpiredEntries() {
        InMemoryNonceStore store = new InMemoryNonceStore(clock);
        store.acceptNonceCount("old", 1, START.plus(Duration.ofMinutes(1)));
        store.acceptNonceCount("new", 1, EXPIRES);
        clock.advance(Duration.ofMinutes(1));
        store.purgeExpired();
        assertEquals(1, store.size());
    }

    @Test
    void expiredEntries_arePurgedWhileInUse() {
        InMemoryNonceStore store = new InMemoryNonceStore(clock);
        for (int i = 0; i < InMemoryNonceStore.PURGE_EVERY - 1; i++) {
            assertTrue(store.acceptNonceCount("n" + i, 1, START.plus(Duration.ofMinutes(1))));
        }
        clock.advance(Duration.ofMinutes(1));
        store.acceptNonceCount("last", 1, EXPIRES);
        assertEquals(1, store.size());
    }
}
