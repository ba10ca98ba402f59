package io.ferry.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Nonces that need no shared state (RFC 7616 §3.3 suggests a time stamp and a private key):
 * {@code nonce = base64url(timestamp || random || HMAC-SHA256(secret, timestamp || random || realm))},
 * with the HMAC truncated to 192 bits. Every node that has the same secret recognises every
 * other node's nonces. The timestamp is milliseconds since the epoch, 8 bytes big-endian.
 * Replay of a nonce within its lifetime is {@link NonceStore}'s job.
 */
public final class HmacNonceService implements NonceService {
    /** Smallest secret accepted: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;
    /** How far in the future a time stamp may lie, for clock differences between nodes. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(10);

    private static final String HMAC = "HmacSHA256";
    private static final int TIME_BYTES = 8;
    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 24;
    private static final int NONCE_BYTES = TIME_BYTES + RANDOM_BYTES + MAC_BYTES;
    /** 48 bytes are 64 base64 characters without padding. */
    private static final int NONCE_CHARS = NONCE_BYTES / 3 * 4;

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param secret   the HMAC key, at least {@value #MIN_SECRET_BYTES} bytes; copied
     * @param lifetime how long a nonce stays fresh; after that it is stale
     * @param clock    the time source
     */
    public HmacNonceService(byte[] secret, Duration lifetime, Clock clock) {
        this(secret, lifetime, clock, new SecureRandom());
    }

    public HmacNonceService(byte[] secret, Duration lifetime, Clock clock, SecureRandom random) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("nonce secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime must be positive");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), HMAC);
        this.lifetime = lifetime;
        this.clock = clock;
        this.random = random;
    }

    /** How long a nonce stays fresh. */
    public Duration lifetime() {
        return lifetime;
    }

    @Override
    public String newNonce(String realm) {
        byte[] nonce = new byte[NONCE_BYTES];
        ByteBuffer.wrap(nonce).putLong(clock.millis());
        byte[] rnd = new byte[RANDOM_BYTES];
        random.nextBytes(rnd);
        System.arraycopy(rnd, 0, nonce, TIME_BYTES, RANDOM_BYTES);
        System.arraycopy(mac(nonce, realm), 0, nonce, TIME_BYTES + RANDOM_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    @Override
    public NonceCheck check(String nonce, String realm) {
        if (nonce.length() != NONCE_CHARS) {
            return new NonceCheck.Invalid("length");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return new NonceCheck.Invalid("not base64url");
        }
        if (bytes.length != NONCE_BYTES) {
            return new NonceCheck.Invalid("length");
        }
        byte[] expected = mac(bytes, realm);
        byte[] actual = Arrays.copyOfRange(bytes, TIME_BYTES + RANDOM_BYTES, NONCE_BYTES);
        if (!MessageDigest.isEqual(expected, actual)) {
            return new NonceCheck.Invalid("hmac");
        }
        Instant issued = Instant.ofEpochMilli(ByteBuffer.wrap(bytes).getLong());
        Instant now = clock.instant();
        if (issued.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            return new NonceCheck.Invalid("issued in the future");
        }
        Instant expires = issued.plus(lifetime);
        return now.isBefore(expires) ? new NonceCheck.Valid(expires) : new NonceCheck.Expired(expires);
    }

    /** The truncated HMAC over the time stamp, the random part and the realm. */
    private byte[] mac(byte[] nonce, String realm) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(nonce, 0, TIME_BYTES + RANDOM_BYTES);
            mac.update(realm.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256.
            throw new IllegalStateException("JCA provider lacks " + HMAC, e);
        }
    }
}
