package io.ferry.auth;

import java.time.Instant;

/**
 * Remembers the highest nonce count seen per nonce, so that a captured request cannot be
 * replayed while its nonce is fresh (RFC 7616 §3.4 {@code nc}, §5.4). Implementations are
 * {@code InMemoryNonceStore} (one node, tests) and the clustered one of the registrar; all pass
 * the same contract test.
 */
public interface NonceStore {

    /**
     * Records {@code nc} for {@code nonce} if it is strictly greater than every count accepted
     * before for that nonce; counts start at 1. Atomic: of concurrent calls with the same nonce
     * and count, exactly one is accepted.
     *
     * @param nonce     the nonce as sent
     * @param nc        the nonce count
     * @param expiresAt when the nonce stops being fresh; the entry must be kept at least until
     *                  then and may be forgotten afterwards
     * @return true if the count was new and is now recorded; false for a replay
     */
    boolean acceptNonceCount(String nonce, long nc, Instant expiresAt);
}
