package io.ferry.it;

import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: deploys Ferry's WAR with the test transaction user (io.ferry.testapp) once per
 * IT run, as {@code /ferry-test}, and removes it when the run ends.
 */
final class TestApplication implements BeforeAllCallback {

    static final String APP = "ferry-test";
    static final String TOKEN = "it-token-0123456789abcdef";

    /** The test deployment's configuration: small limits so that the ITs can reach them. */
    static final String CONFIG = String.join("\n",
            "mp.metrics.appName=" + APP,
            "ferry.node-id=ferrytest",
            "ferry.ws.allowed-origins=https://app.example.com,https://*.example.org",
            "ferry.ws.allow-missing-origin=true",
            "ferry.ws.allowed-hosts=localhost,127.0.0.1",
            "ferry.ws.token=optional",
            "ferry.ws.tokens=" + TOKEN,
            "ferry.ws.max-connections-per-address=3",
            "ferry.ws.handshakes-per-second=5",
            "ferry.ws.handshake-burst=10",
            "ferry.ws.max-message-bytes=8192",
            "ferry.ws.ping-interval-seconds=1",
            "ferry.trusted-proxies=127.0.0.1,::1",
            "");

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.create(TestApplication.class))
                .getOrComputeIfAbsent(APP, k -> {
                    TestWars.deploy(APP, CONFIG, List.of("io.ferry.testapp"));
                    return (ExtensionContext.Store.CloseableResource) () -> TestWars.undeploy(APP);
                });
    }
}
