package io.ferry.it;

import static io.ferry.it.FerryServerFixtures.client;
import static io.ferry.it.FerryServerFixtures.get;
import static io.ferry.it.FerryServerFixtures.http;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIP over WebSocket (RFC 7118) through the handshake policy, the transport violation path and
 * the transaction layer, against the test transaction user in {@code /ferry-test}. Each test
 * claims its own client address through X-Forwarded-For (127.0.0.1 is a trusted proxy in the test
 * deployment), so per-address quotas do not interfere between tests.
 */
@ExtendWith(TestApplication.class)
class SipWebSocketIT {

    private static final String PATH = "/" + TestApplication.APP + "/sip";

    private static int port() {
        return Integer.parseInt(FerryServerFixtures.property("ferry.it.httpPort"));
    }

    /** A client address of its own per call (random ones collided: a rate-limit test made another test's address 429). */
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_IP = new java.util.concurrent.atomic.AtomicInteger(1);

    private static String clientIp() {
        // 198.51.100.77 and .251 belong to other ITs of the same deployment
        int n;
        do {
            n = 1 + (NEXT_IP.getAndIncrement() - 1) % 249;
        } while (n == 77);
        return "198.51.100." + n;
    }

    private static RawWebSocket connect(String ip, Map<String, String> headers) throws IOException {
        Map<String, String> h = new HashMap<>(headers);
        h.put("X-Forwarded-For", ip);
        return RawWebSocket.connect(port(), PATH, h);
    }

    private static RawWebSocket open(String ip) throws IOException {
        RawWebSocket ws = connect(ip, Map.of("Origin", "https://app.example.com"));
        assertEquals(101, ws.status, ws.body);
        return ws;
    }

