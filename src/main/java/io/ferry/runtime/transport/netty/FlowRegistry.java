package io.ferry.runtime.transport.netty;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowId;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.SipInboundHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the channel handlers of one {@link SipListeners} run share: the flow table, id source,
 * inbound handler and settings, and the flows they opened (closed with {@code SHUTDOWN} on stop).
 */
final class FlowRegistry {

    final NettyTransportConfig config;
    final FlowTable table;
    final FlowIds ids;
    final SipInboundHandler inbound;
    private final Map<FlowId, Flow> ours = new ConcurrentHashMap<>();

    FlowRegistry(NettyTransportConfig config, FlowTable table, FlowIds ids, SipInboundHandler inbound) {
        this.config = config;
        this.table = table;
        this.ids = ids;
        this.inbound = inbound;
    }

    void opened(Flow flow) {
        ours.put(flow.id(), flow);
        table.open(flow);
    }

    void gone(Flow flow) {
        ours.remove(flow.id(), flow);
    }

    /** Closes every flow these listeners opened. */
    void closeAll(CloseReason reason) {
        for (Flow f : List.copyOf(ours.values())) {
            f.close(reason);
            ours.remove(f.id(), f);
        }
    }
}
