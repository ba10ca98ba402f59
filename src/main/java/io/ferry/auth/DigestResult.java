package io.ferry.auth;

/**
 * The outcome of {@link DigestVerifier#verify}: one reason per way a Digest response can fail.
 * Everything but {@link #OK} is answered with a fresh challenge (401/407 in SIP, RFC 3261
 * §22.3; 401 in MSRP AUTH, RFC 4976 §7.1), and for {@link #STALE_NONCE} that challenge carries
 * {@code stale=true}. {@link #UNKNOWN_USER} and {@link #WRONG_RESPONSE} should look the same on
 * the wire, so that usernames cannot be probed.
 */
public enum DigestResult {
    /** The response is right, the nonce fresh and the count new. */
    OK,
    /** The response does not match the stored HA1: wrong password or tampered fields. */
    WRONG_RESPONSE,
    /** The response is right but the nonce has expired: challenge again with {@code stale=true} (RFC 7616 §3.3). */
    STALE_NONCE,
    /** The nonce was not issued here (forged, tampered, or for another realm). */
    BAD_NONCE,
    /** The nonce count was not greater than one seen before (RFC 7616 §3.4 {@code nc}). */
    REPLAYED,
    /** The credentials are for another realm. */
    REALM_MISMATCH,
    /** The algorithm is not offered here, or no HA1 is stored for it. */
    ALGORITHM_UNSUPPORTED,
    /** The qop is missing or was not offered (Ferry's challenges always carry qop). */
    QOP_UNSUPPORTED,
    /** No HA1 is stored for the username. */
    UNKNOWN_USER,
    /** The stored HA1 belongs to another username or realm than the credentials name. */
    USERNAME_MISMATCH,
    /** The header did not parse, or a value has the wrong form (e.g. a response of the wrong length). */
    MALFORMED;

    /** Whether the request is authenticated. */
    public boolean accepted() {
        return this == OK;
    }

    /** Whether the new challenge should say {@code stale=true}. */
    public boolean stale() {
        return this == STALE_NONCE;
    }
}
