package io.ferry.runtime.container;

import io.ferry.auth.DigestAlgorithm;
import io.ferry.auth.DigestChallenge;
import io.ferry.auth.DigestCredentials;
import io.ferry.auth.DigestParseException;
import io.ferry.auth.DigestResponse;
import io.ferry.auth.Ha1;
import io.ferry.auth.Qop;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A UAC's answer to digest challenges (RFC 3261 §22.2, RFC 7616 §3.4, RFC 8760): for each
 * challenge of a 401 (WWW-Authenticate) or 407 (Proxy-Authenticate) whose realm has credentials,
 * the Authorization or Proxy-Authorization value. Used by {@code SipServletRequest.addAuthHeader}.
 */
final class DigestAnswer {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DigestAnswer() {
    }

    /**
     * @param status     401 or 407
     * @param challenges the challenge header values
     * @param lookup     realm → (username, password), if the application has them
     * @return the header name and values to add, one per answered realm (the strongest algorithm
     *         offered for a realm is answered, RFC 8760 §2.4)
     */
    static Answer answer(int status, List<String> challenges, BiFunction<Integer, String, Optional<FerryAuthInfo.Credentials>> lookup,
                         String method, String uri, byte[] body) {
        String header = status == 407 ? "Proxy-Authorization" : "Authorization";
        java.util.Map<String, DigestChallenge> best = new java.util.LinkedHashMap<>();
        for (String value : challenges) {
            DigestChallenge c;
            try {
                c = DigestChallenge.parse(value);
            } catch (DigestParseException | RuntimeException e) {
                continue; // not a digest challenge, or malformed: nothing to answer
            }
            Optional<DigestAlgorithm> alg = c.digestAlgorithm();
            if (alg.isEmpty()) continue;
            DigestChallenge prev = best.get(c.realm());
            if (prev == null || strength(alg.get()) > strength(prev.digestAlgorithm().orElseThrow())) best.put(c.realm(), c);
        }
        List<String> values = new java.util.ArrayList<>();
        for (DigestChallenge c : best.values()) {
            Optional<FerryAuthInfo.Credentials> cred = lookup.apply(status, c.realm());
            if (cred.isEmpty()) continue;
            DigestAlgorithm alg = c.digestAlgorithm().orElseThrow();
            Ha1 ha1 = Ha1.compute(alg, cred.get().username(), c.realm(), cred.get().password().toCharArray());
            String qop = c.qop().stream().anyMatch(q -> q.equalsIgnoreCase(Qop.AUTH.token())) ? Qop.AUTH.token() : null;
            String cnonce = qop != null || alg.isSession() ? HexFormat.of().formatHex(bytes(8)) : null;
            String nc = qop != null ? "00000001" : null;
            String response = DigestResponse.compute(alg, ha1.hex(), c.nonce(), nc, cnonce, qop, method, uri, body);
            DigestCredentials out = new DigestCredentials(cred.get().username(), c.realm(), c.nonce(), uri, response,
                    c.algorithm(), Optional.ofNullable(cnonce), c.opaque(), Optional.ofNullable(qop), Optional.ofNullable(nc), List.of());
            values.add(out.toHeaderValue());
        }
        return new Answer(header, values);
    }

    record Answer(String header, List<String> values) {
    }

    private static int strength(DigestAlgorithm a) {
        return switch (a) {
            case MD5, MD5_SESS -> 1;
            case SHA_256, SHA_256_SESS -> 2;
            case SHA_512_256, SHA_512_256_SESS -> 3;
        };
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
