package io.ferry.ws;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-source-address limits on concurrent WebSocket connections and on the handshake rate (a
 * token bucket). Entries disappear when an address has no connection and a full bucket, so the
 * table stays as small as the set of active clients.
 */
public final class ConnectionQuota {

    private final int maxConnections;
    private final double ratePerSecond;
    private final double burst;
    private final ConcurrentHashMap<InetAddress, Entry> entries = new ConcurrentHashMap<>();

    private static final class Entry {
        int connections;
        double tokens;
        long lastNanos;

        Entry(double tokens, long now) {
            this.tokens = tokens;
            this.lastNanos = now;
        }
    }

    /**
     * @param maxConnections concurrent connections per address (0 = unlimited)
     * @param ratePerSecond  handshakes per second per address (0 = unlimited)
     * @param burst          handshakes allowed at once before the rate applies
     */
    public ConnectionQuota(int maxConnections, double ratePerSecond, int burst) {
        this.maxConnections = maxConnections;
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, burst);
    }

    /** Takes one handshake token; empty when allowed. */
    public Optional<HandshakeRefusal> admitHandshake(InetAddress address, long nowNanos) {
        if (ratePerSecond <= 0) {
            return Optional.empty();
        }
        boolean[] allowed = new boolean[1];
        entries.compute(address, (a, e) -> {
            Entry entry = e == null ? new Entry(burst, nowNanos) : e;
            refill(entry, nowNanos);
            if (entry.tokens >= 1) {
                entry.tokens -= 1;
                allowed[0] = true;
            }
            return entry;
        });
        return allowed[0] ? Optional.empty() : Optional.of(HandshakeRefusal.HANDSHAKE_RATE);
    }

    /** Counts a new connection; empty when allowed (the caller must {@link #release} it later). */
    public Optional<HandshakeRefusal> acquireConnection(InetAddress address, long nowNanos) {
        boolean[] allowed = new boolean[1];
        entries.compute(address, (a, e) -> {
            Entry entry = e == null ? new Entry(burst, nowNanos) : e;
            if (maxConnections <= 0 || entry.connections < maxConnections) {
                entry.connections++;
                allowed[0] = true;
            }
            return entry;
        });
        return allowed[0] ? Optional.empty() : Optional.of(HandshakeRefusal.TOO_MANY_CONNECTIONS);
    }

    public void release(InetAddress address, long nowNanos) {
        entries.computeIfPresent(address, (a, e) -> {
            e.connections = Math.max(0, e.connections - 1);
            refill(e, nowNanos);
            return e.connections == 0 && e.tokens >= burst ? null : e;
        });
    }

    public int connections(InetAddress address) {
        Entry e = entries.get(address);
        return e == null ? 0 : e.connections;
    }

    /** Number of addresses tracked (for tests and metrics). */
    public int trackedAddresses() {
        return entries.size();
    }

    private void refill(Entry e, long now) {
        if (ratePerSecond > 0) {
            double elapsed = (now - e.lastNanos) / 1e9;
            e.tokens = Math.min(burst, e.tokens + elapsed * ratePerSecond);
        } else {
            e.tokens = burst;
        }
        e.lastNanos = now;
    }
}
