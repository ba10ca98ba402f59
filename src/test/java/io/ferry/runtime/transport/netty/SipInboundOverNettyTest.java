package io.ferry.runtime.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.SipInbound;
import io.ferry.runtime.transport.SipMessageHandler;
import io.ferry.runtime.transport.Transport;
import io.ferry.sip.SanityCheck;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty listeners in front of the real inbound path: parse, reject, Via stamping, answer on the same flow. */
class SipInboundOverNettyTest {

    private final FlowTable table = new FlowTable();
    private SipListeners listeners;

    @BeforeEach
    void start() throws Exception {
        SipMessageHandler okToEverything = new SipMessageHandler() {
            @Override
            public void onRequest(Flow flow, SipRequest request) {
                // RFC 3261 §18.2.2: the response goes back on the flow the request came in on
                flow.send(request.createResponse(200, "OK"));
            }

            @Override
            public void onResponse(Flow flow, SipResponse response) {
            }
        };
        listeners = new SipListeners(TransportFixtures.loopback(), table, new FlowIds(),
                new SipInbound(new SipParser(), new SanityCheck("ferry.test", Set.of()), okToEverything));
        listeners.start();
    }

    @AfterEach
    void stop() {
        listeners.close();
    }

    @Test
    void rfc3261_18_2_2_udpOptions_isAnswered200_toTheSender_withReceivedAndRport() throws Exception {
        byte[] options = new String(TransportFixtures.options("inbound-udp"), StandardCharsets.US_ASCII)
                .replace(";branch=", ";rport;branch=").getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(5000);
            client.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), listeners.port(Transport.UDP)));
            DatagramPacket in = new DatagramPacket(new byte[65536], 65536);
            client.receive(in);
            String response = new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("SIP/2.0 200 OK\r\n"), response);
            assertTrue(response.contains("rport=" + client.getLocalPort()), response);
            assertTrue(response.contains("Call-ID: inbound-udp"), response);
        }
    }

    @Test
    void rfc3261_8_2_2_tcpRequestWithOtherVersion_isAnswered505_andTheConnectionStays() throws Exception {
        String bad = new String(TransportFixtures.options("x"), StandardCharsets.US_ASCII).replace("127.0.0.1 SIP/2.0\r\n", "127.0.0.1 SIP/3.0\r\n");
        try (Socket s = new Socket("127.0.0.1", listeners.port(Transport.TCP))) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(bad.getBytes(StandardCharsets.US_ASCII));
            BufferedReader reader = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String status = reader.readLine();
            assertTrue(status.startsWith("SIP/2.0 505"), status);
            skipMessage(reader);
            s.getOutputStream().write(TransportFixtures.options("after-400"));
            assertEquals("SIP/2.0 200 OK", reader.readLine());
        }
    }

    private static void skipMessage(BufferedReader reader) throws Exception {
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            // headers of the 400 (Content-Length: 0)
        }
    }
}
