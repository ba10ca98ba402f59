package io.ferry.ws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Accepts the tokens listed in configuration ({@code ferry.ws.tokens}). Tokens are compared as
 * SHA-256 digests in constant time, so a timing side channel reveals nothing of a token. The
 * principal is {@code token-N}, the token's position in the list.
 */
public final class StaticTokenVerifier implements TokenVerifier {

    private final List<byte[]> digests;

    public StaticTokenVerifier(List<String> tokens) {
        this.digests = tokens.stream().map(StaticTokenVerifier::sha256).toList();
    }

    @Override
    public Optional<String> verify(String token) {
        byte[] presented = sha256(token);
        int match = -1;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), presented) && match < 0) {
                match = i;
            }
        }
        return match < 0 ? Optional.empty() : Optional.of("token-" + (match + 1));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
