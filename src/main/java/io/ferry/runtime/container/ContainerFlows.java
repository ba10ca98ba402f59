package io.ferry.runtime.container;

import io.ferry.flow.SipFlow;
import io.ferry.flow.SipFlows;
import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowId;
import io.ferry.runtime.transport.FlowListener;
import io.ferry.runtime.transport.FlowTable;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The flow extension's view of the node's flows: {@link SipFlow} handles over the flow table, and
 * their close notifications.
 */
final class ContainerFlows implements SipFlows, FlowListener {

    private static final System.Logger LOG = System.getLogger(ContainerFlows.class.getName());

    private final FlowTable table;
    private final Map<FlowId, List<Consumer<String>>> closeListeners = new ConcurrentHashMap<>();

    ContainerFlows(FlowTable table) {
        this.table = table;
        table.addListener(this);
    }

    @Override
    public Optional<SipFlow> find(String id) {
        return flowNamed(id).map(this::handle);
    }

    /** The open flow behind a handle this container gave out (or any SipFlow naming an open flow). */
    Optional<Flow> flow(SipFlow handle) {
        return flowNamed(handle.id());
    }

    /** A malformed id names no flow (it is not an error of the caller's: ids come from tokens and peers). */
    private Optional<Flow> flowNamed(String id) {
        if (id == null || id.isEmpty()) return Optional.empty();
        FlowId parsed;
        try {
            parsed = FlowId.of(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return table.get(parsed).filter(Flow::isOpen);
    }

    Optional<Flow> flow(FlowId id) {
        return table.get(id).filter(Flow::isOpen);
    }

    SipFlow handle(Flow flow) {
        return new Handle(flow);
    }

    /** The close reason as the flow extension names it: {@code IDLE_TIMEOUT} → {@code idle-timeout}. */
    static String reasonName(CloseReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public void flowClosed(Flow flow, CloseReason reason) {
        List<Consumer<String>> listeners = closeListeners.remove(flow.id());
        if (listeners == null) return;
        String name = reasonName(reason);
        for (Consumer<String> l : listeners) {
            try {
                l.accept(name);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "flow close listener failed for flow " + flow.id(), e);
            }
        }
    }

    void close() {
        table.removeListener(this);
        closeListeners.clear();
    }

    private final class Handle implements SipFlow {
        private final Flow flow;

        Handle(Flow flow) {
            this.flow = flow;
        }

        @Override
        public String id() {
            return flow.id().value();
        }

        @Override
        public String transport() {
            return flow.transport().name();
        }

        @Override
        public InetSocketAddress localAddress() {
            return flow.localAddress();
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return flow.remoteAddress();
        }

        @Override
        public boolean isSecure() {
            return flow.secure();
        }

        @Override
        public boolean isOpen() {
            return flow.isOpen();
        }

        @Override
        public Optional<String> closeReason() {
            return flow.closeReason().map(ContainerFlows::reasonName);
        }

        @Override
        public void onClose(Consumer<String> listener) {
            closeListeners.computeIfAbsent(flow.id(), k -> new CopyOnWriteArrayList<>()).add(listener);
            // the flow may have closed before the listener was added: deliver at once, exactly once
            Optional<CloseReason> reason = flow.closeReason();
            if (reason.isPresent()) {
                List<Consumer<String>> pending = closeListeners.remove(flow.id());
                if (pending != null) pending.forEach(l -> l.accept(reasonName(reason.get())));
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SipFlow f && f.id().equals(id());
        }

        @Override
        public int hashCode() {
            return id().hashCode();
        }

        @Override
        public String toString() {
            return flow.transport() + " flow " + flow.id() + " " + flow.remoteAddress();
        }
    }
}
