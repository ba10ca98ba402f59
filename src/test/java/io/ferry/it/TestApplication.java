package io.ferry.it;

import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension: deploys Ferry's WAR with the test transaction user (io.ferry.testapp) once per
 * IT run, as {@code /ferry-test}, and removes it when the run ends.
 */
final class TestApplication implements BeforeAllCallback, ParameterResolver {

    static final String APP = "ferry-test";
    static final String TOKEN = "it-token-0123456789abcdef";

    /** The test deployment's configuration: small limits so that the ITs can reach them. */
    static String config(int sipPort, int sipTlsPort, java.nio.file.Path keyStore) {
        return config(APP, "ferrytest", sipPort, sipTlsPort, keyStore);
    }

    /**
     * The same configuration for another deployment {@code app} (its own metrics name and node id),
     * as the sample SIP application ITs deploy them.
     */
    static String config(String app, String nodeId, int sipPort, int sipTlsPort, java.nio.file.Path keyStore) {
        return BASE_CONFIG
                .replace("mp.metrics.appName=" + APP + "\n", "mp.metrics.appName=" + app + "\n")
                .replace("ferry.node-id=ferrytest\n", "ferry.node-id=" + nodeId + "\n")
                + "ferry.sip.port=" + sipPort + "\n"
                + "ferry.sip.tls.port=" + sipTlsPort + "\n"
                + "ferry.sip.tls.keystore=" + keyStore.toAbsolutePath() + "\n"
                + "ferry.sip.tls.keystore-password=" + KEYSTORE_PASSWORD + "\n";
    }

    static final String KEYSTORE_PASSWORD = "it-sip-tls-secret";

    static final String BASE_CONFIG = String.join("\n",
            // above the environment (300) and system properties (400): server.env sets FERRY_SIP_PORT
            "config_ordinal=500",
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

    /** Where the test deployment's SIP listeners are (free ports chosen per run). */
    record Deployed(int sipPort, int sipTlsPort) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            TestWars.undeploy(APP);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        deployed(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Deployed.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return deployed(context);
    }

    static Deployed deployed(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(TestApplication.class))
                .getOrComputeIfAbsent(APP, k -> {
                    int sip = FreePorts.udpAndTcp();
                    int tls = FreePorts.tcp();
                    java.nio.file.Path keyStore = TlsFixtures.selfSignedKeyStore("sip-it", KEYSTORE_PASSWORD);
                    TestWars.deploy(APP, config(sip, tls, keyStore), List.of("io.ferry.testapp"));
                    return new Deployed(sip, tls);
                }, Deployed.class);
    }
}
