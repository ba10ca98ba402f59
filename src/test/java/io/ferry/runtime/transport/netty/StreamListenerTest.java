package io.ferry.runtime.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.StreamFlow;
import io.ferry.runtime.transport.Transport;
import io.ferry.sip.SipFrame;
import io.ferry.sip.SipLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamListenerTest {

    private final FlowTable table = new FlowTable();
    private final FlowEvents events = new FlowEvents();
    private final FakeInbound inbound = new FakeInbound();
    private SipListeners listeners;

    private void start(NettyTransportConfig config) throws Exception {
        table.addListener(events);
        listeners = new SipListeners(config.withEnabled(false, true, false), table, new FlowIds(), inbound);
        listeners.start();
    }

    @AfterEach
    void stop() {
        if (listeners != null) listeners.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(10_000);
        s.connect(new InetSocketAddress("127.0.0.1", listeners.port(Transport.TCP)));
        return s;
    }

    private static String callId(FakeInbound.Frame f) {
        return assertInstanceOf(SipFrame.Message.class, f.frame()).message().callId().orElseThrow();
    }

    /** Reads until the peer closes (-1) or resets the connection; true when it did either. */
    private static boolean closedByPeer(InputStream in) throws IOException {
        try {
            byte[] b = new byte[4096];
            while (true) {
                if (in.read(b) < 0) return true;
            }
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void rfc3261_18_3_splitAndMergedSegments_giveOneFramePerMessage() throws Exception {
        start(TransportFixtures.loopback());
        byte[] m1 = TransportFixtures.options("tcp-1");
        byte[] m2 = TransportFixtures.options("tcp-2");
        byte[] m3 = TransportFixtures.options("tcp-3");
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(Arrays.copyOfRange(m1, 0, 17));
            out.flush();
            out.write(Arrays.copyOfRange(m1, 17, m1.length - 3));
            out.flush();
            byte[] merged = new byte[3 + m2.length + 5];
            System.arraycopy(m1, m1.length - 3, merged, 0, 3);
            System.arraycopy(m2, 0, merged, 3, m2.length);
            System.arraycopy(m3, 0, merged, 3 + m2.length, 5);
            out.write(merged);
            out.write(Arrays.copyOfRange(m3, 5, m3.length));
            out.flush();

            FakeInbound.Frame f1 = inbound.nextFrame();
            assertEquals("tcp-1", callId(f1));
            assertEquals("tcp-2", callId(inbound.nextFrame()));
            assertEquals("tcp-3", callId(inbound.nextFrame()));
            Flow flow = f1.flow();
            assertInstanceOf(StreamFlow.class, flow);
            assertEquals(Transport.TCP, flow.transport());
            assertEquals(s.getLocalSocketAddress(), flow.remoteAddress());
            assertSame(flow, table.get(flow.id()).orElseThrow());
            // the transport counts bytes; messages are counted by the inbound handler that parses them
            assertEquals(m1.length + m2.length + m3.length, flow.counters().snapshot().bytesIn());
        }
        FlowEvents.Closed closed = events.nextClosed();
        assertEquals(CloseReason.PEER_CLOSED, closed.reason());
        assertEquals(0, table.size());
    }

    @Test
    void rfc5626_4_4_1_doubleCrlfPing_isAnsweredWithCrlfPong() throws Exception {
        start(TransportFixtures.loopback());
        try (Socket s = connect()) {
            s.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] pong = s.getInputStream().readNBytes(2);
            assertArrayEquals(new byte[] {'\r', '\n'}, pong);
            // the ping is not delivered; the next message still is
            s.getOutputStream().write(TransportFixtures.options("after-ping"));
            assertEquals("after-ping", callId(inbound.nextFrame()));
        }
    }

    @Test
    void rfc5626_4_4_1_singleCrlfPong_isDeliveredAsPong() throws Exception {
        start(TransportFixtures.loopback());
        try (Socket s = connect()) {
            byte[] pong = "\r\n".getBytes(StandardCharsets.US_ASCII);
            byte[] m = TransportFixtures.options("after-pong");
            byte[] both = new byte[pong.length + m.length];
            System.arraycopy(pong, 0, both, 0, 2);
            System.arraycopy(m, 0, both, 2, m.length);
            s.getOutputStream().write(both);
            assertInstanceOf(SipFrame.Pong.class, inbound.nextFrame().frame());
            assertEquals("after-pong", callId(inbound.nextFrame()));
        }
    }

    @Test
    void rfc3261_18_3_oversizeHeader_closesConnection_withLogLine() throws Exception {
        start(TransportFixtures.loopback().withLimits(SipLimits.defaults().withMaxMessageBytes(1024))
                .withMaxOutboundQueueBytes(64 * 1024));
        try (TransportFixtures.LogCapture log = new TransportFixtures.LogCapture(StreamFlowHandler.class);
             Socket s = connect(); Socket other = connect()) {
            StringBuilder sb = new StringBuilder("OPTIONS sip:a@127.0.0.1 SIP/2.0\r\n");
            while (sb.length() < 2000) sb.append("X-Filler: ").append("y".repeat(60)).append("\r\n");
            try {
                s.getOutputStream().write(sb.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (SocketException resetWhileWriting) {
                // the server may already have reset the connection
            }
            assertTrue(closedByPeer(s.getInputStream()));
            FlowEvents.Closed closed = events.nextClosed();
            assertEquals(CloseReason.TOO_BIG, closed.reason());
            assertEquals(1, closed.flow().counters().snapshot().rejects());
            String id = closed.flow().id().value();
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("flow=" + id) && l.contains("closing: RFC 3261 §18.3 framing")
                    && l.contains("at offset 0")), log.lines().toString());

            // another connection is not affected
            other.getOutputStream().write(TransportFixtures.options("still-here"));
            assertEquals("still-here", callId(inbound.nextFrame()));
        }
    }

    @Test
    void rfc3261_18_3_missingContentLength_losesFramingAndCloses() throws Exception {
        start(TransportFixtures.loopback());
        try (Socket s = connect()) {
            s.getOutputStream().write(("OPTIONS sip:a@127.0.0.1 SIP/2.0\r\nCall-ID: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(closedByPeer(s.getInputStream()));
            assertEquals(CloseReason.PROTOCOL_ERROR, events.nextClosed().reason());
        }
    }

    @Test
    void badMessageWithGoodFraming_isDeliveredAsRejected_connectionStays() throws Exception {
        start(TransportFixtures.loopback());
        try (Socket s = connect()) {
            s.getOutputStream().write(("OPTIONS sip:a@127.0.0.1 SIP/9.9\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertInstanceOf(SipFrame.Rejected.class, inbound.nextFrame().frame());
            s.getOutputStream().write(TransportFixtures.options("next"));
            assertEquals("next", callId(inbound.nextFrame()));
        }
    }

    @Test
    void framedBytesThatAreNotSip_closeTheConnection_whenTheHandlerSaysUnframeable() throws Exception {
        inbound.answeringFrames(io.ferry.runtime.transport.SipInboundHandler.Outcome.UNFRAMEABLE);
        start(TransportFixtures.loopback());
        try (Socket s = connect()) {
            s.getOutputStream().write(("GARBAGE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertInstanceOf(SipFrame.Rejected.class, inbound.nextFrame().frame());
            assertTrue(closedByPeer(s.getInputStream()));
            assertEquals(CloseReason.INVALID_DATA, events.nextClosed().reason());
        }
    }

    @Test
    void idleConnection_isClosedWithIdleTimeout() throws Exception {
        start(TransportFixtures.loopback().withIdleTimeout(Duration.ofMillis(300)));
        try (Socket s = connect()) {
            Flow flow = events.nextOpened();
            FlowEvents.Closed closed = events.nextClosed();
            assertSame(flow, closed.flow());
            assertEquals(CloseReason.IDLE_TIMEOUT, closed.reason());
            assertTrue(closedByPeer(s.getInputStream()));
        }
    }

    @Test
    void peerThatStopsReading_isClosedAsSlowConsumer_withBoundedQueue() throws Exception {
        int limit = 256 * 1024;
        start(TransportFixtures.loopback().withMaxOutboundQueueBytes(limit));
        byte[] chunk = new byte[16 * 1024];
        Arrays.fill(chunk, (byte) 'z');
        long phase1 = 4L * limit;
        Semaphore window = new Semaphore(limit / 2);
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("127.0.0.1", listeners.port(Transport.TCP)));
            Flow flow = events.nextOpened();
            // phase 1: the peer reads, and more than the queue limit passes through
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    InputStream in = s.getInputStream();
                    byte[] b = new byte[chunk.length];
                    long read = 0;
                    while (read < phase1) {
                        int n = in.read(b, 0, (int) Math.min(b.length, phase1 - read));
                        if (n < 0) throw new IOException("closed after " + read);
                        read += n;
                        window.release(n);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (long sent = 0; sent < phase1; sent += chunk.length) {
                assertTrue(window.tryAcquire(chunk.length, 10, TimeUnit.SECONDS), "reader stalled");
                assertTrue(flow.sendBytes(ByteBuffer.wrap(chunk)), "refused after " + sent + " bytes while the peer reads");
            }
            reader.get(10, TimeUnit.SECONDS);
            assertTrue(flow.isOpen());

            // phase 2: the peer stops reading; kernel buffers fill, then the flow's queue
            long sent = 0;
            long cap = 512L * 1024 * 1024;
            while (sent < cap && flow.sendBytes(ByteBuffer.wrap(chunk))) {
                sent += chunk.length;
            }
            assertTrue(sent < cap, "sending stopped after " + sent + " bytes");
            assertFalse(flow.isOpen());
            FlowEvents.Closed closed = events.nextClosed();
            assertSame(flow, closed.flow());
            assertEquals(CloseReason.SLOW_CONSUMER, closed.reason());
            assertFalse(flow.sendBytes(ByteBuffer.wrap(chunk)), "a closed flow accepts nothing");
            assertTrue(closedByPeer(s.getInputStream()), "the connection is reset");
        }
    }

    @Test
    void peerThatReads_isNeverClosed_whenInFlightStaysBelowTheLimit() throws Exception {
        int limit = 256 * 1024;
        start(TransportFixtures.loopback().withMaxOutboundQueueBytes(limit));
        byte[] chunk = new byte[16 * 1024];
        long total = 16L * 1024 * 1024;
        Semaphore window = new Semaphore(limit / 2);
        AtomicLong read = new AtomicLong();
        try (Socket s = connect()) {
            Flow flow = events.nextOpened();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                try {
                    InputStream in = s.getInputStream();
                    byte[] b = new byte[64 * 1024];
                    while (read.get() < total) {
                        int n = in.read(b);
                        if (n < 0) throw new IOException("closed after " + read.get());
                        read.addAndGet(n);
                        window.release(n);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (long sent = 0; sent < total; sent += chunk.length) {
                assertTrue(window.tryAcquire(chunk.length, 10, TimeUnit.SECONDS), "reader stalled at " + read.get());
                assertTrue(flow.sendBytes(ByteBuffer.wrap(chunk)), "refused after " + sent + " bytes");
            }
            reader.get(30, TimeUnit.SECONDS);
            assertTrue(flow.isOpen());
            assertEquals(total, read.get());
        }
    }

    @Test
    void rfc3261_18_2_2_connectorReusesTheFlowTheRequestCameIn() throws Exception {
        start(TransportFixtures.loopback());
        try (Socket s = connect()) {
            Flow inboundFlow = events.nextOpened();
            Flow reused = listeners.connect(Transport.TCP, (InetSocketAddress) s.getLocalSocketAddress()).get(5, TimeUnit.SECONDS);
            assertSame(inboundFlow, reused);
            byte[] m = TransportFixtures.options("response-path");
            assertTrue(reused.sendBytes(ByteBuffer.wrap(m)));
            assertArrayEquals(m, s.getInputStream().readNBytes(m.length));
        }
    }

    @Test
    void rfc3261_18_1_1_connectorOpensOneConnection_andReusesIt() throws Exception {
        start(TransportFixtures.loopback());
        try (ServerSocket peer = new ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress())) {
            peer.setSoTimeout(10_000);
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", peer.getLocalPort());
            CompletableFuture<Flow> first = listeners.connect(Transport.TCP, target);
            CompletableFuture<Flow> concurrent = listeners.connect(Transport.TCP, target);
            try (Socket accepted = peer.accept()) {
                Flow flow = first.get(5, TimeUnit.SECONDS);
                assertSame(flow, concurrent.get(5, TimeUnit.SECONDS), "concurrent connects share one connection");
                assertSame(flow, listeners.connect(Transport.TCP, target).get(5, TimeUnit.SECONDS));
                assertEquals(target, flow.remoteAddress());
                // the peer's requests on it come in through the same flow
                accepted.getOutputStream().write(TransportFixtures.options("from-peer"));
                FakeInbound.Frame f = inbound.nextFrame();
                assertSame(flow, f.flow());
                assertEquals("from-peer", callId(f));
                flow.close(CloseReason.KICKED);
                assertTrue(closedByPeer(accepted.getInputStream()));
                Flow again = listeners.connect(Transport.TCP, target).get(5, TimeUnit.SECONDS);
                try (Socket second = peer.accept()) {
                    assertNotSame(flow, again, "a closed flow is not reused");
                }
            }
        }
    }

    @Test
    void connectorToClosedPort_failsTheFuture() throws Exception {
        start(TransportFixtures.loopback());
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        CompletableFuture<Flow> f = listeners.connect(Transport.TCP, new InetSocketAddress("127.0.0.1", closedPort));
        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IOException.class, e.getCause());
    }
}
