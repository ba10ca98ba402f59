package io.ferry.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What Ferry stores for a user instead of a password: {@code HA1 = H(username ":" realm ":"
 * password)} for one algorithm (RFC 7616 §3.4.2). It is password-equivalent within its realm, so
 * {@link #toString()} does not show it. A {@code -sess} algorithm uses the HA1 of its base
 * algorithm.
 *
 * @param username  the username the hash was made for
 * @param realm     the realm the hash was made for
 * @param algorithm a base algorithm (not {@code -sess})
 * @param hex       the lower-case hex digest
 */
public record Ha1(String username, String realm, DigestAlgorithm algorithm, String hex) {

    public Ha1 {
        DigestSyntax.requireValue("username", username);
        DigestSyntax.requireValue("realm", realm);
        if (algorithm.isSession()) {
            throw new IllegalArgumentException("HA1 is stored for base algorithms, not " + algorithm);
        }
        if (!Hex.isHex(hex, algorithm.hexLength())) {
            throw new IllegalArgumentException("HA1 for " + algorithm + " is " + algorithm.hexLength() + " hex digits");
        }
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /**
     * Computes HA1 for provisioning. The password is encoded as UTF-8 (RFC 7616 §3.4.2, the
     * charset SIP uses) and the encoded copy is wiped after use; the caller owns {@code password}.
     */
    public static Ha1 compute(DigestAlgorithm algorithm, String username, String realm, char[] password) {
        DigestAlgorithm base = algorithm.base();
        MessageDigest md = base.newDigest();
        md.update((username + ":" + realm + ":").getBytes(StandardCharsets.UTF_8));
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        try {
            md.update(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
        return new Ha1(username, realm, base, Hex.lower(md.digest()));
    }

    /** HA1 for each of the given algorithms' bases, e.g. to provision SHA-256 and MD5 at once. */
    public static List<Ha1> computeAll(String username, String realm, char[] password, DigestAlgorithm... algorithms) {
        List<Ha1> out = new ArrayList<>();
        for (DigestAlgorithm a : algorithms) {
            if (out.stream().noneMatch(h -> h.algorithm() == a.base())) {
                out.add(compute(a, username, realm, password));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "Ha1[username=" + username + ", realm=" + realm + ", algorithm=" + algorithm + ", hex=<hidden>]";
    }
}
