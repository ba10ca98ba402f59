package io.ferry.auth;

import java.nio.charset.StandardCharsets;

/**
 * The {@code response} computation of RFC 7616 §3.4.1 (and RFC 2617 §3.2.2, RFC 3261 §22.4
 * without qop). Pure; the values are used exactly as they appear in the credentials.
 */
public final class DigestResponse {
    private DigestResponse() {
    }

    /**
     * The expected {@code response} in lower-case hex.
     *
     * @param algorithm the credentials' algorithm (a {@code -sess} one derives the session HA1)
     * @param ha1Hex    the stored HA1 of {@code algorithm.base()}
     * @param nonce     the nonce as sent
     * @param nc        the nonce count as sent (8 hex digits), or null without qop
     * @param cnonce    the client nonce, or null without qop (required for {@code -sess})
     * @param qop       the qop as sent ({@code auth} or {@code auth-int}), or null for the
     *                  RFC 2069 form {@code H(HA1:nonce:HA2)}
     * @param method    the request method, e.g. {@code REGISTER}, or {@code AUTH} for MSRP
     * @param uri       the digest-uri as sent
     * @param body      the message body, used only for {@code auth-int}
     */
    public static String compute(DigestAlgorithm algorithm, String ha1Hex, String nonce, String nc, String cnonce,
                                 String qop, String method, String uri, byte[] body) {
        String ha1 = ha1Hex;
        if (algorithm.isSession()) {
            // RFC 7616 §3.4.2: A1 = H(user:realm:passwd) ":" nonce ":" cnonce
            if (cnonce == null) {
                throw new IllegalArgumentException(algorithm + " needs a cnonce");
            }
            ha1 = algorithm.hexHash(ha1Hex + ":" + nonce + ":" + cnonce);
        }
        String a2 = method + ":" + uri;
        if (qop != null && qop.equalsIgnoreCase(Qop.AUTH_INT.token())) {
            // RFC 7616 §3.4.3: A2 = Method ":" request-uri ":" H(entity-body)
            a2 = a2 + ":" + Hex.lower(algorithm.hash(body == null ? new byte[0] : body));
        }
        String ha2 = algorithm.hexHash(a2);
        if (qop == null) {
            return algorithm.hexHash(ha1 + ":" + nonce + ":" + ha2);
        }
        if (nc == null || cnonce == null) {
            throw new IllegalArgumentException("qop needs nc and cnonce");
        }
        return Hex.lower(algorithm.hash(
                (ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2).getBytes(StandardCharsets.UTF_8)));
    }
}
