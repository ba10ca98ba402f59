package io.ferry.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ferry.auth.DigestAlgorithm;
import io.ferry.auth.DigestChallenge;
import io.ferry.auth.DigestCredentials;
import io.ferry.auth.DigestHeaderParser;
import io.ferry.auth.DigestParseException;
import io.ferry.auth.DigestVerifier;
import io.ferry.auth.Ha1;
import io.ferry.auth.HmacNonceService;
import io.ferry.auth.InMemoryNonceStore;
import io.ferry.auth.Qop;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

/**
 * Fuzzes the Digest header parser ({@code io.ferry.auth}) with both credentials and challenges.
 * Besides "only {@link DigestParseException} may escape", it checks that what parses
 * serializes to a value that parses back to the same thing, that error offsets lie inside the
 * value, and that the verifier gives a result for anything that parses. Seeds:
 * {@code DigestHeaderFuzzTestInputs/digestHeaderValue/}.
 */
class DigestHeaderFuzzTest {
    private static final DigestHeaderParser PARSER = new DigestHeaderParser();
    /** Re-parses serialized values, which escaping can make longer than the input. */
    private static final DigestHeaderParser ROUND_TRIP = new DigestHeaderParser(1 << 20, DigestHeaderParser.DEFAULT_MAX_PARAMS);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);
    private static final byte[] SECRET = "fuzzing-secret-fuzzing-secret-32".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "30s")
    void digestHeaderValue(byte[] input) {
        String value = new String(input, StandardCharsets.UTF_8);
        try {
            DigestCredentials credentials = PARSER.parseCredentials(value);
            String serialized = credentials.toHeaderValue();
            DigestCredentials again = ROUND_TRIP.parseCredentials(serialized);
            if (!again.equals(credentials)) {
                throw new AssertionError("credentials do not round-trip: " + serialized);
            }
            verify(credentials, input);
        } catch (DigestParseException e) {
            checkOffset(e, value);
        }
        try {
            DigestChallenge challenge = PARSER.parseChallenge(value);
            String serialized = challenge.toHeaderValue();
            DigestChallenge again = ROUND_TRIP.parseChallenge(serialized);
            if (!again.equals(challenge)) {
                throw new AssertionError("challenge does not round-trip: " + serialized);
            }
        } catch (DigestParseException e) {
            checkOffset(e, value);
        }
    }

    private static void verify(DigestCredentials credentials, byte[] body) {
        HmacNonceService nonces = new HmacNonceService(SECRET, Duration.ofMinutes(5), CLOCK);
        DigestVerifier verifier = new DigestVerifier(credentials.realm(),
                List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5_SESS, DigestAlgorithm.SHA_512_256),
                EnumSet.allOf(Qop.class), nonces, new InMemoryNonceStore(CLOCK));
        List<Ha1> stored = Ha1.computeAll(credentials.username(), credentials.realm(), "pw".toCharArray(),
                DigestAlgorithm.SHA_256, DigestAlgorithm.MD5, DigestAlgorithm.SHA_512_256);
        if (verifier.verify(credentials, "REGISTER", body, stored) == null) {
            throw new AssertionError("no result");
        }
    }

    private static void checkOffset(DigestParseException e, String value) {
        if (e.offset() < 0 || e.offset() > value.length()) {
            throw new AssertionError("offset " + e.offset() + " outside a value of " + value.length() + " chars", e);
        }
    }
}
