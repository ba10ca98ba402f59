package io.ferry.it;

import static io.ferry.it.FerryServerFixtures.client;
import static io.ferry.it.FerryServerFixtures.get;
import static io.ferry.it.FerryServerFixtures.http;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIP over UDP, TCP and TLS (Netty listeners) and over WSS (Liberty's HTTPS endpoint), answered
 * through the transaction layer by the test transaction user; sipp drives UDP and TCP.
 */
@ExtendWith(TestApplication.class)
@TestMethodOrder(MethodOrderer.MethodName.class)
class SipTransportsIT {

    private static TestApplication.Deployed deployed;

    @BeforeAll
    static void deployment(TestApplication.Deployed d) {
        deployed = d;
    }

    private static List<String> events() throws Exception {
        return get(client(), http("/" + TestApplication.APP + "/test/events")).body().lines().toList();
    }

    private static String branch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private static String readMessage(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (!b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after: " + b);
            }
            b.append((char) c);
        }
        return b.toString();
    }

    @Test
    void sipp_optionsOverUdp_isAnswered200() throws Exception {
        Sipp.Result r = Sipp.run("options", "u1", deployed.sipPort());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void sipp_optionsOverTcp_isAnswered200() throws Exception {
        Sipp.Result r = Sipp.run("options", "t1", deployed.sipPort());
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void rfc3261_17_2_2_retransmittedOptionsOverUdp_isAbsorbed() throws Exception {
        long before = events().stream().filter(l -> l.startsWith("request OPTIONS") && l.contains("transport=UDP")).count();
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            client.setSoTimeout(10_000);
            String b = branch();
            byte[] request = SipWebSocketIT.options(b, "retrans-" + b)
                    .replace("SIP/2.0/WS df7jal23ls0d.invalid;branch=" + b + ";rport", "SIP/2.0/UDP 127.0.0.1:" + client.getLocalPort() + ";branch=" + b)
                    .getBytes(StandardCharsets.US_ASCII);
            String[] responses = new String[2];
            for (int i = 0; i < 2; i++) {
                client.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), deployed.sipPort()));
                DatagramPacket in = new DatagramPacket(new byte[8192], 8192);
                client.receive(in);
                responses[i] = new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
            }
            assertTrue(responses[0].startsWith("SIP/2.0 200 OK"), responses[0]);
            assertEquals(responses[0], responses[1], "the retransmission gets the same response again");
        }
        long after = events().stream().filter(l -> l.startsWith("request OPTIONS") && l.contains("transport=UDP")).count();
        assertEquals(1, after - before, "the transaction user sees the request once");
    }

    @Test
    void rfc5626_4_4_1_tcpDoubleCrlf_isAnsweredWithCrlf() throws Exception {
        try (Socket s = new Socket("127.0.0.1", deployed.sipPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals('\r', s.getInputStream().read());
            assertEquals('\n', s.getInputStream().read());
        }
    }

    @Test
    void tcpGarbage_closesThatConnectionOnly() throws Exception {
        try (Socket other = new Socket("127.0.0.1", deployed.sipPort()); Socket bad = new Socket("127.0.0.1", deployed.sipPort())) {
            bad.setSoTimeout(10_000);
            other.setSoTimeout(10_000);
            bad.getOutputStream().write(("x".repeat(70_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(closedByServer(bad.getInputStream()), "an unframeable stream is closed");
            String b = branch();
            other.getOutputStream().write(SipWebSocketIT.options(b, "tcp-" + b).replace("SIP/2.0/WS df7jal23ls0d.invalid", "SIP/2.0/TCP 127.0.0.1:9")
                    .getBytes(StandardCharsets.US_ASCII));
            assertTrue(readMessage(other.getInputStream()).startsWith("SIP/2.0 200 OK"));
        }
    }

    /** True when the server closes the connection: an orderly end of stream or a reset (unread input). */
    private static boolean closedByServer(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) > 0) {
                // responses, if any, before the close
            }
            return true;
        } catch (java.net.SocketException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    @Test
    void optionsOverTls_isAnswered_andTheFlowCarriesTlsInfo() throws Exception {
        try (SSLSocket s = TlsFixtures.connect(deployed.sipTlsPort())) {
            String b = branch();
            s.getOutputStream().write(SipWebSocketIT.options(b, "tls-" + b).replace("SIP/2.0/WS df7jal23ls0d.invalid", "SIP/2.0/TLS 127.0.0.1:9")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = readMessage(s.getInputStream());
            assertTrue(response.startsWith("SIP/2.0 200 OK"), response);
            await().atMost(Duration.ofSeconds(5)).until(() -> events().stream()
                    .anyMatch(l -> l.contains("call-id=tls-" + b) && l.contains("transport=TLS") && l.contains("tls=true")
                            && l.contains("cipher=TLS_")));
        }
    }

    @Test
    void optionsOverWss_isAnswered_andTheFlowIsSecure() throws Exception {
        int httpsPort = Integer.parseInt(FerryServerFixtures.property("ferry.it.httpsPort"));
        try (SSLSocket s = TlsFixtures.connect(httpsPort);
             RawWebSocket ws = RawWebSocket.connect(s, httpsPort, "/" + TestApplication.APP + "/sip",
                     Map.of("Origin", "https://app.example.com", "X-Forwarded-For", "198.51.100.251"))) {
            assertEquals(101, ws.status, ws.body);
            String b = branch();
            ws.sendText(SipWebSocketIT.options(b, "wss-" + b).replace("SIP/2.0/WS ", "SIP/2.0/WSS "));
            assertTrue(ws.readSkippingPings().text().startsWith("SIP/2.0 200 OK"));
            await().atMost(Duration.ofSeconds(5)).until(() -> events().stream()
                    .anyMatch(l -> l.contains("call-id=wss-" + b) && l.contains("transport=WSS") && l.contains("tls=true")));
        }
    }
}
