package io.ferry.ws;

import io.ferry.config.FerryConfig.TokenMode;
import io.ferry.config.FerryConfig.WebSocketConfig;
import io.ferry.config.OriginPattern;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides, before the upgrade, whether a WebSocket handshake may proceed: rate, subprotocol
 * (RFC 7118 §4: {@code sip}; RFC 7977: {@code msrp}), Origin allow-list (RFC 6455 §10.2), Host,
 * token, and concurrent connections per client address. The first failing check refuses.
 * An accepted handshake holds a connection slot until {@link #released} is called.
 */
public final class HandshakePolicy {

    private final WebSocketConfig config;
    private final TokenVerifier tokens;
    private final ConnectionQuota quota;
    private final TrustedProxies proxies;

    public HandshakePolicy(WebSocketConfig config, TokenVerifier tokens) {
        this.config = config;
        this.tokens = tokens;
        this.quota = new ConnectionQuota(config.maxConnectionsPerAddress(), config.handshakesPerSecond(), config.handshakeBurst());
        this.proxies = new TrustedProxies(config.trustedProxies());
    }

    /** Checks {@code request} for {@code subprotocol} ({@code sip} or {@code msrp}). */
    public HandshakeDecision check(HandshakeRequestView request, String subprotocol, long nowNanos) {
        InetSocketAddress client = proxies.client(request.socketPeer(), request.headers("Forwarded"), request.headers("X-Forwarded-For"));

        Optional<HandshakeRefusal> rate = quota.admitHandshake(client.getAddress(), nowNanos);
        if (rate.isPresent()) {
            return refuse(rate.get(), client.getAddress().getHostAddress());
        }
        if (!offers(request, subprotocol)) {
            return refuse(HandshakeRefusal.NO_SUPPORTED_SUBPROTOCOL, "expected " + subprotocol);
        }
        Optional<String> origin = request.header("Origin").map(String::strip).filter(o -> !o.isEmpty());
        Optional<String> host = request.header("Host").map(String::strip);
        if (origin.isEmpty()) {
            if (!config.allowMissingOrigin()) {
                return refuse(HandshakeRefusal.ORIGIN_MISSING, "");
            }
        } else if (config.allowedOrigins().stream().noneMatch(p -> p.matches(origin.get(), host))) {
            return refuse(HandshakeRefusal.ORIGIN_NOT_ALLOWED, origin.get());
        }
        if (!config.allowedHosts().isEmpty() && !hostAllowed(host)) {
            return refuse(HandshakeRefusal.HOST_NOT_ALLOWED, host.orElse("(none)"));
        }
        Optional<String> principal = Optional.empty();
        if (config.tokenMode() != TokenMode.NONE) {
            Optional<String> token = token(request);
            if (token.isEmpty()) {
                if (config.tokenMode() == TokenMode.REQUIRED) {
                    return refuse(HandshakeRefusal.TOKEN_MISSING, "");
                }
            } else {
                principal = tokens.verify(token.get());
                if (principal.isEmpty()) {
                    return refuse(HandshakeRefusal.TOKEN_INVALID, "");
                }
            }
        }
        Optional<HandshakeRefusal> slots = quota.acquireConnection(client.getAddress(), nowNanos);
        if (slots.isPresent()) {
            return refuse(slots.get(), client.getAddress().getHostAddress());
        }
        return new HandshakeDecision.Accept(client, subprotocol, origin, principal);
    }

    /** Frees the connection slot of an accepted handshake (its connection closed, or the upgrade failed). */
    public void released(InetSocketAddress client, long nowNanos) {
        quota.release(client.getAddress(), nowNanos);
    }

    public int connections(InetSocketAddress client) {
        return quota.connections(client.getAddress());
    }

    private static HandshakeDecision refuse(HandshakeRefusal refusal, String detail) {
        return new HandshakeDecision.Refuse(refusal, detail);
    }

    /** RFC 6455 §4.1: Sec-WebSocket-Protocol lists the client's subprotocols, comma-separated. */
    private static boolean offers(HandshakeRequestView request, String subprotocol) {
        return request.headers("Sec-WebSocket-Protocol").stream()
                .flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip)
                .anyMatch(subprotocol::equals);
    }

    private boolean hostAllowed(Optional<String> host) {
        if (host.isEmpty()) {
            return false;
        }
        String h = host.get().toLowerCase(Locale.ROOT);
        String bare = h.startsWith("[") ? h.substring(0, h.indexOf(']') + 1) : h.contains(":") ? h.substring(0, h.indexOf(':')) : h;
        return config.allowedHosts().stream().map(a -> a.toLowerCase(Locale.ROOT)).anyMatch(a -> a.equals(h) || a.equals(bare));
    }

    /** The token from {@code ?token=}, {@code Authorization: Bearer …} or the {@code ferry_token} cookie. */
    private static Optional<String> token(HandshakeRequestView request) {
        Optional<String> query = request.queryParameter("token").filter(t -> !t.isEmpty());
        if (query.isPresent()) {
            return query;
        }
        Optional<String> bearer = request.header("Authorization")
                .filter(a -> a.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(a -> a.substring(7).strip())
                .filter(t -> !t.isEmpty());
        if (bearer.isPresent()) {
            return bearer;
        }
        return request.cookie("ferry_token").filter(t -> !t.isEmpty());
    }

    /** Origins configured, for log lines at startup. */
    public List<OriginPattern> allowedOrigins() {
        return config.allowedOrigins();
    }
}
