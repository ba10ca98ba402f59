package io.ferry.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The response computation against published vectors. */
class DigestResponseTest {
    // RFC 7616 §3.9.1
    static final String REALM = "http-auth@example.org";
    static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static String rfc7616(DigestAlgorithm algorithm, String qop, byte[] body) {
        Ha1 ha1 = Ha1.compute(algorithm, "Mufasa", REALM, "Circle of Life".toCharArray());
        return DigestResponse.compute(algorithm, ha1.hex(), NONCE, "00000001", CNONCE, qop, "GET", "/dir/index.html", body);
    }

    @Test
    void rfc7616_3_9_1_md5_matchesRfcResponse() {
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", rfc7616(DigestAlgorithm.MD5, "auth", null));
    }

    @Test
    void rfc7616_3_9_1_sha256_matchesRfcResponse() {
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                rfc7616(DigestAlgorithm.SHA_256, "auth", null));
    }

    @Test
    void rfc7616_3_9_1_sha256_ha1() {
        assertEquals("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232",
                Ha1.compute(DigestAlgorithm.SHA_256, "Mufasa", REALM, "Circle of Life".toCharArray()).hex());
    }

    @Test
    void rfc2617_3_5_md5_matchesRfcResponse() {
        Ha1 ha1 = Ha1.compute(DigestAlgorithm.MD5, "Mufasa", "testrealm@host.com", "Circle Of Life".toCharArray());
        assertEquals("6629fae49393a05397450978507c4ef1", DigestResponse.compute(DigestAlgorithm.MD5, ha1.hex(),
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth", "GET", "/dir/index.html", null));
    }

    // The next values were computed independently with Python's hashlib from the RFC 7616
    // §3.9.1 inputs (the RFC prints no vector for them).

    @Test
    void rfc7616_3_4_1_sha512_256_response() {
        assertEquals("430d05014cecc49cab6fbe03176d41a1da86cbfe24a16580e22aaad928d960d0",
                rfc7616(DigestAlgorithm.SHA_512_256, "auth", null));
    }

    @Test
    void rfc7616_3_4_2_sessVariants_useSessionHa1() {
        assertEquals("e783283f46242139c486a698fec7211d", rfc7616(DigestAlgorithm.MD5_SESS, "auth", null));
        assertEquals("2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7",
                rfc7616(DigestAlgorithm.SHA_256_SESS, "auth", null));
        assertEquals("3f2a34f923c38b0fb26dce2fdfc2ce326c23cecf86fbb1444f3e51fbbc2cb92e",
                rfc7616(DigestAlgorithm.SHA_512_256_SESS, "auth", null));
    }

    @Test
    void rfc7616_3_4_3_authInt_hashesTheBody() {
        byte[] body = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("d1b8e2ac3f6782372de4bf3d8735b406", rfc7616(DigestAlgorithm.MD5, "auth-int", body));
        assertEquals("385d2de062660ced11876f42d9497c69cacf5caaf3d951dd424aee9f7157d563",
                rfc7616(DigestAlgorithm.SHA_256, "auth-int", body));
    }

    @Test
    void fips180_4_sha512_256_abc() {
        assertEquals("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
                Hex.lower(DigestAlgorithm.SHA_512_256.hash("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void rfc7616_3_3_algorithmTokens_areCaseInsensitive() {
        assertEquals(DigestAlgorithm.SHA_512_256_SESS, DigestAlgorithm.fromToken("sha-512-256-SESS").orElseThrow());
        assertEquals(DigestAlgorithm.MD5, DigestAlgorithm.fromToken("md5").orElseThrow());
        assertTrue(DigestAlgorithm.fromToken("SHA-1").isEmpty());
        assertEquals(DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_256_SESS.base());
        assertFalse(DigestAlgorithm.SHA_256.isSession());
    }

    @Test
    void ha1_toString_hidesTheHash() {
        Ha1 ha1 = Ha1.compute(DigestAlgorithm.MD5, "Mufasa", REALM, "Circle of Life".toCharArray());
        assertFalse(ha1.toString().contains(ha1.hex()));
    }

    @Test
    void ha1_computeAll_storesOnePerBaseAlgorithm() {
        var all = Ha1.computeAll("u", "r", "p".toCharArray(),
                DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_256_SESS, DigestAlgorithm.MD5);
        assertEquals(2, all.size());
        assertEquals(DigestAlgorithm.SHA_256, all.get(0).algorithm());
        assertEquals(DigestAlgorithm.MD5, all.get(1).algorithm());
    }
}
