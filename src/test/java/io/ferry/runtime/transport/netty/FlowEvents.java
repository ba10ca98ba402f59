package io.ferry.runtime.transport.netty;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A flow table listener that queues openings and closings for tests to wait on. */
final class FlowEvents implements FlowListener {

    record Closed(Flow flow, CloseReason reason) {}

    final BlockingQueue<Flow> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<Closed> closed = new LinkedBlockingQueue<>();

    @Override
    public void flowOpened(Flow flow) {
        opened.add(flow);
    }

    @Override
    public void flowClosed(Flow flow, CloseReason reason) {
        closed.add(new Closed(flow, reason));
    }

    Flow nextOpened() throws InterruptedException {
        Flow f = opened.poll(5, TimeUnit.SECONDS);
        if (f == null) throw new AssertionError("no flow opened within 5 s");
        return f;
    }

    Closed nextClosed() throws InterruptedException {
        Closed c = closed.poll(10, TimeUnit.SECONDS);
        if (c == null) throw new AssertionError("no flow closed within 10 s");
        return c;
    }
}
