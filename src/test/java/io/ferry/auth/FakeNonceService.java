package io.ferry.auth;

import java.time.Instant;

/** Accepts exactly one nonce, as fresh until {@code expiresAt}: for replaying recorded exchanges. */
final class FakeNonceService implements NonceService {
    private final String nonce;
    private final Instant expiresAt;

    FakeNonceService(String nonce, Instant expiresAt) {
        this.nonce = nonce;
        this.expiresAt = expiresAt;
    }

    @Override
    public String newNonce(String realm) {
        return nonce;
    }

    @Override
    public NonceCheck check(String candidate, String realm) {
        return nonce.equals(candidate) ? new NonceCheck.Valid(expiresAt) : new NonceCheck.Invalid("not the fake nonce");
    }
}
