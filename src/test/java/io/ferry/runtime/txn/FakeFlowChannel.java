package io.ferry.runtime.txn;

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

/** Records the bytes a flow sends, parsed back into messages; can refuse sends (a full queue). */
final class FakeFlowChannel implements FlowChannel {

    private final List<byte[]> sent = new ArrayList<>();
    private boolean refusing;
    private CloseReason closedWith;

    @Override
    public synchronized boolean offer(ByteBuffer message) {
        if (refusing || closedWith != null) return false;
        byte[] b = new byte[message.remaining()];
        message.get(b);
        sent.add(b);
        return true;
    }

    @Override
    public synchronized void close(CloseReason reason) {
        closedWith = reason;
    }

    /** From now on every offer fails, as with a full outbound queue. */
    synchronized void refuse() {
        refusing = true;
    }

    synchronized CloseReason closedWith() {
        return closedWith;
    }

    synchronized int count() {
        return sent.size();
    }

    synchronized List<SipMessage> messages() {
        List<SipMessage> out = new ArrayList<>();
        for (byte[] b : sent) out.add(parse(b));
        return out;
    }

    synchronized SipMessage message(int index) {
        return parse(sent.get(index));
    }

    synchronized SipMessage last() {
        return parse(sent.get(sent.size() - 1));
    }

    SipRequest lastRequest() {
        return (SipRequest) last();
    }

    SipResponse lastResponse() {
        return (SipResponse) last();
    }

    /** Status codes (responses) and methods (requests) of everything sent, in order. */
    List<String> summary() {
        List<String> out = new ArrayList<>();
        for (SipMessage m : messages()) {
            out.add(m instanceof SipResponse r ? Integer.toString(r.status()) : ((SipRequest) m).method());
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
