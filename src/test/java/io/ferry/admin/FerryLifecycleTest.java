package io.ferry.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.ferry.config.FerryConfig;
import io.ferry.runtime.lifecycle.ContainerAttributes.OutboundInterface;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FerryLifecycleTest {

    private static FerryConfig config(Map<String, String> values) {
        return FerryConfig.load(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void jsr289_outboundInterfaces_areTheEnabledListeningPoints() {
        FerryConfig c = config(Map.of(FerryConfig.SIP_PORT, "5070", FerryConfig.SIP_UDP, "true", FerryConfig.SIP_TCP, "false"));
        assertEquals(List.of(new OutboundInterface("192.0.2.7", 5070, "udp")), FerryLifecycle.outboundInterfaces(c, "192.0.2.7"));
    }

    @Test
    void advertisedHost_isTheConfiguredHost_orAnAddressForTheWildcard() {
        assertEquals("sip.example.com", FerryLifecycle.advertisedHost(config(Map.of(FerryConfig.HOST, "sip.example.com"))));
        String wildcard = FerryLifecycle.advertisedHost(config(Map.of(FerryConfig.HOST, "*")));
        assertFalse(wildcard.isBlank() || wildcard.equals("*"), wildcard);
    }
}
