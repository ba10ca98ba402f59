package io.ferry.auth;

import java.util.Optional;

/** Quality of protection (RFC 7616 §3.3): {@code auth}, or {@code auth-int} which also covers the body. */
public enum Qop {
    AUTH("auth"),
    AUTH_INT("auth-int");

    private final String token;

    Qop(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    /** The qop named by a token, compared case-insensitively. */
    public static Optional<Qop> fromToken(String token) {
        for (Qop q : values()) {
            if (q.token.equalsIgnoreCase(token)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return token;
    }
}
