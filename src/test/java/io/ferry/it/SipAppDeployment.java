package io.ferry.it;

import static io.ferry.it.FerryServerFixtures.client;
import static io.ferry.it.FerryServerFixtures.get;
import static io.ferry.it.FerryServerFixtures.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One copy of Ferry's WAR carrying sample SIP applications (test classes under io.ferry.sipapps or
 * com.example), the shared event log, the DAR of JSR 289 Appendix C that composes them, and
 * optionally a {@code WEB-INF/sip.xml}. Each IT class deploys its own in {@code @BeforeAll} and
 * closes it in {@code @AfterAll}: a node's DAR routes by method only, so applications that take
 * the same method need nodes of their own.
 *
 * <p>Assumption about the container: it reads the DAR file named by the configuration property
 * {@value #DAR_CONFIGURATION} (the system property of JSR 289 Appendix C, read here through the
 * WAR's MicroProfile Config so that each deployment has its own), a {@code file:} URI.
 *
 * @param app     the deployment's name and context root
 * @param sipPort the node's SIP port (UDP and TCP)
 */
record SipAppDeployment(String app, int sipPort) implements AutoCloseable {

    /** The configuration property naming the DAR file (JSR 289 Appendix C). */
    static final String DAR_CONFIGURATION = "javax.servlet.sip.ar.dar.configuration";

    /** The event log every deployment carries ({@code GET /<app>/sipapps/events}). */
    static final String EVENTS_PACKAGE = "io.ferry.sipapps.events";

    /**
     * Deploys {@code packages} with the DAR {@code src/test/resources/sipapps/<dar>} and, if given,
     * {@code src/test/resources/sipapps/<sipXml>} as {@code WEB-INF/sip.xml}.
     */
    static SipAppDeployment deploy(String app, String dar, List<String> packages, Optional<String> sipXml) {
        try {
            int sip = FreePorts.udpAndTcp();
            int tls = FreePorts.tcp();
            Path keyStore = TlsFixtures.selfSignedKeyStore(app, TestApplication.KEYSTORE_PASSWORD);
            Path darFile = Files.createDirectories(Path.of("target", "sipapps")).resolve(app + ".dar.properties").toAbsolutePath();
            Files.copy(resource(dar), darFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            String config = TestApplication.config(app, app, sip, tls, keyStore)
                    + DAR_CONFIGURATION + "=" + darFile.toUri() + "\n";
            List<String> all = new ArrayList<>(packages);
            all.add(EVENTS_PACKAGE);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            if (sipXml.isPresent()) {
                entries.put("WEB-INF/sip.xml", Files.readAllBytes(resource(sipXml.get())));
            }
            TestWars.deploy(app, config, all, entries);
            return new SipAppDeployment(app, sip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        return Path.of("src", "test", "resources", "sipapps", name);
    }

    /** The event log's lines so far. */
    List<String> events() throws IOException, InterruptedException {
        HttpResponse<String> r = get(client(), http("/" + app + "/sipapps/events"));
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /" + app + "/sipapps/events: " + r.statusCode() + " " + r.body());
        }
        return r.body().lines().toList();
    }

    /** The events containing every one of {@code parts} (such as {@code "app=uas"}, {@code "method=BYE"}). */
    List<String> events(String... parts) throws IOException, InterruptedException {
        return events().stream().filter(l -> {
            for (String p : parts) {
                if (!(" " + l + " ").contains(" " + p + " ")) {
                    return false;
                }
            }
            return true;
        }).toList();
    }

    /** GET on this deployment. */
    HttpResponse<String> httpGet(String pathAndQuery) throws IOException, InterruptedException {
        return get(client(), http("/" + app + pathAndQuery));
    }

    /** The plain WebSocket URL of the SIP endpoint. */
    String wsUrl() {
        return "ws://127.0.0.1:" + FerryServerFixtures.property("ferry.it.httpPort") + "/" + app + "/sip";
    }

    @Override
    public void close() {
        TestWars.undeploy(app);
    }
}
