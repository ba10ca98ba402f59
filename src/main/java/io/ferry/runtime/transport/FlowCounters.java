package io.ferry.runtime.transport;

import java.util.concurrent.atomic.LongAdder;

/** Per-flow traffic counters, read by metrics and the management surface. */
public final class FlowCounters {

    private final LongAdder messagesIn = new LongAdder();
    private final LongAdder messagesOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder rejects = new LongAdder();

    public void received(int bytes) {
        messagesIn.increment();
        bytesIn.add(bytes);
    }

    /**
     * Bytes read from a stream, counted by the transport as they arrive; the message itself is
     * counted by whoever delivers it ({@code received(0)}), since a read can hold several messages
     * or part of one.
     */
    public void receivedBytes(int bytes) {
        bytesIn.add(bytes);
    }

    public void sent(int bytes) {
        messagesOut.increment();
        bytesOut.add(bytes);
    }

    public void rejected() {
        rejects.increment();
    }

    public Snapshot snapshot() {
        return new Snapshot(messagesIn.sum(), messagesOut.sum(), bytesIn.sum(), bytesOut.sum(), rejects.sum());
    }

    /** Adds a closed flow's final counts (the flow table keeps totals per transport). */
    void add(Snapshot s) {
        messagesIn.add(s.messagesIn());
        messagesOut.add(s.messagesOut());
        bytesIn.add(s.bytesIn());
        bytesOut.add(s.bytesOut());
        rejects.add(s.rejects());
    }

    /** The counters at one moment. */
    public record Snapshot(long messagesIn, long messagesOut, long bytesIn, long bytesOut, long rejects) {
        public Snapshot plus(Snapshot o) {
            return new Snapshot(messagesIn + o.messagesIn, messagesOut + o.messagesOut, bytesIn + o.bytesIn,
                    bytesOut + o.bytesOut, rejects + o.rejects);
        }
    }
}
