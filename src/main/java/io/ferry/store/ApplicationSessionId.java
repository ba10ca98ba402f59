package io.ferry.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The id of a SIP application session: 128 random bits from a {@link SecureRandom}, base64url
 * without padding (22 characters). JSR 289 §6.1.3 lets applications put this id in URIs
 * ({@code SipApplicationSession.encodeURI}), so it must be unguessable: one session's id says
 * nothing about another's.
 */
public record ApplicationSessionId(String value) {

    /** Length of a generated id: 16 bytes in unpadded base64. */
    public static final int GENERATED_LENGTH = 22;

    /** Longest id accepted from outside (an id read back from a URI or another node). */
    public static final int MAX_LENGTH = 64;

    private static final int RANDOM_BYTES = 16;

    public ApplicationSessionId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) throw new IllegalArgumentException("empty application session id");
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "application session id longer than " + MAX_LENGTH + " characters: " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                throw new IllegalArgumentException(
                        "application session id: character at offset " + i + " is not base64url");
            }
        }
    }

    /** A new random id. */
    public static ApplicationSessionId random(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return new ApplicationSessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
