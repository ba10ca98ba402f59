package io.ferry.auth;

import java.time.Instant;

/** What {@link NonceService#check} found out about a nonce. */
public sealed interface NonceCheck {

    /** Issued by this service for this realm and still fresh until {@code expiresAt}. */
    record Valid(Instant expiresAt) implements NonceCheck {
    }

    /** Issued by this service for this realm, but too old: answer with {@code stale=true} (RFC 7616 §3.3). */
    record Expired(Instant expiredAt) implements NonceCheck {
    }

    /** Not issued by this service for this realm (forged, tampered, truncated, other realm). */
    record Invalid(String reason) implements NonceCheck {
    }
}
