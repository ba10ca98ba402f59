package io.ferry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {

    @Test
    void rfc7616_3_9_1_challenge_parses() throws Exception {
        DigestChallenge c = DigestChallenge.parse("Digest\r\n"
                + "       realm=\"http-auth@example.org\",\r\n"
                + "       qop=\"auth, auth-int\",\r\n"
                + "       algorithm=SHA-256,\r\n"
                + "       nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
                + "       opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        assertEquals("http-auth@example.org", c.realm());
        assertEquals(List.of("auth", "auth-int"), c.qop());
        assertEquals(Optional.of(DigestAlgorithm.SHA_256), c.digestAlgorithm());
        assertEquals("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", c.nonce());
        assertEquals(Optional.of("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"), c.opaque());
        assertFalse(c.stale());
    }

    @Test
    void rfc3261_22_4_kamailioChallenge_parses() throws Exception {
        String value = Fixtures.headerValue("jssip-kamailio/kamailio-auth-jssip-register-401.txt", "WWW-Authenticate");
        DigestChallenge c = DigestChallenge.parse(value);
        assertEquals("127.0.0.1", c.realm());
        assertEquals("awXaRGsF2Rj1wHA908KvDntE0/9pbayw", c.nonce());
        assertEquals(List.of("auth"), c.qop());
        assertEquals(Optional.of(DigestAlgorithm.MD5), c.digestAlgorithm());
    }

    @Test
    void rfc7616_3_3_toHeaderValue_writesEveryParameter() {
        DigestChallenge c = DigestChallenge.builder("atlanta.com", "abc")
                .domain("sip:ss1.carrier.com").domain("sip:ss2.carrier.com")
                .opaque("o\"q").stale(true).algorithm(DigestAlgorithm.SHA_256).qop(Qop.AUTH, Qop.AUTH_INT)
                .extension(new AuthParam("charset", "UTF-8", false))
                .build();
        assertEquals("Digest realm=\"atlanta.com\", domain=\"sip:ss1.carrier.com sip:ss2.carrier.com\", "
                + "nonce=\"abc\", opaque=\"o\\\"q\", stale=true, algorithm=SHA-256, qop=\"auth,auth-int\", charset=UTF-8",
                c.toHeaderValue());
    }

    @Test
    void rfc7616_3_3_toHeaderValue_roundTrips() throws Exception {
        DigestChallenge c = DigestChallenge.builder("r\\x", "n").stale(true)
                .algorithm(DigestAlgorithm.SHA_512_256).qop(Qop.AUTH).domain("/a").build();
        assertEquals(c, DigestChallenge.parse(c.toHeaderValue()));
    }

    @Test
    void rfc7616_3_3_staleOtherThanTrue_isFalse() throws Exception {
        assertTrue(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", stale=TRUE").stale());
        assertFalse(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", stale=FALSE").stale());
        assertFalse(DigestChallenge.parse("Digest realm=\"r\", nonce=\"n\", stale=yes").stale());
    }

    @Test
    void rfc7616_3_3_withStale_copies() {
        DigestChallenge c = DigestChallenge.builder("r", "n").build();
        assertTrue(c.withStale(true).stale());
        assertFalse(c.stale());
        assertEquals("m", c.withNonce("m").nonce());
    }

    @Test
    void rfc7616_3_3_challengeWithoutNonce_isRejectedAtTheEnd() {
        String value = "Digest realm=\"r\", qop=\"auth\"";
        DigestParseException e = assertThrows(DigestParseException.class, () -> DigestChallenge.parse(value));
        assertEquals(value.length(), e.offset());
    }

    @Test
    void rfc7616_3_3_qopOptionsAreTokens() {
        String value = "Digest realm=\"r\", nonce=\"n\", qop=\"auth, a b\"";
        DigestParseException e = assertThrows(DigestParseException.class, () -> DigestChallenge.parse(value));
        assertEquals(value.indexOf("qop"), e.offset());
    }

    @Test
    void headerInjection_isRefusedByTheModel() {
        assertThrows(IllegalArgumentException.class, () -> DigestChallenge.builder("r\r\nVia: x", "n").build());
    }
}
