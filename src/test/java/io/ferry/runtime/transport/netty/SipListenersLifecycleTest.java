package io.ferry.runtime.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.Transport;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SipListenersLifecycleTest {

    private static List<String> ferryThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(SipListeners.THREAD_PREFIX))
                .toList();
    }

    /** One round of a deployment: start, carry a TCP and a UDP message, stop. */
    private static void deployment(NettyTransportConfig config, FlowTable table, FlowEvents events) throws Exception {
        FakeInbound inbound = new FakeInbound();
        SipListeners l = new SipListeners(config, table, new FlowIds(), inbound);
        l.start();
        try {
            assertTrue(l.isRunning());
            assertEquals(config.tcpPort() == 0 ? l.port(Transport.TCP) : config.tcpPort(), l.port(Transport.TCP));
            Socket tcp = new Socket("127.0.0.1", l.port(Transport.TCP));
            tcp.getOutputStream().write(TransportFixtures.options("deploy"));
            assertEquals(Transport.TCP, inbound.nextFrame().flow().transport());
            byte[] m = TransportFixtures.options("deploy-udp");
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                udp.send(new DatagramPacket(m, m.length, InetAddress.getLoopbackAddress(), l.port(Transport.UDP)));
                inbound.nextDatagram();
            }
            assertEquals(2, table.size());
            events.opened.clear();
            l.close();
            assertEquals(-1, tcp.getInputStream().read(), "the TCP connection was closed");
            tcp.close();
        } finally {
            l.close();
        }
        assertFalse(l.isRunning());
        assertEquals(-1, l.port(Transport.TCP));
        // every flow was closed with SHUTDOWN and left the table
        assertEquals(0, table.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(CloseReason.SHUTDOWN, events.nextClosed().reason());
        }
    }

    @Test
    void redeploy_startCloseStart_onTheSamePorts_leavesNoThreads() throws Exception {
        FlowTable table = new FlowTable();
        FlowEvents events = new FlowEvents();
        table.addListener(events);
        NettyTransportConfig ephemeral = TransportFixtures.loopback().withEnabled(true, true, false);
        int tcpPort;
        int udpPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             DatagramSocket probeUdp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            tcpPort = probe.getLocalPort();
            udpPort = probeUdp.getLocalPort();
        }
        NettyTransportConfig fixed = ephemeral.withPorts(udpPort, tcpPort, 0);
        deployment(fixed, table, events);
        assertEquals(List.of(), ferryThreads(), "event loop threads left after close");
        deployment(fixed, table, events);
        assertEquals(List.of(), ferryThreads(), "event loop threads left after the second close");
    }

    @Test
    void start_onAPortInUse_failsNamingTheListener_andLeavesNoThreads() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SipListeners l = new SipListeners(TransportFixtures.loopback().withEnabled(false, true, false)
                    .withPorts(0, busy.getLocalPort(), 0), new FlowTable(), new FlowIds(), new FakeInbound());
            IOException e = assertThrows(IOException.class, l::start);
            assertTrue(e.getMessage().contains("SIP TCP listener"), e.getMessage());
            assertFalse(l.isRunning());
        }
        assertEquals(List.of(), ferryThreads());
    }

    @Test
    void connect_whenStopped_failsTheFuture() {
        SipListeners l = new SipListeners(TransportFixtures.loopback(), new FlowTable(), new FlowIds(), new FakeInbound());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> l.connect(Transport.TCP, new InetSocketAddress("127.0.0.1", 5060)).get(5, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void config_rejectsTlsWithoutKeyStore_andQueueSmallerThanAMessage() {
        assertThrows(IllegalArgumentException.class, () -> NettyTransportConfig.defaults().withEnabled(true, true, true));
        assertThrows(IllegalArgumentException.class, () -> NettyTransportConfig.defaults().withMaxOutboundQueueBytes(1000));
        assertThrows(IllegalArgumentException.class, () -> NettyTransportConfig.defaults().withPorts(70000, 5060, 5061));
    }

    @Test
    void close_isIdempotent_andFlowsCannotSendAfterIt() throws Exception {
        FlowTable table = new FlowTable();
        FlowEvents events = new FlowEvents();
        table.addListener(events);
        SipListeners l = new SipListeners(TransportFixtures.loopback().withEnabled(false, true, false), table, new FlowIds(),
                new FakeInbound());
        l.start();
        try (Socket s = new Socket("127.0.0.1", l.port(Transport.TCP))) {
            Flow flow = events.nextOpened();
            l.close();
            l.close();
            assertFalse(flow.isOpen());
            assertEquals(CloseReason.SHUTDOWN, flow.closeReason().orElseThrow());
            assertFalse(flow.sendBytes(java.nio.ByteBuffer.wrap(TransportFixtures.options("late"))));
            assertEquals(-1, s.getInputStream().read(), "the connection was closed");
        }
        assertEquals(List.of(), ferryThreads());
    }
}
