package io.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.Via;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The loop-detection branch of RFC 3261 §16.6 step 8 and the check of §16.3 step 4, without a container. */
class LoopDetectionTest {

    private static final String OURS = "192.0.2.1";
    private static final Predicate<Via> OUR_SENT_BY = v -> v.host().equals(OURS) && v.port() == 5060;

    private static SipRequest parse(String requestUri, String extraHeaders) throws Exception {
        String text = "INVITE " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 198.51.100.9:5070;branch=z9hG4bKcaller1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@peer.example>;tag=f1\r\n"
                + "To: <sip:bob@ferry.test>\r\n"
                + "Call-ID: c1@peer.example\r\n"
                + "CSeq: 7 INVITE\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
        return (SipRequest) new SipParser().parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code first} as Ferry forwarded it (its Via on top, with the loop-detection branch) and a next hop sent it back (its Via on top). */
    private static SipRequest cameBack(SipRequest first, String requestUri) throws Exception {
        String branch = LoopDetection.branch("z9hG4bKunique1", LoopDetection.hash(first, first.topVia().orElseThrow(), null));
        return first.withPrependedHeader("Via", Via.of("UDP", OURS, 5060, branch).toString())
                .withPrependedHeader("Via", Via.of("TCP", "203.0.113.4", 5060, "z9hG4bKnext1").toString())
                .withRequestUri(requestUri);
    }

    @Test
    void rfc3261_16_6_step8_branch_uniquePartThenHash_hashReadBack() throws Exception {
        SipRequest r = parse("sip:bob@ferry.test", "");
        String hash = LoopDetection.hash(r, r.topVia().orElseThrow(), null);
        String branch = LoopDetection.branch("z9hG4bKabc", hash);
        assertTrue(branch.startsWith("z9hG4bKabc"), "RFC 3261 §8.1.1.7 magic cookie and unique part first");
        assertEquals(hash, LoopDetection.hashOf(branch));
        assertNull(LoopDetection.hashOf("z9hG4bK0123456789abcdef"), "a branch without the separator carries no hash");
    }

    @Test
    void rfc3261_16_6_step8_hash_dependsOnRequestUriRouteAndTags_notOnMaxForwards() throws Exception {
        SipRequest r = parse("sip:bob@ferry.test", "");
        Via top = r.topVia().orElseThrow();
        String base = LoopDetection.hash(r, top, null);
        assertEquals(base, LoopDetection.hash(r.withHeader("Max-Forwards", "12"), top, null));
        assertNotEquals(base, LoopDetection.hash(r.withRequestUri("sip:carol@ferry.test"), top, null));
        assertNotEquals(base, LoopDetection.hash(r.withHeader("Route", "<sip:svc.example;lr>"), top, null));
        assertNotEquals(base, LoopDetection.hash(r, top, "<sip:ferry.test;lr>"));
        assertNotEquals(base, LoopDetection.hash(r.withHeader("CSeq", "8 INVITE"), top, null));
        assertNotEquals(base, LoopDetection.hash(r.withHeader("Proxy-Require", "foo"), top, null));
    }

    @Test
    void rfc3261_16_3_step4_sameRequestBackThroughUs_looped() throws Exception {
        SipRequest first = parse("sip:bob@ferry.test", "");
        assertTrue(LoopDetection.looped(cameBack(first, "sip:bob@ferry.test"), null, OUR_SENT_BY));
    }

    @Test
    void rfc3261_16_3_step4_requestUriChanged_spiral() throws Exception {
        SipRequest first = parse("sip:bob@ferry.test", "");
        assertFalse(LoopDetection.looped(cameBack(first, "sip:bob-cell@ferry.test"), null, OUR_SENT_BY));
    }

    @Test
    void rfc3261_16_3_step4_viaNotOurs_notLooped() throws Exception {
        SipRequest first = parse("sip:bob@ferry.test", "");
        assertFalse(LoopDetection.looped(cameBack(first, "sip:bob@ferry.test"), null, v -> false));
    }

    @Test
    void rfc3261_16_3_step4_firstPass_notLooped() throws Exception {
        assertFalse(LoopDetection.looped(parse("sip:bob@ferry.test", ""), null, OUR_SENT_BY));
    }
}
