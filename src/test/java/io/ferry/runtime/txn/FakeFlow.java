package io.ferry.runtime.txn;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.DatagramFlow;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.StreamFlow;
import io.ferry.runtime.transport.Transport;
import io.ferry.runtime.transport.WebSocketFlow;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A real {@link Flow} (UDP, TCP or WebSocket: Flow is sealed) over a {@link FakeFlowChannel}, opened in a
 * {@link FlowTable} so that closing it reaches the table's listeners.
 */
record FakeFlow(Flow flow, FakeFlowChannel channel) {

    static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5060);

    static FakeFlow udp(FlowTable table, FlowIds ids, int remotePort) {
        FakeFlowChannel ch = new FakeFlowChannel();
        Flow f = new DatagramFlow(ids.next(Transport.UDP), LOCAL, new InetSocketAddress("198.51.100.7", remotePort), ch);
        table.open(f);
        return new FakeFlow(f, ch);
    }

    static FakeFlow tcp(FlowTable table, FlowIds ids, int remotePort) {
        FakeFlowChannel ch = new FakeFlowChannel();
        Flow f = new StreamFlow(ids.next(Transport.TCP), Transport.TCP, LOCAL,
                new InetSocketAddress("198.51.100.7", remotePort), Optional.empty(), ch);
        table.open(f);
        return new FakeFlow(f, ch);
    }

    static FakeFlow ws(FlowTable table, FlowIds ids, int remotePort) {
        FakeFlowChannel ch = new FakeFlowChannel();
        InetSocketAddress remote = new InetSocketAddress("198.51.100.7", remotePort);
        Flow f = new WebSocketFlow(ids.next(Transport.WS), false, LOCAL, remote, remote, Optional.empty(), "/sip",
                Optional.of("https://app.example.com"), ch);
        table.open(f);
        return new FakeFlow(f, ch);
    }

    /** The peer went away (the transport noticed). */
    void peerClosed() {
        flow.closed(CloseReason.PEER_CLOSED);
    }
}
