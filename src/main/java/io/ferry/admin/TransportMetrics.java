package io.ferry.admin;

import io.ferry.runtime.transport.FlowCounters;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.Transport;
import io.ferry.ws.HandshakeGate;
import io.ferry.ws.HandshakeRefusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricType;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes the transport layer's counters as application metrics (Prometheus at /metrics):
 * open flows and traffic per transport, and WebSocket handshakes accepted and refused per
 * subprotocol and reason. Values are read at scrape time from the flow table and the gate.
 */
final class TransportMetrics {

    private final MetricRegistry registry;
    private final List<MetricID> registered = new ArrayList<>();

    TransportMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    void register(FlowTable flows, HandshakeGate sipGate) {
        for (Transport t : Transport.values()) {
            Tag transport = new Tag("transport", t.token().toLowerCase(Locale.ROOT));
            gauge("ferry_flows", "Open flows (RFC 5626) by transport", () -> flows.count(t), transport);
            traffic(flows, t, "ferry_sip_messages_in_total", "SIP messages received", FlowCounters.Snapshot::messagesIn, transport);
            traffic(flows, t, "ferry_sip_messages_out_total", "SIP messages sent", FlowCounters.Snapshot::messagesOut, transport);
            traffic(flows, t, "ferry_sip_bytes_out_total", "Bytes sent", FlowCounters.Snapshot::bytesOut, transport);
            traffic(flows, t, "ferry_sip_rejects_total", "Inputs rejected by the transport layer (4xx/5xx, drop, close)",
                    FlowCounters.Snapshot::rejects, transport);
        }
        Tag sip = new Tag("subprotocol", "sip");
        gauge("ferry_ws_handshakes_accepted_total", "WebSocket handshakes admitted by the policy", sipGate::acceptedCount, sip);
        for (HandshakeRefusal r : HandshakeRefusal.values()) {
            gauge("ferry_ws_handshakes_refused_total", "WebSocket handshakes refused by the policy, by reason",
                    () -> sipGate.refusedCount(r), sip, new Tag("reason", r.label()));
        }
    }

    private void traffic(FlowTable flows, Transport t, String name, String description,
                         ToLongFunction<FlowCounters.Snapshot> field, Tag tag) {
        gauge(name, description, () -> field.applyAsLong(flows.totals(t)), tag);
    }

    private void gauge(String name, String description, Gauge<Long> gauge, Tag... tags) {
        Metadata metadata = Metadata.builder().withName(name).withDescription(description).withType(MetricType.GAUGE).build();
        registry.register(metadata, gauge, tags);
        registered.add(new MetricID(name, tags));
    }

    /** Undeploy: the registry outlives nothing of ours, but a redeploy must not find stale gauges. */
    void unregister() {
        registered.forEach(registry::remove);
        registered.clear();
    }
}
