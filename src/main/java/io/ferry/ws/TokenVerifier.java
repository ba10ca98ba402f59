package io.ferry.ws;

import java.util.Optional;

/**
 * Checks the token a client presents at the handshake (query parameter, {@code Authorization:
 * Bearer} or cookie). Pluggable: {@link StaticTokenVerifier} checks configured tokens; API keys
 * and JWTs implement this interface later.
 */
@FunctionalInterface
public interface TokenVerifier {

    /** The principal the token identifies, or empty when the token is not valid. */
    Optional<String> verify(String token);
}
