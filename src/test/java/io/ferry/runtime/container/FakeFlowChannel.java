package io.ferry.runtime.container;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.FlowChannel;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records the bytes a flow sends, parsed back into messages, and lets a test wait (bounded) for
 * the message it expects: the container answers on its own threads.
 */
final class FakeFlowChannel implements FlowChannel {

    static final long WAIT_MS = 5_000;

    private final List<byte[]> sent = new ArrayList<>();
    private CloseReason closedWith;

    @Override
    public synchronized boolean offer(ByteBuffer message) {
        if (closedWith != null) return false;
        byte[] b = new byte[message.remaining()];
        message.get(b);
        sent.add(b);
        notifyAll();
        return true;
    }

    @Override
    public synchronized void close(CloseReason reason) {
        closedWith = reason;
    }

    synchronized List<SipMessage> messages() {
        List<SipMessage> out = new ArrayList<>();
        for (byte[] b : sent) out.add(parse(b));
        return out;
    }

    /** Everything sent that matches, without waiting. */
    List<SipMessage> matching(Predicate<SipMessage> p) {
        return messages().stream().filter(p).toList();
    }

    /** Waits up to {@link #WAIT_MS} until {@code n} sent messages match; returns them. */
    synchronized List<SipMessage> awaitCount(Predicate<SipMessage> p, int n) {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            List<SipMessage> m = matching(p);
            if (m.size() >= n) return m;
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) throw new AssertionError("no " + n + " matching message(s) within " + WAIT_MS + " ms; sent: " + summary());
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    SipResponse awaitResponse(int status, String method) {
        return (SipResponse) awaitCount(isResponse(status, method), 1).get(0);
    }

    SipRequest awaitRequest(String method) {
        return (SipRequest) awaitCount(isRequest(method), 1).get(0);
    }

    static Predicate<SipMessage> isResponse(int status, String method) {
        return m -> m instanceof SipResponse r && r.status() == status && cseqMethod(r).equals(method);
    }

    static Predicate<SipMessage> isRequest(String method) {
        return m -> m instanceof SipRequest r && r.isMethod(method);
    }

    static String cseqMethod(SipResponse r) {
        try {
            return r.cseq().map(c -> c.method()).orElse("");
        } catch (SipParseException e) {
            return "";
        }
    }

    /** Status codes with CSeq method, and request methods, of everything sent, in order. */
    List<String> summary() {
        List<String> out = new ArrayList<>();
        for (SipMessage m : messages()) {
            out.add(m instanceof SipResponse r ? r.status() + " " + cseqMethod(r) : ((SipRequest) m).method());
        }
        return out;
    }

    synchronized void clear() {
        sent.clear();
    }

    private static SipMessage parse(byte[] b) {
        try {
            return new SipParser().parseCopy(b, 0, b.length);
        } catch (SipParseException e) {
            throw new AssertionError("sent bytes do not parse: " + e.getMessage(), e);
        }
    }
}
