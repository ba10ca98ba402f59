package io.ferry.auth;

/** Issues nonces for Digest challenges and recognises them later (RFC 7616 §3.3 {@code nonce}). */
public interface NonceService {

    /** A fresh nonce for a challenge in {@code realm}. */
    String newNonce(String realm);

    /** Whether {@code nonce} was issued by this service for {@code realm}, and whether it is still fresh. */
    NonceCheck check(String nonce, String realm);
}
