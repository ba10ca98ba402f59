package io.ferry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The server side of Digest for one realm: builds challenges and verifies credentials against
 * stored {@link Ha1} values (RFC 7616 §3.3–3.4, RFC 8760, RFC 3261 §22.4). It serves SIP
 * ({@code WWW-Authenticate}/{@code Proxy-Authenticate}) and MSRP AUTH (RFC 4976 §7.1, method
 * {@code AUTH}) alike. Thread-safe.
 *
 * <p>The digest-uri is not compared with the request URI here: that needs the URI equality rules
 * of the protocol (RFC 3261 §19.1.4), which the caller has.
 */
public final class DigestVerifier {
    private final String realm;
    private final List<DigestAlgorithm> algorithms;
    private final Set<Qop> qops;
    private final NonceService nonces;
    private final NonceStore nonceCounts;

    /**
     * @param realm       the realm of the challenges and of the stored HA1 values
     * @param algorithms  the algorithms offered, most preferred first (RFC 8760 §2.3)
     * @param qops        the qop options offered; at least one, since Ferry requires qop
     * @param nonces      issues and checks nonces
     * @param nonceCounts tracks nonce counts against replay
     */
    public DigestVerifier(String realm, List<DigestAlgorithm> algorithms, Set<Qop> qops,
                          NonceService nonces, NonceStore nonceCounts) {
        DigestSyntax.requireValue("realm", realm);
        if (algorithms.isEmpty() || qops.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm and one qop");
        }
        if (algorithms.stream().distinct().count() != algorithms.size()) {
            throw new IllegalArgumentException("algorithms repeat: " + algorithms);
        }
        this.realm = realm;
        this.algorithms = List.copyOf(algorithms);
        this.qops = Set.copyOf(EnumSet.copyOf(qops));
        this.nonces = nonces;
        this.nonceCounts = nonceCounts;
    }

    /**
     * A verifier with SIP's usual choice (RFC 8760 §2.3): SHA-256, then MD5 for the clients
     * that know nothing else, with {@code qop=auth}.
     */
    public static DigestVerifier forSip(String realm, NonceService nonces, NonceStore nonceCounts) {
        return new DigestVerifier(realm, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5),
                EnumSet.of(Qop.AUTH), nonces, nonceCounts);
    }

    public String realm() {
        return realm;
    }

    public List<DigestAlgorithm> algorithms() {
        return algorithms;
    }

    /**
     * One challenge per offered algorithm, most preferred first, each with a fresh nonce: send
     * each as its own {@code WWW-Authenticate} (or {@code Proxy-Authenticate}) header, in this
     * order (RFC 8760 §2.3).
     *
     * @param stale true after {@link DigestResult#STALE_NONCE}
     */
    public List<DigestChallenge> challenges(boolean stale) {
        List<DigestChallenge> out = new ArrayList<>(algorithms.size());
        Qop[] offered = qops.stream().sorted().toArray(Qop[]::new);
        for (DigestAlgorithm a : algorithms) {
            out.add(DigestChallenge.builder(realm, nonces.newNonce(realm))
                    .algorithm(a).qop(offered).stale(stale).build());
        }
        return List.copyOf(out);
    }

    /** Looks up the stored HA1 values of a user. */
    @FunctionalInterface
    public interface Ha1Lookup {
        /** All HA1 values stored for {@code username} in {@code realm}; empty for an unknown user. */
        Collection<Ha1> find(String username, String realm);
    }

    /**
     * Parses an {@code Authorization}/{@code Proxy-Authorization} value and verifies it; a value
     * that does not parse is {@link DigestResult#MALFORMED}.
     */
    public DigestResult verify(String headerValue, String method, byte[] body, Ha1Lookup lookup) {
        DigestCredentials credentials;
        try {
            credentials = DigestCredentials.parse(headerValue);
        } catch (DigestParseException e) {
            return DigestResult.MALFORMED;
        }
        if (!credentials.realm().equals(realm)) {
            return DigestResult.REALM_MISMATCH;
        }
        return verify(credentials, method, body, lookup.find(credentials.username(), realm));
    }

    /**
     * Verifies parsed credentials.
     *
     * @param credentials the client's credentials
     * @param method      the request method ({@code AUTH} for MSRP)
     * @param body        the body, used only for {@code qop=auth-int}; null means empty
     * @param stored      the user's HA1 values, one per base algorithm; empty for an unknown user
     */
    public DigestResult verify(DigestCredentials credentials, String method, byte[] body, Collection<Ha1> stored) {
        if (!credentials.realm().equals(realm)) {
            return DigestResult.REALM_MISMATCH;
        }
        Optional<DigestAlgorithm> maybeAlgorithm = credentials.digestAlgorithm();
        if (maybeAlgorithm.isEmpty() || !algorithms.contains(maybeAlgorithm.get())) {
            return DigestResult.ALGORITHM_UNSUPPORTED;
        }
        DigestAlgorithm algorithm = maybeAlgorithm.get();
        Optional<Qop> qop = credentials.qop().flatMap(Qop::fromToken);
        if (qop.isEmpty() || !qops.contains(qop.get())) {
            return DigestResult.QOP_UNSUPPORTED;
        }
        if (credentials.extension("userhash").filter(v -> v.equalsIgnoreCase("true")).isPresent()) {
            // RFC 7616 §3.4.4: only when the challenge offered userhash, which Ferry's do not.
            return DigestResult.MALFORMED;
        }
        if (!Hex.isHex(credentials.response(), algorithm.hexLength())) {
            return DigestResult.MALFORMED;
        }
        NonceCheck nonce = nonces.check(credentials.nonce(), realm);
        if (nonce instanceof NonceCheck.Invalid) {
            return DigestResult.BAD_NONCE;
        }
        if (stored.isEmpty()) {
            return DigestResult.UNKNOWN_USER;
        }
        Optional<Ha1> ha1 = stored.stream().filter(h -> h.algorithm() == algorithm.base()).findFirst();
        if (ha1.isEmpty()) {
            return DigestResult.ALGORITHM_UNSUPPORTED;
        }
        if (!ha1.get().username().equals(credentials.username()) || !ha1.get().realm().equals(realm)) {
            return DigestResult.USERNAME_MISMATCH;
        }
        // qop is present, so the parser has made sure that cnonce and nc are too (RFC 7616 §3.4).
        String expected = DigestResponse.compute(algorithm, ha1.get().hex(), credentials.nonce(),
                credentials.nc().orElseThrow(), credentials.cnonce().orElseThrow(), credentials.qop().get(),
                method, credentials.uri(), body);
        byte[] given = credentials.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given)) {
            return DigestResult.WRONG_RESPONSE;
        }
        // RFC 7616 §3.3: stale only when the response was right for the old nonce.
        if (!(nonce instanceof NonceCheck.Valid valid)) {
            return DigestResult.STALE_NONCE;
        }
        if (!nonceCounts.acceptNonceCount(credentials.nonce(), credentials.nonceCount().orElseThrow(), valid.expiresAt())) {
            return DigestResult.REPLAYED;
        }
        return DigestResult.OK;
    }
}
