package io.ferry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The digest algorithms of the IANA "HTTP Digest Hash Algorithms" registry (RFC 7616 §3.2,
 * §6.1) that SIP uses (RFC 8760 §2.1). A {@code -sess} variant uses the hash of its base
 * algorithm with the session form of A1 (RFC 7616 §3.4.2).
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false),
    MD5_SESS("MD5-sess", "MD5", true),
    SHA_256("SHA-256", "SHA-256", false),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true),
    SHA_512_256("SHA-512-256", "SHA-512/256", false),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true);

    private final String token;
    private final String jcaName;
    private final boolean session;

    DigestAlgorithm(String token, String jcaName, boolean session) {
        this.token = token;
        this.jcaName = jcaName;
        this.session = session;
    }

    /** The value of the {@code algorithm} parameter, e.g. {@code SHA-256}. */
    public String token() {
        return token;
    }

    /** Whether A1 takes the session form {@code H(H(user:realm:pw):nonce:cnonce)}. */
    public boolean isSession() {
        return session;
    }

    /** The algorithm without {@code -sess}: the one whose HA1 is stored. */
    public DigestAlgorithm base() {
        return switch (this) {
            case MD5, MD5_SESS -> MD5;
            case SHA_256, SHA_256_SESS -> SHA_256;
            case SHA_512_256, SHA_512_256_SESS -> SHA_512_256;
        };
    }

    /** Length of a hex digest: 32 for MD5, 64 for the SHA-2 algorithms. */
    public int hexLength() {
        return base() == MD5 ? 32 : 64;
    }

    /**
     * The algorithm named by an {@code algorithm} token; tokens compare case-insensitively
     * (RFC 7616 §3.3 lists them as case-insensitive tokens).
     */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The raw hash of {@code data}. */
    public byte[] hash(byte[] data) {
        return newDigest().digest(data);
    }

    /** The lower-case hex hash of the UTF-8 bytes of {@code text} ({@code H(data)}, RFC 7616 §3.4.1). */
    public String hexHash(String text) {
        return Hex.lower(hash(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh {@link MessageDigest} for this algorithm's hash (instances are not thread-safe). */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE 17 runtime must provide MD5, SHA-256 and SHA-512/256.
            throw new IllegalStateException("JCA provider lacks " + jcaName, e);
        }
    }

    @Override
    public String toString() {
        return token;
    }
}
