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

    /** The counters at one moment. */
    public record Snapshot(long messagesIn, long messagesOut, long bytesIn, long bytesOut, long rejects) {}
}
