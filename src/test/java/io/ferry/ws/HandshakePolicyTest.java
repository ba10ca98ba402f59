package io.ferry.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.config.FerryConfig;
import io.ferry.config.FerryConfig.WebSocketConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakePolicyTest {

    private static final long T0 = 1_000_000_000L;
    private static final String TOKEN = "a-token-of-sixteen-or-more";

    private static WebSocketConfig config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of("ferry.ws.allowed-origins", "https://app.example.com,https://*.example.org"));
        all.putAll(values);
        return FerryConfig.load(k -> Optional.ofNullable(all.get(k))).webSocket();
    }

    private static HandshakePolicy policy(Map<String, String> values) {
        WebSocketConfig c = config(values);
        return new HandshakePolicy(c, new StaticTokenVerifier(c.tokens()));
    }

    private static HandshakeRefusal refusal(HandshakeDecision d) {
        return assertInstanceOf(HandshakeDecision.Refuse.class, d).refusal();
    }

    @Test
    void rfc7118_4_sipOffered_isAccepted() {
        var d = policy(Map.of()).check(FakeHandshakeRequest.sip().header("Origin", "https://app.example.com"), "sip", T0);
        var accept = assertInstanceOf(HandshakeDecision.Accept.class, d);
        assertEquals("sip", accept.subprotocol());
        assertEquals("192.0.2.10", accept.client().getAddress().getHostAddress());
        assertEquals(Optional.of("https://app.example.com"), accept.origin());
    }

    @Test
    void rfc7118_4_noSubprotocol_isRefused400() {
        var d = policy(Map.of()).check(FakeHandshakeRequest.sip().withoutHeader("Sec-WebSocket-Protocol"), "sip", T0);
        assertEquals(HandshakeRefusal.NO_SUPPORTED_SUBPROTOCOL, refusal(d));
        assertEquals(400, ((HandshakeDecision.Refuse) d).status());
    }

    @Test
    void rfc6455_4_1_subprotocolAmongOthers_isFound() {
        var d = policy(Map.of()).check(new FakeHandshakeRequest().header("Sec-WebSocket-Protocol", "chat, sip"), "sip", T0);
        assertInstanceOf(HandshakeDecision.Accept.class, d);
    }

    @Test
    void msrpEndpoint_refusesSipOnlyClient() {
        assertEquals(HandshakeRefusal.NO_SUPPORTED_SUBPROTOCOL, refusal(policy(Map.of()).check(FakeHandshakeRequest.sip(), "msrp", T0)));
    }

    @Test
    void rfc6455_10_2_originNotAllowed_isRefused403() {
        var d = policy(Map.of()).check(FakeHandshakeRequest.sip().header("Origin", "https://evil.example.net"), "sip", T0);
        assertEquals(HandshakeRefusal.ORIGIN_NOT_ALLOWED, refusal(d));
        assertEquals(403, ((HandshakeDecision.Refuse) d).status());
        assertTrue(((HandshakeDecision.Refuse) d).reason().contains("https://evil.example.net"));
    }

    @Test
    void wildcardOrigin_matchesSubdomainsOnly() {
        HandshakePolicy p = policy(Map.of());
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip().header("Origin", "https://web.example.org"), "sip", T0));
        assertEquals(HandshakeRefusal.ORIGIN_NOT_ALLOWED, refusal(p.check(FakeHandshakeRequest.sip().header("Origin", "https://example.org"), "sip", T0)));
        assertEquals(HandshakeRefusal.ORIGIN_NOT_ALLOWED, refusal(p.check(FakeHandshakeRequest.sip().header("Origin", "https://evilexample.org"), "sip", T0)));
        assertEquals(HandshakeRefusal.ORIGIN_NOT_ALLOWED, refusal(p.check(FakeHandshakeRequest.sip().header("Origin", "http://web.example.org"), "sip", T0)));
    }

    @Test
    void missingOrigin_followsConfiguration() {
        assertInstanceOf(HandshakeDecision.Accept.class, policy(Map.of()).check(FakeHandshakeRequest.sip(), "sip", T0));
        assertEquals(HandshakeRefusal.ORIGIN_MISSING,
                refusal(policy(Map.of("ferry.ws.allow-missing-origin", "false")).check(FakeHandshakeRequest.sip(), "sip", T0)));
    }

    @Test
    void sameOrigin_comparesOriginWithHost() {
        HandshakePolicy p = policy(Map.of("ferry.ws.allowed-origins", "same-origin"));
        var same = FakeHandshakeRequest.sip().withoutHeader("Host").header("Host", "ferry.example.com:8080").header("Origin", "http://ferry.example.com:8080");
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(same, "sip", T0));
        var other = FakeHandshakeRequest.sip().withoutHeader("Host").header("Host", "ferry.example.com:8080").header("Origin", "http://ferry.example.com:9090");
        assertEquals(HandshakeRefusal.ORIGIN_NOT_ALLOWED, refusal(p.check(other, "sip", T0)));
    }

    @Test
    void hostNotConfigured_isRefused403() {
        HandshakePolicy p = policy(Map.of("ferry.ws.allowed-hosts", "sip.example.com"));
        assertEquals(HandshakeRefusal.HOST_NOT_ALLOWED, refusal(p.check(FakeHandshakeRequest.sip(), "sip", T0)));
        var good = FakeHandshakeRequest.sip().withoutHeader("Host").header("Host", "sip.example.com:443");
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(good, "sip", T0));
    }

    @Test
    void requiredToken_missingIs401_wrongIs401_rightAcceptedFromEachPlace() {
        HandshakePolicy p = policy(Map.of("ferry.ws.token", "required", "ferry.ws.tokens", TOKEN));
        assertEquals(HandshakeRefusal.TOKEN_MISSING, refusal(p.check(FakeHandshakeRequest.sip(), "sip", T0)));
        assertEquals(401, ((HandshakeDecision.Refuse) p.check(FakeHandshakeRequest.sip(), "sip", T0)).status());
        assertEquals(HandshakeRefusal.TOKEN_INVALID, refusal(p.check(FakeHandshakeRequest.sip().query("token", "wrong-token-wrong-token"), "sip", T0)));
        var q = assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip().query("token", TOKEN), "sip", T0));
        assertEquals(Optional.of("token-1"), q.principal());
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip().header("Authorization", "Bearer " + TOKEN), "sip", T0));
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip().cookie("ferry_token", TOKEN), "sip", T0));
    }

    @Test
    void optionalToken_absentIsAccepted_butWrongIsRefused() {
        HandshakePolicy p = policy(Map.of("ferry.ws.token", "optional", "ferry.ws.tokens", TOKEN));
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip(), "sip", T0));
        assertEquals(HandshakeRefusal.TOKEN_INVALID, refusal(p.check(FakeHandshakeRequest.sip().query("token", "x"), "sip", T0)));
    }

    @Test
    void concurrentConnectionsPerAddress_areLimited_andReleased() {
        HandshakePolicy p = policy(Map.of("ferry.ws.max-connections-per-address", "2"));
        var a1 = assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip(), "sip", T0));
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip(), "sip", T0));
        var third = p.check(FakeHandshakeRequest.sip(), "sip", T0);
        assertEquals(HandshakeRefusal.TOO_MANY_CONNECTIONS, refusal(third));
        assertEquals(429, ((HandshakeDecision.Refuse) third).status());
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip().from("192.0.2.11", 1), "sip", T0),
                "another address has its own quota");
        p.released(a1.client(), T0);
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip(), "sip", T0));
    }

    @Test
    void handshakeRate_isLimitedPerAddress_andRefills() {
        HandshakePolicy p = policy(Map.of("ferry.ws.handshakes-per-second", "2", "ferry.ws.handshake-burst", "2"));
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip(), "sip", T0));
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip(), "sip", T0));
        assertEquals(HandshakeRefusal.HANDSHAKE_RATE, refusal(p.check(FakeHandshakeRequest.sip(), "sip", T0)));
        assertInstanceOf(HandshakeDecision.Accept.class, p.check(FakeHandshakeRequest.sip(), "sip", T0 + 500_000_000L),
                "half a second later one token is back");
    }

    @Test
    void rateIsCheckedFirst_soFloodsOfBadHandshakesAreThrottled() {
        HandshakePolicy p = policy(Map.of("ferry.ws.handshakes-per-second", "1", "ferry.ws.handshake-burst", "1"));
        var bad = FakeHandshakeRequest.sip().header("Origin", "https://evil.example.net");
        assertEquals(HandshakeRefusal.ORIGIN_NOT_ALLOWED, refusal(p.check(bad, "sip", T0)));
        assertEquals(HandshakeRefusal.HANDSHAKE_RATE, refusal(p.check(bad, "sip", T0)));
    }

    @Test
    void forwardedFor_isUsedOnlyFromTrustedProxies() {
        HandshakePolicy p = policy(Map.of("ferry.trusted-proxies", "10.0.0.0/8"));
        var viaProxy = FakeHandshakeRequest.sip().from("10.1.2.3", 5555).header("X-Forwarded-For", "203.0.113.7, 10.9.9.9");
        var a = assertInstanceOf(HandshakeDecision.Accept.class, p.check(viaProxy, "sip", T0));
        assertEquals("203.0.113.7", a.client().getAddress().getHostAddress());
        var direct = FakeHandshakeRequest.sip().from("198.51.100.1", 5555).header("X-Forwarded-For", "203.0.113.7");
        var b = assertInstanceOf(HandshakeDecision.Accept.class, p.check(direct, "sip", T0));
        assertEquals("198.51.100.1", b.client().getAddress().getHostAddress(), "an untrusted peer cannot claim another address");
    }

    @Test
    void rfc7239_forwardedHeader_isPreferred() {
        HandshakePolicy p = policy(Map.of("ferry.trusted-proxies", "10.0.0.1"));
        var req = FakeHandshakeRequest.sip().from("10.0.0.1", 5555)
                .header("Forwarded", "for=\"[2001:db8::17]:4711\";proto=https").header("X-Forwarded-For", "203.0.113.9");
        var a = assertInstanceOf(HandshakeDecision.Accept.class, p.check(req, "sip", T0));
        assertEquals(new java.net.InetSocketAddress("2001:db8::17", 4711), a.client());
    }

    @Test
    void configuredLists_areParsed() {
        WebSocketConfig c = config(Map.of("ferry.ws.paths", "/sip, /ws"));
        assertEquals(List.of("/sip", "/ws"), c.paths());
    }
}
