package io.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipUri;
import io.ferry.sip.Uri;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.4 and §16.6 step 6 (strict routers), without a container. */
class StrictRoutingTest {

    private static final Predicate<Uri> OURS = u -> u instanceof SipUri s && s.host().equals("192.0.2.1") && s.port() == 5060;

    private static SipRequest bye(String requestUri, String routes) throws Exception {
        String text = "BYE " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 198.51.100.9:5070;branch=z9hG4bKs1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:bob@ferry.test>;tag=b\r\n"
                + "To: <sip:alice@peer.example>;tag=a\r\n"
                + "Call-ID: c2@peer.example\r\n"
                + "CSeq: 2 BYE\r\n"
                + (routes == null ? "" : "Route: " + routes + "\r\n")
                + "Content-Length: 0\r\n\r\n";
        return (SipRequest) new SipParser().parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rfc3261_16_4_requestUriIsOurRecordRoute_lastRouteBecomesRequestUri() throws Exception {
        SipRequest in = bye("sip:192.0.2.1:5060;transport=udp;lr;app=x", "<sip:p2.example;lr>, <sip:alice@198.51.100.9:5070>");
        StrictRouting.Restored r = StrictRouting.fromStrictRouter(in, OURS);
        assertNotNull(r);
        assertEquals("sip:alice@198.51.100.9:5070", r.request().requestUriText());
        assertEquals(List.of("<sip:p2.example;lr>"), r.request().headers().values("Route"));
        assertEquals("x", ((SipUri) r.ours().uri()).params().get("app").orElse(null));
    }

    @Test
    void rfc3261_16_4_requestUriNotOurs_orWithUser_orWithoutRoute_untouched() throws Exception {
        assertNull(StrictRouting.fromStrictRouter(bye("sip:198.51.100.20:5060;lr", "<sip:x@198.51.100.9>"), OURS));
        assertNull(StrictRouting.fromStrictRouter(bye("sip:alice@192.0.2.1:5060;lr", "<sip:x@198.51.100.9>"), OURS));
        assertNull(StrictRouting.fromStrictRouter(bye("sip:192.0.2.1:5060;lr", null), OURS));
    }

    @Test
    void rfc3261_16_6_step6_firstRouteWithoutLr_becomesRequestUri_requestUriAppendedToRoute() throws Exception {
        SipRequest out = StrictRouting.towardsStrictRouter(bye("sip:alice@198.51.100.9:5070", "<sip:strict.example>, <sip:p3.example;lr>"));
        assertEquals("sip:strict.example", out.requestUriText());
        assertEquals(List.of("<sip:p3.example;lr>", "<sip:alice@198.51.100.9:5070>"), out.headers().values("Route"));
    }

    @Test
    void rfc3261_16_6_step6_firstRouteWithLr_orNoRoute_unchanged() throws Exception {
        SipRequest loose = bye("sip:alice@198.51.100.9:5070", "<sip:p3.example;lr>");
        assertSame(loose, StrictRouting.towardsStrictRouter(loose));
        SipRequest none = bye("sip:alice@198.51.100.9:5070", null);
        assertSame(none, StrictRouting.towardsStrictRouter(none));
    }
}
