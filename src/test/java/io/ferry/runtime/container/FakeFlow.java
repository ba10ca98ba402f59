package io.ferry.runtime.container;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.DatagramFlow;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.StreamFlow;
import io.ferry.runtime.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Optional;

/** A real UDP or TCP {@link Flow} over a {@link FakeFlowChannel}, opened in the stack's flow table. */
record FakeFlow(Flow flow, FakeFlowChannel channel) {

    static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5060);
    static final String PEER_HOST = "198.51.100.7";

    static FakeFlow udp(FlowTable table, FlowIds ids, int remotePort) {
        FakeFlowChannel ch = new FakeFlowChannel();
        Flow f = new DatagramFlow(ids.next(Transport.UDP), LOCAL, new InetSocketAddress(PEER_HOST, remotePort), ch);
        table.open(f);
        return new FakeFlow(f, ch);
    }

    static FakeFlow tcp(FlowTable table, FlowIds ids, int remotePort) {
        FakeFlowChannel ch = new FakeFlowChannel();
        Flow f = new StreamFlow(ids.next(Transport.TCP), Transport.TCP, LOCAL,
                new InetSocketAddress(PEER_HOST, remotePort), Optional.empty(), ch);
        table.open(f);
        return new FakeFlow(f, ch);
    }

    /** The peer went away (the transport noticed). */
    void peerClosed() {
        flow.closed(CloseReason.PEER_CLOSED);
    }
}
