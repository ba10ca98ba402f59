package io.ferry.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Ferry's whole configuration, validated once at startup. Each key, its default and its allowed
 * values are documented in docs/configuration.md; {@code FerryConfigTest} checks that the two agree.
 */
public record FerryConfig(NodeConfig node, NetworkConfig network, AdminConfig admin) {

    /** This node's identity in a cluster. */
    public record NodeConfig(String id) {}

    /**
     * Where Ferry listens. HTTP/WS and HTTPS/WSS are Liberty's endpoints (server.xml uses the same
     * variables); SIP and MSRP are Ferry's own listeners.
     */
    public record NetworkConfig(String host, int httpPort, int httpsPort, int sipPort, int sipTlsPort, int msrpPort) {}

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
        return new FerryConfig(node, network, admin);
    }

    private record Reader(ConfigLookup lookup) {
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
