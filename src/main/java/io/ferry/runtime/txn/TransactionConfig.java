package io.ferry.runtime.txn;

import java.time.Duration;
import java.util.Objects;

/**
 * The transaction timers (RFC 3261 §17.1.1.1, Table 4 of Appendix A) and the layer's switches.
 * Every other timer is derived from these values as the RFC says (Timer B = F = H = J = L = M =
 * 64*T1, Timer I = K = T4 on unreliable transports...).
 *
 * @param t1                    RTT estimate, default 500 ms (RFC 3261 §17.1.1.1)
 * @param t2                    maximum retransmit interval for non-INVITE requests and INVITE
 *                              responses, default 4 s
 * @param t4                    maximum duration a message will remain in the network, default 5 s
 * @param timerD                wait time for response retransmissions in the INVITE client's
 *                              Completed state on unreliable transports, default 32 s (RFC 3261
 *                              §17.1.1.2: "at least 32 seconds")
 * @param tryingDelay           how long an INVITE server transaction waits for the TU's first
 *                              response before it sends 100 Trying itself (RFC 3261 §17.2.1: the
 *                              200 ms rule), default 200 ms; {@link Duration#ZERO} sends it at once
 * @param rejectMergedRequests  whether a merged request (RFC 3261 §8.2.2.2) is answered 482 by the
 *                              layer, default true
 */
public record TransactionConfig(Duration t1, Duration t2, Duration t4, Duration timerD, Duration tryingDelay,
                                boolean rejectMergedRequests) {

    /** RFC 3261 defaults: T1 500 ms, T2 4 s, T4 5 s, Timer D 32 s, 100 Trying after 200 ms, 482 on. */
    public static final TransactionConfig DEFAULT = new TransactionConfig(Duration.ofMillis(500), Duration.ofSeconds(4),
            Duration.ofSeconds(5), Duration.ofSeconds(32), Duration.ofMillis(200), true);

    public TransactionConfig {
        positive(t1, "t1");
        positive(t2, "t2");
        positive(t4, "t4");
        if (t2.compareTo(t1) < 0) throw new IllegalArgumentException("t2 (" + t2 + ") must not be below t1 (" + t1 + ")");
        notNegative(timerD, "timerD");
        notNegative(tryingDelay, "tryingDelay");
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
    }

    private static void notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) throw new IllegalArgumentException(name + " must not be negative: " + d);
    }

    public TransactionConfig withTimers(Duration newT1, Duration newT2, Duration newT4) {
        return new TransactionConfig(newT1, newT2, newT4, timerD, tryingDelay, rejectMergedRequests);
    }

    public TransactionConfig withTimerD(Duration d) {
        return new TransactionConfig(t1, t2, t4, d, tryingDelay, rejectMergedRequests);
    }

    public TransactionConfig withTryingDelay(Duration d) {
        return new TransactionConfig(t1, t2, t4, timerD, d, rejectMergedRequests);
    }

    public TransactionConfig withRejectMergedRequests(boolean reject) {
        return new TransactionConfig(t1, t2, t4, timerD, tryingDelay, reject);
    }

    /** 64*T1: Timers B, F, H, J (unreliable), L and M. */
    public Duration sixtyFourT1() {
        return t1.multipliedBy(64);
    }
}
