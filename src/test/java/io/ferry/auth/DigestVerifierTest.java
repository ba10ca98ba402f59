package io.ferry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DigestVerifierTest {
    static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final String REALM = "ferry.example";

    private final FakeClock clock = new FakeClock(START);
    private final HmacNonceService nonces = new HmacNonceService(SECRET, Duration.ofMinutes(5), clock);
    private final InMemoryNonceStore store = new InMemoryNonceStore(clock);
    private final DigestVerifier verifier = DigestVerifier.forSip(REALM, nonces, store);
    private final List<Ha1> alice = Ha1.computeAll("alice", REALM, "secret".toCharArray(),
            DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    /** What a client answers to {@code challenge}, computed from the password as a UA would. */
    private static DigestCredentials answer(DigestChallenge challenge, String user, String password, String method,
                                            String uri, String nc, String qop, byte[] body) {
        DigestAlgorithm algorithm = challenge.digestAlgorithm().orElseThrow();
        Ha1 ha1 = Ha1.compute(algorithm, user, challenge.realm(), password.toCharArray());
        String cnonce = "0a4f113b";
        String response = DigestResponse.compute(algorithm, ha1.hex(), challenge.nonce(), nc, cnonce, qop, method, uri, body);
        return new DigestCredentials(user, challenge.realm(), challenge.nonce(), uri, response,
                challenge.algorithm(), Optional.of(cnonce), challenge.opaque(),
                Optional.of(qop), Optional.of(nc), List.of());
    }

    private DigestCredentials answerSha256(String password, String nc) {
        return answer(verifier.challenges(false).get(0), "alice", password, "REGISTER", "sip:ferry.example", nc, "auth", null);
    }

    @Test
    void rfc8760_2_3_challenges_sha256First_thenMd5_eachWithQopAuth() throws Exception {
        List<DigestChallenge> challenges = verifier.challenges(false);
        assertEquals(2, challenges.size());
        assertEquals("SHA-256", challenges.get(0).algorithm().orElseThrow());
        assertEquals("MD5", challenges.get(1).algorithm().orElseThrow());
        for (DigestChallenge c : challenges) {
            assertEquals(List.of("auth"), c.qop());
            assertEquals(REALM, c.realm());
            assertFalse(c.stale());
            assertEquals(c, DigestChallenge.parse(c.toHeaderValue()));
        }
        assertTrue(verifier.challenges(true).stream().allMatch(DigestChallenge::stale));
    }

    @Test
    void rfc7616_3_4_sha256Response_isOk() {
        assertEquals(DigestResult.OK, verifier.verify(answerSha256("secret", "00000001"), "REGISTER", null, alice));
    }

    @Test
    void rfc7616_3_4_md5Response_isOk() {
        DigestCredentials c = answer(verifier.challenges(false).get(1), "alice", "secret",
                "INVITE", "sip:bob@ferry.example", "00000001", "auth", null);
        assertEquals(DigestResult.OK, verifier.verify(c, "INVITE", null, alice));
    }

    @Test
    void rfc7616_3_4_headerValueRoundTrip_isOk() {
        DigestCredentials c = answerSha256("secret", "00000001");
        assertEquals(DigestResult.OK, verifier.verify(c.toHeaderValue(), "REGISTER", null,
                (user, realm) -> user.equals("alice") ? alice : List.of()));
    }

    @Test
    void rfc7616_3_4_wrongPassword_isWrongResponse() {
        assertEquals(DigestResult.WRONG_RESPONSE, verifier.verify(answerSha256("Secret", "00000001"), "REGISTER", null, alice));
    }

    @Test
    void rfc7616_3_4_otherMethod_isWrongResponse() {
        assertEquals(DigestResult.WRONG_RESPONSE, verifier.verify(answerSha256("secret", "00000001"), "INVITE", null, alice));
    }

    @Test
    void rfc7616_3_3_expiredNonce_withRightResponse_isStale() {
        DigestCredentials c = answerSha256("secret", "00000001");
        clock.advance(Duration.ofMinutes(5));
        DigestResult result = verifier.verify(c, "REGISTER", null, alice);
        assertEquals(DigestResult.STALE_NONCE, result);
        assertTrue(result.stale());
    }

    @Test
    void rfc7616_3_3_expiredNonce_withWrongResponse_isNotStale() {
        DigestCredentials c = answerSha256("wrong", "00000001");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(DigestResult.WRONG_RESPONSE, verifier.verify(c, "REGISTER", null, alice));
    }

    @Test
    void rfc7616_3_4_replayedNonceCount_isRejected() {
        DigestChallenge challenge = verifier.challenges(false).get(0);
        DigestCredentials first = answer(challenge, "alice", "secret", "REGISTER", "sip:ferry.example", "00000001", "auth", null);
        DigestCredentials second = answer(challenge, "alice", "secret", "REGISTER", "sip:ferry.example", "00000002", "auth", null);
        assertEquals(DigestResult.OK, verifier.verify(first, "REGISTER", null, alice));
        assertEquals(DigestResult.REPLAYED, verifier.verify(first, "REGISTER", null, alice));
        assertEquals(DigestResult.OK, verifier.verify(second, "REGISTER", null, alice));
        assertEquals(DigestResult.REPLAYED, verifier.verify(first, "REGISTER", null, alice));
    }

    @Test
    void tamperedNonce_isBadNonce() {
        DigestCredentials c = answerSha256("secret", "00000001");
        char last = c.nonce().charAt(0);
        String tampered = (last == 'A' ? 'B' : 'A') + c.nonce().substring(1);
        DigestCredentials forged = new DigestCredentials(c.username(), c.realm(), tampered, c.uri(), c.response(),
                c.algorithm(), c.cnonce(), c.opaque(), c.qop(), c.nc(), c.extensions());
        assertEquals(DigestResult.BAD_NONCE, verifier.verify(forged, "REGISTER", null, alice));
    }

    @Test
    void rfc3261_22_1_otherRealm_isRealmMismatch() {
        DigestChallenge other = DigestChallenge.builder("other.example", nonces.newNonce("other.example"))
                .algorithm(DigestAlgorithm.SHA_256).qop(Qop.AUTH).build();
        DigestCredentials c = answer(other, "alice", "secret", "REGISTER", "sip:x", "00000001", "auth", null);
        assertEquals(DigestResult.REALM_MISMATCH, verifier.verify(c, "REGISTER", null, alice));
    }

    @Test
    void rfc8760_2_3_algorithmNotOffered_isUnsupported() {
        DigestChallenge sess = DigestChallenge.builder(REALM, nonces.newNonce(REALM))
                .algorithm(DigestAlgorithm.SHA_512_256).qop(Qop.AUTH).build();
        DigestCredentials c = answer(sess, "alice", "secret", "REGISTER", "sip:x", "00000001", "auth", null);
        assertEquals(DigestResult.ALGORITHM_UNSUPPORTED, verifier.verify(c, "REGISTER", null, alice));
    }

    @Test
    void rfc8760_2_3_noHa1StoredForTheAlgorithm_isUnsupported() {
        List<Ha1> md5Only = Ha1.computeAll("alice", REALM, "secret".toCharArray(), DigestAlgorithm.MD5);
        assertEquals(DigestResult.ALGORITHM_UNSUPPORTED,
                verifier.verify(answerSha256("secret", "00000001"), "REGISTER", null, md5Only));
    }

    @Test
    void rfc7616_3_4_missingQop_isQopUnsupported() throws Exception {
        DigestChallenge challenge = verifier.challenges(false).get(1);
        Ha1 ha1 = Ha1.compute(DigestAlgorithm.MD5, "alice", REALM, "secret".toCharArray());
        String response = DigestResponse.compute(DigestAlgorithm.MD5, ha1.hex(), challenge.nonce(), null, null, null,
                "REGISTER", "sip:x", null);
        DigestCredentials c = DigestCredentials.parse("Digest username=\"alice\", realm=\"" + REALM + "\", nonce=\""
                + challenge.nonce() + "\", uri=\"sip:x\", response=\"" + response + "\"");
        assertEquals(DigestResult.QOP_UNSUPPORTED, verifier.verify(c, "REGISTER", null, alice));
    }

    @Test
    void rfc7616_3_4_3_authInt_coversTheBody() {
        DigestVerifier authInt = new DigestVerifier(REALM, List.of(DigestAlgorithm.SHA_256),
                EnumSet.of(Qop.AUTH, Qop.AUTH_INT), nonces, store);
        DigestChallenge challenge = authInt.challenges(false).get(0);
        assertEquals(List.of("auth", "auth-int"), challenge.qop());
        byte[] body = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);
        DigestCredentials c = answer(challenge, "alice", "secret", "INVITE", "sip:bob@x", "00000001", "auth-int", body);
        assertEquals(DigestResult.WRONG_RESPONSE,
                authInt.verify(c, "INVITE", "v=1\r\n".getBytes(StandardCharsets.US_ASCII), alice));
        assertEquals(DigestResult.OK, authInt.verify(c, "INVITE", body, alice));
        assertEquals(DigestResult.QOP_UNSUPPORTED, verifier.verify(
                answer(verifier.challenges(false).get(0), "alice", "secret", "INVITE", "sip:bob@x", "00000001", "auth-int", body),
                "INVITE", body, alice));
    }

    @Test
    void rfc7616_3_4_2_sessAlgorithm_usesStoredBaseHa1() {
        DigestVerifier sess = new DigestVerifier(REALM, List.of(DigestAlgorithm.SHA_256_SESS), Set.of(Qop.AUTH), nonces, store);
        DigestCredentials c = answer(sess.challenges(false).get(0), "alice", "secret", "REGISTER", "sip:x", "00000001", "auth", null);
        assertEquals(DigestResult.OK, sess.verify(c, "REGISTER", null, alice));
    }

    @Test
    void unknownUser_isUnknownUser() {
        assertEquals(DigestResult.UNKNOWN_USER, verifier.verify(answerSha256("secret", "00000001"), "REGISTER", null, List.of()));
    }

    @Test
    void ha1OfAnotherUser_isUsernameMismatch() {
        List<Ha1> bob = Ha1.computeAll("bob", REALM, "secret".toCharArray(), DigestAlgorithm.SHA_256);
        assertEquals(DigestResult.USERNAME_MISMATCH, verifier.verify(answerSha256("secret", "00000001"), "REGISTER", null, bob));
    }

    @Test
    void responseOfTheWrongLength_isMalformed() {
        DigestCredentials c = answerSha256("secret", "00000001");
        DigestCredentials shortResponse = new DigestCredentials(c.username(), c.realm(), c.nonce(), c.uri(),
                c.response().substring(0, 32), c.algorithm(), c.cnonce(), c.opaque(), c.qop(), c.nc(), c.extensions());
        assertEquals(DigestResult.MALFORMED, verifier.verify(shortResponse, "REGISTER", null, alice));
    }

    @Test
    void unparsableHeader_isMalformed() {
        assertEquals(DigestResult.MALFORMED, verifier.verify("Digest username=\"alice", "REGISTER", null, (u, r) -> alice));
    }

    @Test
    void rfc7616_3_9_1_sha256Example_verifies() throws Exception {
        String realm = "http-auth@example.org";
        DigestVerifier rfc = new DigestVerifier(realm, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5),
                Set.of(Qop.AUTH), new FakeNonceService("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", START.plusSeconds(60)),
                new InMemoryNonceStore(clock));
        List<Ha1> mufasa = Ha1.computeAll("Mufasa", realm, "Circle of Life".toCharArray(),
                DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        String sha256 = DigestHeaderParserTest.RFC7616_AUTHORIZATION
                .replace("algorithm=MD5", "algorithm=SHA-256")
                .replace("8ca523f5e9506fed4657c9700eebdbec", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertEquals(DigestResult.OK, rfc.verify(DigestCredentials.parse(sha256), "GET", null, mufasa));
        assertEquals(DigestResult.OK, rfc.verify(DigestCredentials.parse(
                DigestHeaderParserTest.RFC7616_AUTHORIZATION.replace("nc=00000001", "nc=00000002")
                        .replace("8ca523f5e9506fed4657c9700eebdbec", DigestResponse.compute(DigestAlgorithm.MD5,
                                mufasa.get(1).hex(), "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000002",
                                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth", "GET", "/dir/index.html", null))),
                "GET", null, mufasa));
    }

    @Test
    void rfc7616_3_9_1_md5Example_verifies() throws Exception {
        String realm = "http-auth@example.org";
        DigestVerifier rfc = new DigestVerifier(realm, List.of(DigestAlgorithm.MD5), Set.of(Qop.AUTH),
                new FakeNonceService("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", START.plusSeconds(60)),
                new InMemoryNonceStore(clock));
        List<Ha1> mufasa = Ha1.computeAll("Mufasa", realm, "Circle of Life".toCharArray(), DigestAlgorithm.MD5);
        assertEquals(DigestResult.OK,
                rfc.verify(DigestCredentials.parse(DigestHeaderParserTest.RFC7616_AUTHORIZATION), "GET", null, mufasa));
    }

    @Test
    void rfc2617_3_5_example_verifies() throws Exception {
        String realm = "testrealm@host.com";
        DigestVerifier rfc = new DigestVerifier(realm, List.of(DigestAlgorithm.MD5), Set.of(Qop.AUTH),
                new FakeNonceService("dcd98b7102dd2f0e8b11d0f600bfb0c093", START.plusSeconds(60)),
                new InMemoryNonceStore(clock));
        List<Ha1> mufasa = Ha1.computeAll("Mufasa", realm, "Circle Of Life".toCharArray(), DigestAlgorithm.MD5);
        assertEquals(DigestResult.OK,
                rfc.verify(DigestCredentials.parse(DigestHeaderParserTest.RFC2617_AUTHORIZATION), "GET", null, mufasa));
    }

    @Test
    void rfc3261_22_4_jssipRegisterToKamailio_verifiesWithHa1OfSecret() {
        String challenge = Fixtures.headerValue("jssip-kamailio/kamailio-auth-jssip-register-401.txt", "WWW-Authenticate");
        String authorization = Fixtures.headerValue("jssip-kamailio/kamailio-auth-jssip-register-auth.txt", "Authorization");
        String nonce = "awXaRGsF2Rj1wHA908KvDntE0/9pbayw";
        assertTrue(challenge.contains(nonce));
        DigestVerifier kamailio = new DigestVerifier("127.0.0.1", List.of(DigestAlgorithm.MD5), Set.of(Qop.AUTH),
                new FakeNonceService(nonce, START.plusSeconds(60)), new InMemoryNonceStore(clock));
        List<Ha1> stored = Ha1.computeAll("jssip-alice", "127.0.0.1", "secret".toCharArray(), DigestAlgorithm.MD5);
        assertEquals(DigestResult.OK, kamailio.verify(authorization, "REGISTER", null,
                (user, realm) -> user.equals("jssip-alice") ? stored : List.of()));
        assertEquals(DigestResult.REPLAYED, kamailio.verify(authorization, "REGISTER", null, (user, realm) -> stored));
        List<Ha1> wrong = Ha1.computeAll("jssip-alice", "127.0.0.1", "Secret".toCharArray(), DigestAlgorithm.MD5);
        assertEquals(DigestResult.WRONG_RESPONSE, new DigestVerifier("127.0.0.1", List.of(DigestAlgorithm.MD5),
                Set.of(Qop.AUTH), new FakeNonceService(nonce, START.plusSeconds(60)), new InMemoryNonceStore(clock))
                .verify(authorization, "REGISTER", null, (user, realm) -> wrong));
    }

    @Test
    void rfc4976_7_1_msrpAuth_usesMethodAuthAndTheRelayUri() {
        DigestChallenge challenge = verifier.challenges(false).get(0);
        DigestCredentials c = answer(challenge, "alice", "secret", "AUTH", "msrps://relay.ferry.example:2855;tcp",
                "00000001", "auth", null);
        assertEquals(DigestResult.OK, verifier.verify(c, "AUTH", null, alice));
    }
}
