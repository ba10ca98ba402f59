package io.ferry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HmacNonceServiceTest {
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

    private final FakeClock clock = new FakeClock(START);
    private final HmacNonceService nonces = new HmacNonceService(SECRET, Duration.ofMinutes(5), clock);

    @Test
    void rfc7616_3_3_freshNonce_isValidUntilItsLifetimeEnds() {
        String nonce = nonces.newNonce("example.com");
        assertEquals(new NonceCheck.Valid(START.plus(Duration.ofMinutes(5))), nonces.check(nonce, "example.com"));
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertInstanceOf(NonceCheck.Valid.class, nonces.check(nonce, "example.com"));
    }

    @Test
    void rfc7616_3_3_oldNonce_isExpired() {
        String nonce = nonces.newNonce("example.com");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(new NonceCheck.Expired(START.plus(Duration.ofMinutes(5))), nonces.check(nonce, "example.com"));
    }

    @Test
    void nonces_areUniqueAndUrlSafe() {
        String a = nonces.newNonce("r");
        String b = nonces.newNonce("r");
        assertNotEquals(a, b);
        assertEquals(64, a.length());
        assertEquals(-1, a.indexOf('"'));
        assertEquals(-1, a.indexOf('\\'));
    }

    @Test
    void tamperedNonce_isInvalid() {
        String nonce = nonces.newNonce("r");
        for (int i = 0; i < nonce.length(); i++) {
            char flipped = nonce.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = nonce.substring(0, i) + flipped + nonce.substring(i + 1);
            assertInstanceOf(NonceCheck.Invalid.class, nonces.check(tampered, "r"), "position " + i);
        }
    }

    @Test
    void nonceForAnotherRealm_isInvalid() {
        assertInstanceOf(NonceCheck.Invalid.class, nonces.check(nonces.newNonce("a.example"), "b.example"));
    }

    @Test
    void nonceFromAnotherSecret_isInvalid() {
        byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        String foreign = new HmacNonceService(other, Duration.ofMinutes(5), clock).newNonce("r");
        assertInstanceOf(NonceCheck.Invalid.class, nonces.check(foreign, "r"));
    }

    @Test
    void nonceFromAnotherNodeWithTheSameSecret_isValid() {
        String nonce = new HmacNonceService(SECRET, Duration.ofMinutes(5), clock).newNonce("r");
        assertInstanceOf(NonceCheck.Valid.class, nonces.check(nonce, "r"));
    }

    @Test
    void nonceFromTheFarFuture_isInvalid() {
        FakeClock ahead = new FakeClock(START.plus(Duration.ofMinutes(1)));
        String nonce = new HmacNonceService(SECRET, Duration.ofMinutes(5), ahead).newNonce("r");
        assertInstanceOf(NonceCheck.Invalid.class, nonces.check(nonce, "r"));
    }

    @Test
    void garbage_isInvalid() {
        assertInstanceOf(NonceCheck.Invalid.class, nonces.check("", "r"));
        assertInstanceOf(NonceCheck.Invalid.class, nonces.check("awXaRGsF2Rj1wHA908KvDntE0/9pbayw", "r"));
        assertInstanceOf(NonceCheck.Invalid.class, nonces.check("!".repeat(64), "r"));
        assertInstanceOf(NonceCheck.Invalid.class, nonces.check("A".repeat(62) + "==", "r"));
    }

    @Test
    void shortSecret_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HmacNonceService(new byte[31], Duration.ofMinutes(1), clock));
    }
}