    static String options(String branch, String callId) {
        return "OPTIONS sip:ferry@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: <sip:ferry@127.0.0.1>\r\n"
                + "From: <sip:alice@example.com>;tag=a73kszlfl\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static String branch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    // --- handshake policy ---------------------------------------------------------------------

    @Test
    void rfc7118_4_allowedOrigin_negotiatesSubprotocolSip() throws Exception {
        try (RawWebSocket ws = open(clientIp())) {
            assertEquals("sip", ws.headers.get("sec-websocket-protocol"));
        }
    }

    @Test
    void originNotAllowed_isRefused403WithReason() throws Exception {
        try (RawWebSocket ws = connect(clientIp(), Map.of("Origin", "https://evil.example.net"))) {
            assertEquals(403, ws.status);
            assertEquals("origin_not_allowed", ws.headers.get("x-ferry-refusal"));
            assertTrue(ws.body.contains("Origin not allowed: https://evil.example.net"), ws.body);
        }
    }

    /** docs/websocket.md: Liberty's websocket-1.1 does not negotiate RFC 7692; this notices if that changes. */
    @Test
    void rfc7692_permessageDeflateOffer_isNotNegotiatedByLiberty() throws Exception {
        try (RawWebSocket ws = connect(clientIp(), Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
            assertEquals(101, ws.status, ws.body);
            assertEquals(null, ws.headers.get("sec-websocket-extensions"), "no extension in the 101 response");
            ws.sendText(options(branch(), "no-deflate"));
            assertTrue(ws.readSkippingPings().text().startsWith("SIP/2.0 200 OK"), "uncompressed frames work");
        }
    }

    @Test
    void wildcardOrigin_isAccepted() throws Exception {
        try (RawWebSocket ws = connect(clientIp(), Map.of("Origin", "https://phone.example.org"))) {
            assertEquals(101, ws.status, ws.body);
        }
    }

    @Test
    void noSubprotocol_isRefused400() throws Exception {
        Map<String, String> h = new HashMap<>();
        h.put("Sec-WebSocket-Protocol", null);
        try (RawWebSocket ws = connect(clientIp(), h)) {
            assertEquals(400, ws.status);
            assertEquals("no_supported_subprotocol", ws.headers.get("x-ferry-refusal"));
        }
    }

    @Test
    void hostNotConfigured_isRefused403() throws Exception {
        try (RawWebSocket ws = connect(clientIp(), Map.of("Host", "evil.example.com"))) {
            assertEquals(403, ws.status);
            assertEquals("host_not_allowed", ws.headers.get("x-ferry-refusal"));
        }
    }

    @Test
    void wrongToken_isRefused401_rightTokenAccepted() throws Exception {
        String ip = clientIp();
        try (RawWebSocket bad = RawWebSocket.connect(port(), PATH + "?token=not-the-token", Map.of("X-Forwarded-For", ip))) {
            assertEquals(401, bad.status);
            assertEquals("token_invalid", bad.headers.get("x-ferry-refusal"));
        }
        try (RawWebSocket good = connect(ip, Map.of("Authorization", "Bearer " + TestApplication.TOKEN))) {
            assertEquals(101, good.status, good.body);
        }
    }

    @Test
    void connectionsPerAddress_overQuota_isRefused429_andFreedOnClose() throws Exception {
        String ip = clientIp();
        List<RawWebSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(open(ip));
            }
            try (RawWebSocket fourth = connect(ip, Map.of())) {
                assertEquals(429, fourth.status);
                assertEquals("too_many_connections", fourth.headers.get("x-ferry-refusal"));
            }
            open.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try (RawWebSocket again = connect(ip, Map.of())) {
                    return again.status == 101;
                }
            });
        } finally {
            for (RawWebSocket ws : open) {
                ws.close();
            }
        }
    }

    @Test
    void handshakeFlood_fromOneAddress_isRefused429() throws Exception {
        String ip = clientIp();
        int refused = 0;
        for (int i = 0; i < 14; i++) {
            try (RawWebSocket ws = connect(ip, Map.of("Origin", "https://evil.example.net"))) {
                if (ws.status == 429) {
                    assertEquals("handshake_rate", ws.headers.get("x-ferry-refusal"));
                    refused++;
                }
            }
        }
        assertTrue(refused >= 1, "a burst of 14 handshakes exceeds the burst of 10");
    }

    // --- SIP over the flow --------------------------------------------------------------------

    @Test
    void rfc3261_18_2_1_optionsOverWs_isAnsweredWithReceivedAndRport() throws Exception {
        String ip = clientIp();
        try (RawWebSocket ws = open(ip)) {
            String branch = branch();
            ws.sendText(options(branch, "c1-" + branch));
            String response = ws.readSkippingPings().text();
            assertTrue(response.startsWith("SIP/2.0 200 OK\r\n"), response);
            Matcher via = Pattern.compile("(?m)^Via: ([^\r\n]*)").matcher(response);
            assertTrue(via.find(), response);
            assertTrue(via.group(1).contains("branch=" + branch), via.group(1));
            assertTrue(via.group(1).contains("received=" + ip), "RFC 3261 §18.2.1: received is the client address: " + via.group(1));
            assertTrue(via.group(1).matches(".*;rport=\\d+.*"), "RFC 3581: rport filled: " + via.group(1));
            assertTrue(response.contains("Call-ID: c1-" + branch + "\r\n"), response);
            assertTrue(response.matches("(?s).*\r\nTo: <sip:ferry@127.0.0.1>;tag=\\S+\r\n.*"), "a To tag is added: " + response);
        }
    }

    @Test
    void rfc6455_5_4_fragmentedMessage_isReassembled() throws Exception {
        try (RawWebSocket ws = open(clientIp())) {
            byte[] message = options(branch(), "frag").getBytes(StandardCharsets.UTF_8);
            int half = message.length / 2;
            ws.send(0x1, false, java.util.Arrays.copyOfRange(message, 0, half));
            ws.send(0x0, true, java.util.Arrays.copyOfRange(message, half, message.length));
            assertTrue(ws.readSkippingPings().text().startsWith("SIP/2.0 200 OK"));
        }
    }

    @Test
    void binaryFrame_carriesSipToo() throws Exception {
        try (RawWebSocket ws = open(clientIp())) {
            ws.send(0x2, true, options(branch(), "bin").getBytes(StandardCharsets.UTF_8));
            assertTrue(ws.readSkippingPings().text().startsWith("SIP/2.0 200 OK"));
        }
    }

    @Test
    void rfc5626_4_4_1_crlfKeepalive_isAnswered() throws Exception {
        try (RawWebSocket ws = open(clientIp())) {
            ws.sendText("\r\n\r\n");
            assertEquals("\r\n", ws.readSkippingPings().text());
        }
    }

    @Test
    void oversizeMessage_closes1009_andOtherFlowsGoOn() throws Exception {
        try (RawWebSocket other = open(clientIp()); RawWebSocket ws = open(clientIp())) {
            ws.sendText("OPTIONS sip:x SIP/2.0\r\nX-Pad: " + "a".repeat(9000) + "\r\n\r\n");
            RawWebSocket.Frame close = ws.readSkippingPings();
            assertEquals(0x8, close.opcode());
            assertEquals(1009, close.closeCode());
            other.sendText(options(branch(), "after-1009"));
            assertTrue(other.readSkippingPings().text().startsWith("SIP/2.0 200 OK"));
        }
    }

    @Test
    void garbage_closes1007_andOtherFlowsGoOn() throws Exception {
        try (RawWebSocket other = open(clientIp()); RawWebSocket ws = open(clientIp())) {
            ws.sendText("hello, this is not SIP");
            RawWebSocket.Frame close = ws.readSkippingPings();
            assertEquals(0x8, close.opcode());
            assertEquals(1007, close.closeCode());
            other.sendText(options(branch(), "after-1007"));
            assertTrue(other.readSkippingPings().text().startsWith("SIP/2.0 200 OK"));
        }
    }

    @Test
    void rfc3261_8_1_1_requestWithoutCallId_gets400WithWarning_andTheFlowStays() throws Exception {
        try (RawWebSocket ws = open(clientIp())) {
            ws.sendText(options(branch(), "x").replace("Call-ID: x\r\n", ""));
            String response = ws.readSkippingPings().text();
            assertTrue(response.startsWith("SIP/2.0 400 "), response);
            assertTrue(response.contains("Call-ID"), "the reason names the fault: " + response);
            assertTrue(response.contains("\r\nWarning: 399 "), response);
            ws.sendText(options(branch(), "still-open"));
            assertTrue(ws.readSkippingPings().text().startsWith("SIP/2.0 200 OK"));
        }
    }

    @Test
    void rfc6455_5_5_2_peerThatNeverPongs_isClosed() throws Exception {
        try (RawWebSocket ws = open(clientIp())) {
            ws.timeout(15_000);
            RawWebSocket.Frame close = ws.readSkippingPings();
            assertEquals(0x8, close.opcode(), "the server gives up on a peer that ignores its pings (1 s interval)");
            assertEquals(1001, close.closeCode());
        }
    }

    @Test
    void peerThatPongs_staysOpen() throws Exception {
        try (RawWebSocket ws = open(clientIp())) {
            ws.timeout(500);
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int pings = 0;
            while (System.nanoTime() < end) {
                try {
                    RawWebSocket.Frame f = ws.read();
                    assertEquals(0x9, f.opcode(), "only pings arrive on an idle flow");
                    ws.send(0xA, true, f.payload());
                    pings++;
                } catch (SocketTimeoutException e) {
                    // no frame in this half second
                }
            }
            assertTrue(pings >= 3, "pings every second: " + pings);
            ws.sendText(options(branch(), "after-pings"));
            ws.timeout(5_000);
            RawWebSocket.Frame f;
            do {
                f = ws.read();
            } while (f.opcode() == 0x9);
            assertTrue(f.text().startsWith("SIP/2.0 200 OK"));
        }
    }

    @Test
    void rfc5626_5_3_flowClosedMidTransaction_failsTheClientTransactionAtOnce() throws Exception {
        String ip = clientIp();
        RawWebSocket ws = open(ip);
        String branch = branch();
        ws.sendText(options(branch, "pb-" + branch).replace("OPTIONS sip:ferry", "MESSAGE sip:ferry")
                .replace("CSeq: 1 OPTIONS", "CSeq: 1 MESSAGE").replace("Content-Length: 0", "X-Test: ping-back\r\nContent-Length: 0"));
        String first = ws.readSkippingPings().text();
        String second = ws.readSkippingPings().text();
        String options = first.startsWith("OPTIONS") ? first : second;
        assertTrue(options.startsWith("OPTIONS sip:client@"), "Ferry sends a request back on the flow: " + first + second);
        ws.close();   // the client vanishes without answering
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                get(client(), http("/" + TestApplication.APP + "/test/events")).body().lines()
                        .anyMatch(l -> l.startsWith("response 430 method=OPTIONS")));
        String line = get(client(), http("/" + TestApplication.APP + "/test/events")).body().lines()
                .filter(l -> l.startsWith("response 430")).findFirst().orElseThrow();
        long afterMs = Long.parseLong(line.replaceAll(".*after-ms=(\\d+).*", "$1"));
        assertTrue(afterMs < 5_000, "failed at once, not after Timer F (32 s): " + line);
    }

    @Test
    void metrics_showOpenFlowsAndRefusalsByReason() throws Exception {
        try (RawWebSocket bad = connect(clientIp(), Map.of("Origin", "https://evil.example.net"));
             RawWebSocket ws = open(clientIp())) {
            assertEquals(403, bad.status);
            ws.sendText(options(branch(), "metrics"));
            assertTrue(ws.readSkippingPings().text().startsWith("SIP/2.0 200 OK"));
            String metrics = get(client(), http("/metrics/application")).body();
            String app = "_app=\"" + TestApplication.APP + "\"";
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("application_ferry_flows{") && l.contains(app)
                    && l.contains("transport=\"ws\"") && !l.endsWith(" 0") && !l.endsWith(" 0.0")), "open ws flows are counted");
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("application_ferry_ws_handshakes_refused_total{") && l.contains(app)
                    && l.contains("reason=\"origin_not_allowed\"") && !l.endsWith(" 0") && !l.endsWith(" 0.0")), "refusals by reason");
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("application_ferry_sip_messages_in_total{") && l.contains(app)
                    && l.contains("transport=\"ws\"") && !l.endsWith(" 0") && !l.endsWith(" 0.0")), "messages in");
        }
    }
}
