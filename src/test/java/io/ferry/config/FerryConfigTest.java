package io.ferry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FerryConfigTest {

    private static FerryConfig load(Map<String, String> values) {
        return FerryConfig.load(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void defaults_matchTheDocumentedPorts() {
        FerryConfig config = load(Map.of());
        assertEquals("ferry1", config.node().id());
        assertEquals(new FerryConfig.NetworkConfig("*", 8080, 8443, 5060, 5061, 2855), config.network());
        assertEquals("admin", config.admin().user());
        assertTrue(config.admin().password().isEmpty(), "no admin password is shipped");
    }

    @Test
    void blankValue_countsAsAbsent() {
        assertEquals(8080, load(Map.of("ferry.http.port", "  ")).network().httpPort());
        assertTrue(load(Map.of("ferry.admin.password", "")).admin().password().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ferry.http.port     | eighty     | a port number from 1 to 65535",
        "ferry.sip.port      | 0          | a port number from 1 to 65535",
        "ferry.msrp.port     | 70000      | a port number from 1 to 65535",
        "ferry.node-id       | -leading   | 1-32 letters, digits or '-'",
        "ferry.node-id       | has space  | 1-32 letters, digits or '-'",
        "ferry.host          | a/b        | '*' (all interfaces), an IP address or a host name",
        "ferry.admin.user    | ad min     | 1-64 letters, digits",
        "ferry.sip.timer.t1-ms | 5       | an integer from 50 to 10000",
        "ferry.ws.token      | sometimes  | [none, optional, required]",
        "ferry.ws.allowed-origins | app.example.com/x | 'same-origin'",
        "ferry.ws.max-message-bytes | 10 | an integer from 1024",
        "ferry.trusted-proxies | proxy.example.com | IP addresses or CIDR blocks",
    })
    void badValue_failsNamingTheKeyAndAllowedValues(String key, String value, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(key, value)));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(key + "=\"" + value + "\""), e.getMessage());
        assertTrue(e.getMessage().contains(allowed), e.getMessage());
    }

    @Test
    void shortAdminPassword_isRefusedWithoutEchoingIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("ferry.admin.password", "short")));
        assertEquals("ferry.admin.password", e.key());
        assertTrue(!e.getMessage().contains("short"), "the password itself is never logged");
    }

    @Test
    void rfc3261_17_t2BelowT1_isRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(Map.of("ferry.sip.timer.t1-ms", "2000", "ferry.sip.timer.t2-ms", "1000")));
        assertEquals("ferry.sip.timer.t2-ms", e.key());
    }

    @Test
    void requiredTokenWithoutTokens_isRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("ferry.ws.token", "required")));
        assertEquals("ferry.ws.tokens", e.key());
    }

    @Test
    void tlsKeyStoreWithoutPassword_isRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("ferry.sip.tls.keystore", "/x.p12")));
        assertEquals("ferry.sip.tls.keystore-password", e.key());
    }

    /** docs/configuration.md documents every key that FerryConfig reads. */
    @Test
    void everyKey_isDocumented() throws IOException {
        String doc = Files.readString(Path.of("docs", "configuration.md"), StandardCharsets.UTF_8);
        Arrays.stream(FerryConfig.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                })
                .forEach(key -> assertTrue(doc.contains("`" + key + "`"), "docs/configuration.md lacks " + key));
    }
}
