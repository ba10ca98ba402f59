package io.ferry.runtime.transport;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The open flows of this node, by id and by (transport, remote address) for connection reuse
 * (RFC 3261 §18.2.2, RFC 5626 §5.3). Lock-free reads; listeners hear of every close once.
 */
public final class FlowTable {

    private static final System.Logger LOG = System.getLogger(FlowTable.class.getName());

    private record RemoteKey(Transport transport, InetSocketAddress remote) {}

    private final Map<FlowId, Flow> byId = new ConcurrentHashMap<>();
    private final Map<RemoteKey, Flow> byRemote = new ConcurrentHashMap<>();
    private final List<FlowListener> listeners = new CopyOnWriteArrayList<>();
    private final java.util.EnumMap<Transport, FlowCounters> closedTotals = new java.util.EnumMap<>(Transport.class);

    {
        for (Transport t : Transport.values()) {
            closedTotals.put(t, new FlowCounters());
        }
    }

    public void addListener(FlowListener listener) {
        listeners.add(listener);
    }

    public void removeListener(FlowListener listener) {
        listeners.remove(listener);
    }

    /** Tracks a new flow; when it closes it leaves the table and listeners are told. */
    public void open(Flow flow) {
        flow.onClose(this::closed);
        byId.put(flow.id(), flow);
        byRemote.put(new RemoteKey(flow.transport(), flow.remoteAddress()), flow);
        LOG.log(Level.DEBUG, "flow={0} opened transport={1} remote={2}", flow.id(), flow.transport(), flow.remoteAddress());
        for (FlowListener l : listeners) {
            try {
                l.flowOpened(flow);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "flow=" + flow.id() + ": listener failed on open", e);
            }
        }
        if (!flow.isOpen()) {
            closed(flow, flow.closeReason().orElse(CloseReason.TRANSPORT_ERROR));
        }
    }

    private void closed(Flow flow, CloseReason reason) {
        if (byId.remove(flow.id(), flow)) {
            byRemote.remove(new RemoteKey(flow.transport(), flow.remoteAddress()), flow);
            closedTotals.get(flow.transport()).add(flow.counters().snapshot());
            LOG.log(Level.DEBUG, "flow={0} closed reason={1}", flow.id(), reason);
            for (FlowListener l : listeners) {
                try {
                    l.flowClosed(flow, reason);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "flow=" + flow.id() + ": listener failed on close", e);
                }
            }
        }
    }

    public Optional<Flow> get(FlowId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The open flow of {@code transport} to {@code remote}, for reuse (RFC 3261 §18.2.2). */
    public Optional<Flow> byRemote(Transport transport, InetSocketAddress remote) {
        return Optional.ofNullable(byRemote.get(new RemoteKey(transport, remote)));
    }

    public Collection<Flow> all() {
        return List.copyOf(byId.values());
    }

    public int size() {
        return byId.size();
    }

    /** Open flows of one transport (metrics). */
    public long count(Transport transport) {
        return byId.values().stream().filter(f -> f.transport() == transport).count();
    }

    /** Traffic of every flow of {@code transport} since start: closed flows plus open ones (metrics). */
    public FlowCounters.Snapshot totals(Transport transport) {
        FlowCounters.Snapshot sum = closedTotals.get(transport).snapshot();
        for (Flow f : byId.values()) {
            if (f.transport() == transport) {
                sum = sum.plus(f.counters().snapshot());
            }
        }
        return sum;
    }
}
