package io.ferry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DigestHeaderParserTest {
    /** RFC 7616 §3.9.1, the MD5 Authorization, with its line folds. */
    static final String RFC7616_AUTHORIZATION = "Digest username=\"Mufasa\",\r\n"
            + "       realm=\"http-auth@example.org\",\r\n"
            + "       uri=\"/dir/index.html\",\r\n"
            + "       algorithm=MD5,\r\n"
            + "       nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\",\r\n"
            + "       nc=00000001,\r\n"
            + "       cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\",\r\n"
            + "       qop=auth,\r\n"
            + "       response=\"8ca523f5e9506fed4657c9700eebdbec\",\r\n"
            + "       opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    /** RFC 2617 §3.5. */
    static final String RFC2617_AUTHORIZATION = "Digest username=\"Mufasa\",\r\n"
            + "                 realm=\"testrealm@host.com\",\r\n"
            + "                 nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n"
            + "                 uri=\"/dir/index.html\",\r\n"
            + "                 qop=auth,\r\n"
            + "                 nc=00000001,\r\n"
            + "                 cnonce=\"0a4f113b\",\r\n"
            + "                 response=\"6629fae49393a05397450978507c4ef1\",\r\n"
            + "                 opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    private static final String MINIMAL = "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:a\", response=\"00\"";

    @Test
    void rfc7616_3_9_1_authorization_parsesEveryField() throws Exception {
        DigestCredentials c = DigestCredentials.parse(RFC7616_AUTHORIZATION);
        assertEquals("Mufasa", c.username());
        assertEquals("http-auth@example.org", c.realm());
        assertEquals("/dir/index.html", c.uri());
        assertEquals(Optional.of(DigestAlgorithm.MD5), c.digestAlgorithm());
        assertEquals("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", c.nonce());
        assertEquals(Optional.of("00000001"), c.nc());
        assertEquals(OptionalLong.of(1), c.nonceCount());
        assertEquals(Optional.of("f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"), c.cnonce());
        assertEquals(Optional.of("auth"), c.qop());
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", c.response());
        assertEquals(Optional.of("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"), c.opaque());
        assertEquals(List.of(), c.extensions());
    }

    @Test
    void rfc2617_3_5_authorization_withoutAlgorithm_meansMd5() throws Exception {
        DigestCredentials c = DigestCredentials.parse(RFC2617_AUTHORIZATION);
        assertEquals(Optional.empty(), c.algorithm());
        assertEquals(Optional.of(DigestAlgorithm.MD5), c.digestAlgorithm());
        assertEquals("testrealm@host.com", c.realm());
        assertEquals(Optional.of("0a4f113b"), c.cnonce());
    }

    @Test
    void rfc7118_jssipRegister_authorizationFromKamailioTrace_parses() throws Exception {
        String value = Fixtures.headerValue("jssip-kamailio/kamailio-auth-jssip-register-auth.txt", "Authorization");
        DigestCredentials c = DigestCredentials.parse(value);
        assertEquals("jssip-alice", c.username());
        assertEquals("127.0.0.1", c.realm());
        assertEquals("sip:127.0.0.1", c.uri());
        assertEquals(Optional.of("MD5"), c.algorithm());
        assertEquals(Optional.of("k8cu6lp6f6h2"), c.cnonce());
    }

    @Test
    void rfc3261_25_1_quotedPair_isUnescaped_andSerializedBack() throws Exception {
        DigestCredentials c = DigestCredentials.parse(
                "Digest username=\"Mu\\\"fa\\\\sa\", realm=\"r\", nonce=\"n\", uri=\"sip:a\", response=\"00\"");
        assertEquals("Mu\"fa\\sa", c.username());
        assertEquals(c, DigestCredentials.parse(c.toHeaderValue()));
        assertTrue(c.toHeaderValue().contains("username=\"Mu\\\"fa\\\\sa\""));
    }

    @Test
    void rfc3261_25_1_commaInsideQuotes_belongsToTheValue() throws Exception {
        DigestCredentials c = DigestCredentials.parse(
                "Digest username=\"a,b\", realm=\"r, s\", nonce=\"n\", uri=\"sip:x;a=1,b\", response=\"00\"");
        assertEquals("a,b", c.username());
        assertEquals("r, s", c.realm());
        assertEquals("sip:x;a=1,b", c.uri());
    }

    @Test
    void rfc7235_2_1_unknownParams_areKeptInOrder_andRoundTrip() throws Exception {
        DigestCredentials c = DigestCredentials.parse(MINIMAL + ", foo=bar, Baz=\"q, x\", userhash=false");
        assertEquals(List.of(new AuthParam("foo", "bar", false), new AuthParam("Baz", "q, x", true),
                new AuthParam("userhash", "false", false)), c.extensions());
        assertEquals(Optional.of("q, x"), c.extension("baz"));
        assertEquals(c, DigestCredentials.parse(c.toHeaderValue()));
    }

    @Test
    void rfc7235_2_1_namesAndScheme_areCaseInsensitive() throws Exception {
        DigestCredentials c = DigestCredentials.parse(
                "dIgEsT USERNAME=\"u\", Realm=\"r\", NONCE=\"n\", Uri=\"sip:a\", RESPONSE=\"00\", QOP=auth, NC=0000000a, CNonce=\"c\"");
        assertEquals("u", c.username());
        assertEquals(OptionalLong.of(10), c.nonceCount());
    }

    @Test
    void rfc9110_5_6_1_emptyListElements_areSkipped() throws Exception {
        DigestCredentials c = DigestCredentials.parse(
                "Digest ,, username=\"u\" ,realm=\"r\",\tnonce=\"n\" , , uri=\"sip:a\",response=\"00\",");
        assertEquals("sip:a", c.uri());
    }

    @Test
    void rfc7616_3_4_quotedTokenValues_areAccepted() throws Exception {
        DigestCredentials c = DigestCredentials.parse(MINIMAL + ", algorithm=\"SHA-256\", qop=\"auth\", nc=\"00000002\", cnonce=\"c\"");
        assertEquals(Optional.of(DigestAlgorithm.SHA_256), c.digestAlgorithm());
        assertEquals(OptionalLong.of(2), c.nonceCount());
    }

    @Test
    void rfc7616_3_4_unknownAlgorithm_parses_butHasNoDigestAlgorithm() throws Exception {
        DigestCredentials c = DigestCredentials.parse(MINIMAL + ", algorithm=SHA-1");
        assertEquals(Optional.of("SHA-1"), c.algorithm());
        assertEquals(Optional.empty(), c.digestAlgorithm());
    }

    // Malformed values: each error names the rule and points at the fault.

    private static DigestParseException fails(String value) {
        return assertThrows(DigestParseException.class, () -> DigestCredentials.parse(value));
    }

    @Test
    void rfc7235_2_1_duplicateParameter_isRejectedAtTheSecondName() {
        String value = "Digest username=\"a\", realm=\"r\", UserName=\"b\", nonce=\"n\", uri=\"u\", response=\"00\"";
        DigestParseException e = fails(value);
        assertEquals(value.indexOf("UserName"), e.offset());
        assertTrue(e.rule().contains("twice"), e.rule());
    }

    @Test
    void rfc3261_25_1_unterminatedQuotedString_pointsAtTheOpeningQuote() {
        // The first quoted-string runs to the quote before r; the r then lacks its comma.
        String value = "Digest username=\"Mufasa, realm=\"r";
        assertEquals(value.length() - 1, fails(value).offset());
        DigestParseException e2 = fails("Digest username=\"Mufasa");
        assertEquals(16, e2.offset());
        assertTrue(e2.rule().contains("unterminated"), e2.rule());
    }

    @Test
    void rfc7616_3_3_otherScheme_isRejectedAtTheScheme() {
        DigestParseException e = fails("  Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertEquals(2, e.offset());
    }

    @Test
    void rfc7235_2_1_missingEquals_isRejected() {
        DigestParseException e = fails("Digest username \"a\"");
        assertEquals(16, e.offset());
        assertTrue(e.rule().contains("\"=\""), e.rule());
    }

    @Test
    void rfc7235_2_1_missingComma_isRejected() {
        String value = "Digest username=a realm=\"r\"";
        assertEquals(value.indexOf("realm"), fails(value).offset());
    }

    @Test
    void rfc3261_25_1_nonTokenValue_isRejected() {
        String value = "Digest uri=<sip:a>";
        assertEquals(value.indexOf('<'), fails(value).offset());
    }

    @Test
    void rfc7235_2_1_noWhitespaceAfterScheme_isRejected() {
        assertEquals(6, fails("Digest,username=\"a\"").offset());
    }

    @Test
    void rfc7616_3_3_schemeWithoutParams_isRejected() {
        assertEquals(6, fails("Digest").offset());
        assertEquals(9, fails("Digest , ").offset());
    }

    @Test
    void rfc7616_3_4_ncNotEightHexDigits_isRejected() {
        String value = MINIMAL + ", qop=auth, cnonce=\"c\", nc=1";
        assertEquals(value.indexOf("nc="), fails(value).offset());
        fails(MINIMAL + ", qop=auth, cnonce=\"c\", nc=0000000g");
    }

    @Test
    void rfc7616_3_4_qopWithoutCnonce_isRejected() {
        String value = MINIMAL + ", qop=auth, nc=00000001";
        DigestParseException e = fails(value);
        assertEquals(value.indexOf("qop"), e.offset());
        assertTrue(e.rule().contains("cnonce"), e.rule());
    }

    @Test
    void rfc7616_3_4_missingResponse_isRejectedAtTheEnd() {
        String value = "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:a\"";
        DigestParseException e = fails(value);
        assertEquals(value.length(), e.offset());
        assertTrue(e.rule().contains("response"), e.rule());
    }

    @Test
    void rfc7616_3_4_4_usernameStar_isRejected() {
        fails("Digest username*=UTF-8''J%C3%A4s%C3%B8n%20Doe, realm=\"r\", nonce=\"n\", uri=\"u\", response=\"00\"");
    }

    @Test
    void rfc3261_7_3_1_bareLineEnds_areRejected_foldsAreNot() throws Exception {
        assertEquals(20, fails("Digest username=\"u\",\nrealm=\"r\"").offset());
        assertEquals(20, fails("Digest username=\"u\",\r\nrealm=\"r\"").offset());
        assertEquals(17, fails("Digest username=\"\r\nx\"").offset());
        DigestCredentials c = DigestCredentials.parse(
                "Digest username=\"a\r\n b\", realm=\"r\", nonce=\"n\",\r\n\turi=\"u\", response=\"00\"");
        assertEquals("a b", c.username());
    }

    @Test
    void rfc3261_25_1_controlCharacters_inQuotedStrings_areRejected() {
        assertEquals(18, fails("Digest username=\"a\u0000b\"").offset());
        assertEquals(18, fails("Digest username=\"a\\\u0001\"").offset());
    }

    @Test
    void limits_longValue_isRejectedBeforeParsing() {
        DigestHeaderParser parser = new DigestHeaderParser(64, 32);
        DigestParseException e = assertThrows(DigestParseException.class,
                () -> parser.parseCredentials(MINIMAL + ", pad=\"" + "x".repeat(64) + "\""));
        assertEquals(64, e.offset());
    }

    @Test
    void limits_tooManyParams_areRejected() {
        DigestHeaderParser parser = new DigestHeaderParser(8192, 6);
        String value = MINIMAL + ", a=b, c=d";
        DigestParseException e = assertThrows(DigestParseException.class, () -> parser.parseCredentials(value));
        assertEquals(value.indexOf("c=d"), e.offset());
    }

    @Test
    void nullValue_isAParseError() {
        fails(null);
    }
}
