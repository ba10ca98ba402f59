package io.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.Headers;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.7 steps 6 and 7 as a pure function ({@link BestResponse}). */
class BestResponseTest {

    private static final SipRequest INVITE = SipRequest.of("INVITE", "sip:bob@example.com", Headers.empty()
            .append("Via", "SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKabc")
            .append("From", "<sip:alice@example.com>;tag=a")
            .append("To", "<sip:bob@example.com>")
            .append("Call-ID", "c1@example.com")
            .append("CSeq", "1 INVITE")
            .append("Max-Forwards", "70"));

    private static SipResponse r(int status) {
        return INVITE.createResponse(status, null, () -> "t" + status);
    }

    private static int best(int... statuses) {
        return BestResponse.select(INVITE, java.util.Arrays.stream(statuses).mapToObj(BestResponseTest::r).toList()).status();
    }

    @Test
    void rfc3261_16_7_step6_noResponses_408() {
        assertEquals(408, BestResponse.select(INVITE, List.of()).status());
    }

    @Test
    void rfc3261_16_7_step6_6xxBeatsEverything() {
        assertEquals(603, best(486, 603, 302, 500));
    }

    @Test
    void rfc3261_16_7_step6_lowestClassWins_3xxBefore4xxBefore5xx() {
        assertEquals(302, best(500, 486, 302));
        assertEquals(486, best(500, 486));
    }

    @Test
    void rfc3261_16_7_step6_preferred4xx_401_407_415_420_484_beforeOther4xx() {
        assertEquals(401, best(404, 486, 401));
        assertEquals(407, best(486, 407));
        assertEquals(484, best(480, 484));
    }

    @Test
    void rfc3261_16_7_step6_sameRank_lowerCodeWins() {
        assertEquals(480, best(486, 480));
    }

    @Test
    void rfc3261_16_7_step6_503_forwardedAs500() {
        SipResponse out = BestResponse.select(INVITE, List.of(r(503)));
        assertEquals(500, out.status());
        assertEquals(500, best(504, 503), "503 ranks before 504 within 5xx and goes out as 500");
    }

    @Test
    void rfc3261_16_7_step7_401And407Challenges_allCollectedIntoTheBest() {
        SipResponse a = r(401).withHeader("WWW-Authenticate", "Digest realm=\"a\", nonce=\"1\"");
        SipResponse b = r(407).withHeader("Proxy-Authenticate", "Digest realm=\"b\", nonce=\"2\"");
        SipResponse c = r(401).withHeader("WWW-Authenticate", "Digest realm=\"c\", nonce=\"3\"");
        SipResponse out = BestResponse.select(INVITE, List.of(a, b, c, r(486)));
        assertEquals(401, out.status());
        List<String> www = out.headers().all("WWW-Authenticate").stream().map(f -> f.value()).toList();
        assertEquals(2, www.size());
        assertTrue(www.get(0).contains("realm=\"a\"") && www.get(1).contains("realm=\"c\""));
        assertEquals(1, out.headers().all("Proxy-Authenticate").size());
    }

    @Test
    void rfc3261_16_7_step7_nonChallengeBest_keepsItsHeaders() {
        SipResponse busy = r(486).withHeader("Retry-After", "60");
        SipResponse out = BestResponse.select(INVITE, List.of(busy, r(500)));
        assertEquals("60", out.headers().firstValue("Retry-After").orElseThrow());
    }
}
