package io.ferry.ws;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowChannel;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.websocket.CloseReason.CloseCodes;
import javax.websocket.SendResult;
import javax.websocket.Session;

/**
 * A WebSocket session as a flow's channel: a bounded queue of outbound messages written one at a
 * time with the async remote (JSR-356 allows one outstanding async send per session). A message
 * that is valid UTF-8 goes as a text frame, anything else as binary (RFC 7118 §5.1 allows both).
 */
final class SessionChannel implements FlowChannel {

    private static final System.Logger LOG = System.getLogger(SessionChannel.class.getName());

    private final Session session;
    private final long maxQueuedBytes;
    private final Queue<ByteBuffer> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean sending = new AtomicBoolean();
    /** Queued in place of a message: a ping, written in turn (a ping racing a send fails it in Liberty). */
    private final ByteBuffer pingMarker = ByteBuffer.allocate(0);
    private volatile Flow flow;

    SessionChannel(Session session, long maxQueuedBytes) {
        this.session = session;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    void attach(Flow flow) {
        this.flow = flow;
    }

    @Override
    public boolean offer(ByteBuffer message) {
        if (!session.isOpen()) {
            return false;
        }
        int length = message.remaining();
        if (queuedBytes.addAndGet(length) > maxQueuedBytes) {
            queuedBytes.addAndGet(-length);
            return false;
        }
        queue.add(message);
        drain();
        return true;
    }

    /**
     * Sends a ping (RFC 6455 §5.5.2) in turn with the messages: JSR-356 allows one outstanding write
     * per session, and Liberty fails a message send that overlaps a ping ("write not allowed").
     */
    void ping() {
        if (!session.isOpen()) {
            return;
        }
        queue.add(pingMarker);
        drain();
    }

    private void drain() {
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            ByteBuffer next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            if (next == pingMarker) {
                try {
                    session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                } catch (IOException | RuntimeException e) {
                    Flow f = flow;
                    LOG.log(Level.INFO, "flow={0}: ping failed: {1}", f == null ? "?" : f.id(), e.toString());
                }
                sending.set(false);
                continue;
            }
            int length = next.remaining();
            try {
                Object text = asText(next);
                if (text != null) {
                    session.getAsyncRemote().sendText((String) text, result -> sent(result, length));
                } else {
                    session.getAsyncRemote().sendBinary(next, result -> sent(result, length));
                }
            } catch (RuntimeException e) {
                sent(new SendResult(e), length);
            }
            return;
        }
    }

    private void sent(SendResult result, int length) {
        queuedBytes.addAndGet(-length);
        sending.set(false);
        if (!result.isOK()) {
            Flow f = flow;
            LOG.log(Level.INFO, "flow={0}: send failed: {1}", f == null ? "?" : f.id(), String.valueOf(result.getException()));
            queue.clear();
            queuedBytes.set(0);
            if (f != null) {
                f.closed(CloseReason.TRANSPORT_ERROR);
            }
            return;
        }
        drain();
    }

    @Override
    public void close(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(new javax.websocket.CloseReason(CloseCodes.getCloseCode(reason.wsCode()), reason.text()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "close failed: {0}", e.toString());
        }
    }

    long queuedBytes() {
        return queuedBytes.get();
    }

    /** The message as a String when it is valid UTF-8, else null. */
    private static Object asText(ByteBuffer bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.duplicate());
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
