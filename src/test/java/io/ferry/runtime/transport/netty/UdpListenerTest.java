package io.ferry.runtime.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.DatagramFlow;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpListenerTest {

    private static final byte[] OK = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final FlowTable table = new FlowTable();
    private final FlowEvents events = new FlowEvents();
    private final FakeInbound inbound = new FakeInbound().answeringDatagrams((flow, bytes) -> flow.sendBytes(ByteBuffer.wrap(OK)));
    private SipListeners listeners;

    private SipListeners start(NettyTransportConfig config) throws Exception {
        table.addListener(events);
        listeners = new SipListeners(config.withEnabled(true, false, false), table, new FlowIds(), inbound);
        listeners.start();
        return listeners;
    }

    @AfterEach
    void stop() {
        if (listeners != null) listeners.close();
    }

    private static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket in = new DatagramPacket(new byte[65536], 65536);
        socket.receive(in);
        return Arrays.copyOf(in.getData(), in.getLength());
    }

    @Test
    void rfc3261_18_3_datagramIsOneMessage_deliveredWhole_andReplyReturnsToSender() throws Exception {
        start(TransportFixtures.loopback());
        int port = listeners.port(Transport.UDP);
        byte[] options = TransportFixtures.options("udp-1");
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.setSoTimeout(5000);
            client.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), port));

            FakeInbound.Datagram got = inbound.nextDatagram();
            assertArrayEquals(options, got.bytes());
            assertTrue(got.flow() instanceof DatagramFlow);
            assertEquals(client.getLocalSocketAddress(), got.flow().remoteAddress());
            assertSame(got.flow(), table.byRemote(Transport.UDP, (InetSocketAddress) client.getLocalSocketAddress()).orElseThrow());
            assertArrayEquals(OK, receive(client));

            // a second datagram from the same address is the same flow (RFC 5626 §3)
            client.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), port));
            assertSame(got.flow(), inbound.nextDatagram().flow());
        }
    }

    @Test
    void rfc5626_3_eachRemoteAddress_isItsOwnFlow() throws Exception {
        start(TransportFixtures.loopback());
        int port = listeners.port(Transport.UDP);
        byte[] options = TransportFixtures.options("udp-2");
        try (DatagramSocket a = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket b = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            a.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), port));
            Flow fa = inbound.nextDatagram().flow();
            b.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), port));
            Flow fb = inbound.nextDatagram().flow();
            assertTrue(fa != fb && !fa.id().equals(fb.id()));
            assertEquals(2, table.size());
        }
    }

    @Test
    void udpFlow_idleForTheTimeout_isForgotten() throws Exception {
        start(TransportFixtures.loopback().withIdleTimeout(Duration.ofMillis(200)));
        byte[] options = TransportFixtures.options("udp-3");
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            client.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), listeners.port(Transport.UDP)));
            Flow flow = inbound.nextDatagram().flow();
            FlowEvents.Closed closed = events.nextClosed();
            assertSame(flow, closed.flow());
            assertEquals(CloseReason.IDLE_TIMEOUT, closed.reason());
            assertEquals(0, table.size());
        }
    }

    @Test
    void rfc3261_18_1_1_connectorUdp_sendsFromTheListeningSocket() throws Exception {
        start(TransportFixtures.loopback());
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            peer.setSoTimeout(5000);
            InetSocketAddress target = (InetSocketAddress) peer.getLocalSocketAddress();
            Flow flow = listeners.connect(Transport.UDP, target).get(5, TimeUnit.SECONDS);
            assertSame(flow, listeners.connect(Transport.UDP, target).get(5, TimeUnit.SECONDS), "reused");
            byte[] options = TransportFixtures.options("udp-out");
            assertTrue(flow.sendBytes(ByteBuffer.wrap(options)));
            DatagramPacket in = new DatagramPacket(new byte[65536], 65536);
            peer.receive(in);
            assertArrayEquals(options, Arrays.copyOf(in.getData(), in.getLength()));
            assertEquals(listeners.port(Transport.UDP), in.getPort(), "RFC 3581: sent from the listening port");
        }
    }

    @Test
    void oversizeDatagram_isDroppedWithoutAFlow() throws Exception {
        start(TransportFixtures.loopback().withLimits(io.ferry.sip.SipLimits.defaults().withMaxMessageBytes(1024)));
        byte[] big = new byte[2000];
        Arrays.fill(big, (byte) 'x');
        byte[] options = TransportFixtures.options("udp-after-big");
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = listeners.port(Transport.UDP);
            client.send(new DatagramPacket(big, big.length, InetAddress.getLoopbackAddress(), port));
            client.send(new DatagramPacket(options, options.length, InetAddress.getLoopbackAddress(), port));
            assertArrayEquals(options, inbound.nextDatagram().bytes(), "the oversize datagram was not delivered");
        }
    }
}
