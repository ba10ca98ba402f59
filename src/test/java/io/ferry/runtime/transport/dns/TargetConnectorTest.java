package io.ferry.runtime.transport.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowChannel;
import io.ferry.runtime.transport.FlowConnector;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.StreamFlow;
import io.ferry.runtime.transport.Transport;
import io.ferry.sip.SipUri;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;

class TargetConnectorTest {

    /** Refuses every address but {@code reachable}, and records the attempts. */
    private static final class FakeConnector implements FlowConnector {
        final List<String> attempts = new CopyOnWriteArrayList<>();
        final InetAddress reachable;
        final FlowIds ids = new FlowIds();

        FakeConnector(InetAddress reachable) {
            this.reachable = reachable;
        }

        @Override
        public CompletableFuture<Flow> connect(Transport transport, InetSocketAddress remote) {
            attempts.add(transport + " " + remote.getAddress().getHostAddress() + ":" + remote.getPort());
            if (!remote.getAddress().equals(reachable)) {
                return CompletableFuture.failedFuture(new IOException("Connection refused: " + remote));
            }
            FlowChannel channel = new FlowChannel() {
                @Override
                public boolean offer(ByteBuffer message) {
                    return true;
                }

                @Override
                public void close(CloseReason reason) {
                }
            };
            return CompletableFuture.completedFuture(new StreamFlow(ids.next(transport), transport,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060), remote, Optional.empty(), channel));
        }
    }

    @Test
    void rfc3263_4_3_failedTarget_theNextIsTried() throws Exception {
        FakeResolver dns = new FakeResolver().add(
                new SRVRecord(Name.fromString("_sip._tcp.example.com."), DClass.IN, 60, 10, 0, 5060, Name.fromString("a.example.com.")),
                new SRVRecord(Name.fromString("_sip._tcp.example.com."), DClass.IN, 60, 20, 0, 5070, Name.fromString("b.example.com.")),
                new ARecord(Name.fromString("a.example.com."), DClass.IN, 60, InetAddress.getByName("192.0.2.1")),
                new ARecord(Name.fromString("b.example.com."), DClass.IN, 60, InetAddress.getByName("192.0.2.2")));
        FakeConnector connector = new FakeConnector(InetAddress.getByName("192.0.2.2"));
        Flow flow = new TargetConnector(new TargetResolver(dns, new Random(3)), connector)
                .connect(SipUri.parse("sip:bob@example.com;transport=tcp")).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("TCP 192.0.2.1:5060", "TCP 192.0.2.2:5070"), connector.attempts);
        assertEquals(5070, flow.remoteAddress().getPort());
        assertSame(Transport.TCP, flow.transport());
    }

    @Test
    void rfc3263_4_3_noTargetReachable_failsWithTheLastCause() throws Exception {
        FakeConnector connector = new FakeConnector(InetAddress.getByName("192.0.2.99"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> new TargetConnector(
                new TargetResolver(new FakeResolver(), new Random(3)), connector)
                .connect(SipUri.parse("sip:bob@192.0.2.1;transport=tcp")).get(5, TimeUnit.SECONDS));
        assertInstanceOf(TargetResolutionException.class, e.getCause());
        assertInstanceOf(IOException.class, e.getCause().getCause());
    }

    @Test
    void rfc7118_5_2_invalidHost_neverReachesTheConnector() throws Exception {
        FakeConnector connector = new FakeConnector(InetAddress.getByName("192.0.2.1"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> new TargetConnector(
                new TargetResolver(new FakeResolver(), new Random(3)), connector)
                .connect(SipUri.parse("sip:df7jal23ls0d.invalid;transport=ws")).get(5, TimeUnit.SECONDS));
        assertInstanceOf(TargetResolutionException.class, e.getCause());
        assertTrue(connector.attempts.isEmpty());
    }
}
