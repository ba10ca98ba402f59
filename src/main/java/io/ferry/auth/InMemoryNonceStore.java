package io.ferry.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link NonceStore} in this JVM's memory, for tests and single-node use. Expired entries
 * are removed every {@value #PURGE_EVERY} calls, or by {@link #purgeExpired()}. Entries are
 * only made for nonces whose HMAC and response checked out, so their number is bounded by the
 * authenticated traffic within one nonce lifetime.
 */
public final class InMemoryNonceStore implements NonceStore {
    static final int PURGE_EVERY = 1024;

    private record Entry(long lastNc, Instant expiresAt) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final Clock clock;

    public InMemoryNonceStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean acceptNonceCount(String nonce, long nc, Instant expiresAt) {
        if (calls.incrementAndGet() % PURGE_EVERY == 0) {
            purgeExpired();
        }
        if (nc < 1) {
            return false;
        }
        Instant now = clock.instant();
        boolean[] accepted = {false};
        entries.compute(nonce, (k, e) -> {
            if (e == null || !now.isBefore(e.expiresAt())) {
                accepted[0] = true;
                return new Entry(nc, expiresAt);
            }
            if (nc > e.lastNc()) {
                accepted[0] = true;
                return new Entry(nc, e.expiresAt().isAfter(expiresAt) ? e.expiresAt() : expiresAt);
            }
            return e;
        });
        return accepted[0];
    }

    /** Removes the entries whose nonce has expired. */
    public void purgeExpired() {
        Instant now = clock.instant();
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
    }

    /** Number of nonces tracked, expired ones not yet purged included. */
    public int size() {
        return entries.size();
    }
}
