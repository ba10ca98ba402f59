package io.ferry.runtime.transport.netty;

import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.SipInboundHandler;
import io.ferry.sip.SipFrame;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/** Records what the listeners deliver; optionally answers datagrams. */
final class FakeInbound implements SipInboundHandler {

    record Datagram(Flow flow, byte[] bytes) {}

    record Frame(Flow flow, SipFrame frame) {}

    final BlockingQueue<Datagram> datagrams = new LinkedBlockingQueue<>();
    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private volatile BiConsumer<Flow, byte[]> onDatagram = (f, b) -> { };
    private volatile Outcome frameOutcome = Outcome.DELIVERED;

    FakeInbound answeringDatagrams(BiConsumer<Flow, byte[]> reply) {
        this.onDatagram = reply;
        return this;
    }

    /** Every frame from now on gets {@code outcome} (UNFRAMEABLE asks the transport to close). */
    FakeInbound answeringFrames(Outcome outcome) {
        this.frameOutcome = outcome;
        return this;
    }

    @Override
    public Outcome onMessage(Flow flow, ByteBuffer oneMessage) {
        byte[] b = new byte[oneMessage.remaining()];
        oneMessage.get(b);
        datagrams.add(new Datagram(flow, b));
        onDatagram.accept(flow, b);
        return Outcome.DELIVERED;
    }

    @Override
    public Outcome onFrame(Flow flow, SipFrame frame) {
        frames.add(new Frame(flow, frame));
        return frameOutcome;
    }

    Datagram nextDatagram() throws InterruptedException {
        Datagram d = datagrams.poll(5, TimeUnit.SECONDS);
        if (d == null) throw new AssertionError("no datagram delivered within 5 s");
        return d;
    }

    Frame nextFrame() throws InterruptedException {
        Frame f = frames.poll(5, TimeUnit.SECONDS);
        if (f == null) throw new AssertionError("no frame delivered within 5 s");
        return f;
    }
}
