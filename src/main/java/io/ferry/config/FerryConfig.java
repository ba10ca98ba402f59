package io.ferry.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Ferry's whole configuration, validated once at startup. Each key, its default and its allowed
 * values are documented in docs/configuration.md; {@code FerryConfigTest} checks that the two agree.
 */
public record FerryConfig(NodeConfig node, NetworkConfig network, AdminConfig admin, WebSocketConfig webSocket, SipTransportConfig sip,
                          TimerConfig timers) {

    /** This node's identity in a cluster. */
    public record NodeConfig(String id) {}

    /**
     * Where Ferry listens. HTTP/WS and HTTPS/WSS are Liberty's endpoints (server.xml uses the same
     * variables); SIP and MSRP are Ferry's own listeners.
     */
    public record NetworkConfig(String host, int httpPort, int httpsPort, int sipPort, int sipTlsPort, int msrpPort) {}

    /** How a token is asked for at the WebSocket handshake. */
    public enum TokenMode { NONE, OPTIONAL, REQUIRED }

    /**
     * The SIP WebSocket endpoint (RFC 7118) and its handshake policy. Lists are comma-separated in
     * configuration.
     */
    public record WebSocketConfig(
            List<String> paths,
            List<OriginPattern> allowedOrigins,
            boolean allowMissingOrigin,
            List<String> allowedHosts,
            TokenMode tokenMode,
            List<String> tokens,
            int maxConnectionsPerAddress,
            int handshakesPerSecond,
            int handshakeBurst,
            int maxMessageBytes,
            int maxOutboundBytes,
            int pingIntervalSeconds,
            List<String> trustedProxies) {
        public WebSocketConfig {
            paths = List.copyOf(paths);
            allowedOrigins = List.copyOf(allowedOrigins);
            allowedHosts = List.copyOf(allowedHosts);
            tokens = List.copyOf(tokens);
            trustedProxies = List.copyOf(trustedProxies);
        }
    }

    /** Whether SIP/TLS clients must present a certificate. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    /**
     * Ferry's own SIP listeners (UDP, TCP, TLS on Netty). The ports are in {@link NetworkConfig}.
     * The TLS listener runs only when a key store is configured.
     */
    public record SipTransportConfig(boolean udp, boolean tcp, Optional<String> tlsKeyStore, Optional<String> tlsKeyStorePassword,
                                     Optional<String> tlsTrustStore, ClientAuth tlsClientAuth, int idleTimeoutSeconds,
                                     int maxOutboundBytes) {}

    /** RFC 3261 §17 timer bases, in milliseconds (Table 4); T2 must not be below T1. */
    public record TimerConfig(int t1Millis, int t2Millis, int t4Millis, int tryingDelayMillis) {}

    /** The administrator account of the server's basic registry (Admin Center, JMX REST, REST API). */
    public record AdminConfig(String user, Optional<String> password) {}

    public static final String NODE_ID = "ferry.node-id";
    public static final String HOST = "ferry.host";
    public static final String HTTP_PORT = "ferry.http.port";
    public static final String HTTPS_PORT = "ferry.https.port";
    public static final String SIP_PORT = "ferry.sip.port";
    public static final String SIP_TLS_PORT = "ferry.sip.tls.port";
    public static final String MSRP_PORT = "ferry.msrp.port";
    public static final String ADMIN_USER = "ferry.admin.user";
    public static final String ADMIN_PASSWORD = "ferry.admin.password";
    public static final String WS_PATHS = "ferry.ws.paths";
    public static final String WS_ALLOWED_ORIGINS = "ferry.ws.allowed-origins";
    public static final String WS_ALLOW_MISSING_ORIGIN = "ferry.ws.allow-missing-origin";
    public static final String WS_ALLOWED_HOSTS = "ferry.ws.allowed-hosts";
    public static final String WS_TOKEN = "ferry.ws.token";
    public static final String WS_TOKENS = "ferry.ws.tokens";
    public static final String WS_MAX_CONNECTIONS_PER_ADDRESS = "ferry.ws.max-connections-per-address";
    public static final String WS_HANDSHAKES_PER_SECOND = "ferry.ws.handshakes-per-second";
    public static final String WS_HANDSHAKE_BURST = "ferry.ws.handshake-burst";
    public static final String WS_MAX_MESSAGE_BYTES = "ferry.ws.max-message-bytes";
    public static final String WS_MAX_OUTBOUND_BYTES = "ferry.ws.max-outbound-bytes";
    public static final String WS_PING_INTERVAL = "ferry.ws.ping-interval-seconds";
    public static final String TRUSTED_PROXIES = "ferry.trusted-proxies";
    public static final String SIP_T1 = "ferry.sip.timer.t1-ms";
    public static final String SIP_T2 = "ferry.sip.timer.t2-ms";
    public static final String SIP_T4 = "ferry.sip.timer.t4-ms";
    public static final String SIP_TRYING_DELAY = "ferry.sip.timer.trying-delay-ms";
    public static final String SIP_UDP = "ferry.sip.udp";
    public static final String SIP_TCP = "ferry.sip.tcp";
    public static final String SIP_TLS_KEYSTORE = "ferry.sip.tls.keystore";
    public static final String SIP_TLS_KEYSTORE_PASSWORD = "ferry.sip.tls.keystore-password";
    public static final String SIP_TLS_TRUSTSTORE = "ferry.sip.tls.truststore";
    public static final String SIP_TLS_CLIENT_AUTH = "ferry.sip.tls.client-auth";
    public static final String SIP_IDLE_TIMEOUT = "ferry.sip.idle-timeout-seconds";
    public static final String SIP_MAX_OUTBOUND_BYTES = "ferry.sip.max-outbound-bytes";

    private static final Pattern NODE_ID_SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
    private static final Pattern HOST_SYNTAX = Pattern.compile("\\*|[A-Za-z0-9.:\\[\\]-]{1,253}");
    private static final Pattern USER_SYNTAX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Reads and validates every key; the first bad value throws {@link ConfigException}. */
    public static FerryConfig load(ConfigLookup lookup) {
        var reader = new Reader(lookup);
        var node = new NodeConfig(reader.matching(NODE_ID, "ferry1", NODE_ID_SYNTAX,
                "1-32 letters, digits or '-', starting with a letter or digit"));
        var network = new NetworkConfig(
                reader.matching(HOST, "*", HOST_SYNTAX, "'*' (all interfaces), an IP address or a host name"),
                reader.port(HTTP_PORT, 8080),
                reader.port(HTTPS_PORT, 8443),
                reader.port(SIP_PORT, 5060),
                reader.port(SIP_TLS_PORT, 5061),
                reader.port(MSRP_PORT, 2855));
        var admin = new AdminConfig(
                reader.matching(ADMIN_USER, "admin", USER_SYNTAX, "1-64 letters, digits, '.', '_' or '-'"),
                lookup.get(ADMIN_PASSWORD).filter(p -> !p.isBlank()));
        if (admin.password().isPresent() && admin.password().get().length() < 8) {
            throw new ConfigException(ADMIN_PASSWORD, "(hidden)", "a password of at least 8 characters");
        }
        var webSocket = new WebSocketConfig(
                reader.list(WS_PATHS, "/sip,/", FerryConfig::validPath, "paths starting with '/', comma-separated"),
                reader.list(WS_ALLOWED_ORIGINS, "same-origin", FerryConfig::validOrigin,
                        "'*', 'same-origin', origins such as https://app.example.com, https://*.example.com or http://localhost:*")
                        .stream().map(OriginPattern::new).toList(),
                reader.bool(WS_ALLOW_MISSING_ORIGIN, true),
                reader.list(WS_ALLOWED_HOSTS, "", h -> HOST_SYNTAX.matcher(h).matches(), "host names or host:port, comma-separated (empty = any)"),
                reader.choice(WS_TOKEN, TokenMode.NONE, TokenMode.class),
                reader.list(WS_TOKENS, "", t -> t.length() >= 16, "tokens of at least 16 characters, comma-separated"),
                reader.range(WS_MAX_CONNECTIONS_PER_ADDRESS, 1000, 0, 1_000_000),
                reader.range(WS_HANDSHAKES_PER_SECOND, 100, 0, 1_000_000),
                reader.range(WS_HANDSHAKE_BURST, 200, 1, 1_000_000),
                reader.range(WS_MAX_MESSAGE_BYTES, 65_536, 1_024, 16 * 1024 * 1024),
                reader.range(WS_MAX_OUTBOUND_BYTES, 1_048_576, 16_384, 256 * 1024 * 1024),
                reader.range(WS_PING_INTERVAL, 30, 0, 3_600),
                reader.list(TRUSTED_PROXIES, "", FerryConfig::validCidr, "IP addresses or CIDR blocks, comma-separated"));
        if (webSocket.tokenMode() == TokenMode.REQUIRED && webSocket.tokens().isEmpty()) {
            throw new ConfigException(WS_TOKENS, "", "at least one token when " + WS_TOKEN + "=required");
        }
        var sip = new SipTransportConfig(
                reader.bool(SIP_UDP, true),
                reader.bool(SIP_TCP, true),
                lookup.get(SIP_TLS_KEYSTORE).map(String::strip).filter(s -> !s.isEmpty()),
                lookup.get(SIP_TLS_KEYSTORE_PASSWORD).filter(s -> !s.isBlank())
                        .or(() -> lookup.get("ferry.keystore.password").filter(s -> !s.isBlank())),
                lookup.get(SIP_TLS_TRUSTSTORE).map(String::strip).filter(s -> !s.isEmpty()),
                reader.choice(SIP_TLS_CLIENT_AUTH, ClientAuth.NONE, ClientAuth.class),
                reader.range(SIP_IDLE_TIMEOUT, 600, 1, 86_400),
                reader.range(SIP_MAX_OUTBOUND_BYTES, 1_048_576, 65_536, 256 * 1024 * 1024));
        if (sip.tlsKeyStore().isPresent() && sip.tlsKeyStorePassword().isEmpty()) {
            throw new ConfigException(SIP_TLS_KEYSTORE_PASSWORD, "", "the password of " + sip.tlsKeyStore().get());
        }
        var timers = new TimerConfig(
                reader.range(SIP_T1, 500, 50, 10_000),
                reader.range(SIP_T2, 4_000, 50, 60_000),
                reader.range(SIP_T4, 5_000, 50, 60_000),
                reader.range(SIP_TRYING_DELAY, 200, 0, 10_000));
        if (timers.t2Millis() < timers.t1Millis()) {
            throw new ConfigException(SIP_T2, Integer.toString(timers.t2Millis()), "a value not below " + SIP_T1 + "=" + timers.t1Millis());
        }
        return new FerryConfig(node, network, admin, webSocket, sip, timers);
    }

    private static boolean validPath(String p) {
        return p.startsWith("/") && p.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '?' && c != '#');
    }

    private static boolean validOrigin(String o) {
        try {
            new OriginPattern(o);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean validCidr(String c) {
        return c.matches("[0-9a-fA-F:.]+(/[0-9]{1,3})?");
    }

    private record Reader(ConfigLookup lookup) {
        List<String> list(String key, String defaultValue, Predicate<String> valid, String allowed) {
            String value = raw(key, defaultValue);
            List<String> items = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            for (String item : items) {
                if (!valid.test(item)) {
                    throw new ConfigException(key, value, allowed);
                }
            }
            return items;
        }

        boolean bool(String key, boolean defaultValue) {
            String value = raw(key, Boolean.toString(defaultValue)).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException(key, value, "true or false");
            };
        }

        <E extends Enum<E>> E choice(String key, E defaultValue, Class<E> type) {
            String value = raw(key, defaultValue.name().toLowerCase(Locale.ROOT));
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(value)) {
                    return e;
                }
            }
            throw new ConfigException(key, value, Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).toList().toString());
        }

        int range(String key, int defaultValue, int min, int max) {
            String value = raw(key, Integer.toString(defaultValue));
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below with the allowed range
            }
            throw new ConfigException(key, value, "an integer from " + min + " to " + max);
        }

        String raw(String key, String defaultValue) {
            return lookup.get(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(defaultValue);
        }

        String matching(String key, String defaultValue, Pattern syntax, String allowed) {
            String value = raw(key, defaultValue);
            if (!syntax.matcher(value).matches()) {
                throw new ConfigException(key, value, allowed);
            }
            return value;
        }

        int port(String key, int defaultValue) {
            String value = raw(key, Integer.toString(defaultValue));
            try {
                int port = Integer.parseInt(value.toLowerCase(Locale.ROOT));
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below with the allowed range
            }
            throw new ConfigException(key, value, "a port number from 1 to 65535");
        }
    }
}
