package io.ferry.it;

import static io.ferry.it.FerryServerFixtures.client;
import static io.ferry.it.FerryServerFixtures.get;
import static io.ferry.it.FerryServerFixtures.http;
import static io.ferry.it.FerryServerFixtures.messagesLog;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A SIP servlet whose {@code init()} throws fails the deployment of its WAR (startup follows the
 * web application's lifecycle): the application does not start, its SIP ports stay free, and the
 * other deployments are not affected.
 */
class BadSipApplicationIT {

    private static final String APP = "ferry-broken";

    @Test
    void servletInitFailure_failsTheDeployment_andOpensNoSipPort() throws Exception {
        int sip = FreePorts.udpAndTcp();
        int tls = FreePorts.tcp();
        int logBefore = messagesLog().length();
        TestWars.write(APP, TestApplication.config(APP, "ferry-broken", sip, tls,
                TlsFixtures.selfSignedKeyStore("broken-it", TestApplication.KEYSTORE_PASSWORD)), List.of("io.ferry.sipapps.broken"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                messagesLog().substring(logBefore).matches("(?s).*(CWWKZ0012I|CWWKZ000[24]E)[^\\n]*" + APP + "\\b.*"));
        String log = messagesLog().substring(logBefore);
        assertTrue(log.contains("broken on purpose"), "the log names the servlet's failure");
        assertTrue(log.contains("servlet broken"), "the log names the servlet");
        assertEquals(404, get(client(), http("/" + APP + "/health")).statusCode(), "the application is not started");
        try (ServerSocket tcp = new ServerSocket(sip, 1, InetAddress.getLoopbackAddress());
             DatagramSocket udp = new DatagramSocket(sip, InetAddress.getLoopbackAddress())) {
            assertTrue(tcp.isBound() && udp.isBound(), "no SIP listener was left open on " + sip);
        }
        var ferry = get(client(), http("/health/live"));
        assertTrue(ferry.body().contains("\"status\":\"UP\""), "the running Ferry is not affected: " + ferry.body());
    }

    @AfterAll
    static void remove() throws Exception {
        Files.deleteIfExists(TestWars.dropin(APP));
    }
}
