package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipRequest;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * One SIP transaction (RFC 3261 §17): a request on one flow and the state machine of its
 * responses.
 *
 * <p>Threading: every state change happens under the transaction's own monitor, whether it comes
 * from a transport thread (a message), the timer thread or the TU (a response to send). There is
 * no lock shared between transactions. Calls to the {@link TransactionUser} are queued while the
 * monitor is held and run after it is released, one at a time and in order (a small serial
 * queue); so the TU may call into any transaction from a callback without deadlock.
 */
public abstract sealed class Transaction permits ClientTransaction, ServerTransaction {

    private static final System.Logger LOG = System.getLogger(Transaction.class.getName());

    final TransactionLayer layer;
    final Flow flow;
    final SipRequest request;
    final String branch;
    /** Table key (client or server), set once by the layer before the transaction starts. */
    Object key;

    /** Guarded by {@code this}. */
    TransactionState state;
    private ArrayDeque<Runnable> pending;
    private boolean delivering;
    /** Guarded by {@code this}: a send is in progress (a full queue closes the flow inside it). */
    private boolean transmitting;

    Transaction(TransactionLayer layer, Flow flow, SipRequest request, String branch, TransactionState initial) {
        this.layer = layer;
        this.flow = flow;
        this.request = request;
        this.branch = branch;
        this.state = initial;
    }

    /** The request that created the transaction (for a client transaction, as sent: with its branch). */
    public SipRequest request() {
        return request;
    }

    /** The flow the request came in on (server) or went out on (client). */
    public Flow flow() {
        return flow;
    }

    /** The top Via branch (may be an RFC 2543 value or absent, {@code null}, for legacy server transactions). */
    public String branch() {
        return branch;
    }

    public String method() {
        return request.method();
    }

    public boolean isInvite() {
        return request.isMethod("INVITE");
    }

    public synchronized TransactionState state() {
        return state;
    }

    public boolean isTerminated() {
        return state() == TransactionState.TERMINATED;
    }

    /** Unreliable transports need retransmission timers (RFC 3261 §17.1.1.2). */
    final boolean unreliable() {
        return !flow.transport().reliable();
    }

    final TransactionConfig config() {
        return layer.config();
    }

    /** Queues a TU call; the caller holds the monitor and calls {@link #deliver()} after releasing it. */
    final void enqueue(Runnable call) {
        if (pending == null) pending = new ArrayDeque<>(4);
        pending.add(call);
    }

    /** Runs queued TU calls outside the monitor, one thread at a time, in queue order. */
    final void deliver() {
        // a re-entrant call under the monitor (the flow closing inside a send) leaves it to the outer frame
        if (Thread.holdsLock(this)) return;
        synchronized (this) {
            if (delivering || pending == null || pending.isEmpty()) return;
            delivering = true;
        }
        boolean drained = false;
        try {
            while (true) {
                Runnable call;
                synchronized (this) {
                    call = pending.poll();
                    if (call == null) {
                        delivering = false;
                        drained = true;
                        return;
                    }
                }
                try {
                    call.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "flow=" + flow.id() + " branch=" + branch + ": transaction user failed", e);
                }
            }
        } finally {
            if (!drained) {
                // an Error escaped the TU: let the next caller deliver what is left
                synchronized (this) {
                    delivering = false;
                }
            }
        }
    }

    /** Schedules {@code onFire} to run under the monitor, followed by delivery of queued TU calls. */
    final TimerScheduler.TimerHandle timer(Duration delay, Runnable onFire) {
        return layer.scheduler().schedule(() -> {
            synchronized (this) {
                onFire.run();
            }
            deliver();
        }, delay);
    }

    static void cancel(TimerScheduler.TimerHandle handle) {
        if (handle != null) handle.cancel();
    }

    /** Serializes a message once, for sending and retransmitting. */
    final ByteBuffer wire(SipMessage message) {
        return layer.wire(message);
    }

    /** Hands bytes to the flow; false is a transport error (closed flow or full queue). */
    final boolean transmit(ByteBuffer wire) {
        transmitting = true;
        try {
            return flow.sendBytes(wire.duplicate());
        } finally {
            transmitting = false;
        }
    }

    /** Cancels all of this machine's timers; called under the monitor. */
    abstract void cancelTimers();

    /** Moves to Terminated (once) and leaves the tables; called under the monitor. */
    final void terminate() {
        if (state == TransactionState.TERMINATED) return;
        state = TransactionState.TERMINATED;
        cancelTimers();
        layer.removed(this);
        if (visibleToUser()) enqueue(() -> layer.user().onTerminated(this));
    }

    /** Whether the TU knows this transaction (false for those the layer answers itself). */
    boolean visibleToUser() {
        return true;
    }

    /** The flow closed (RFC 5626 §5.3): fail at once if pending, else just terminate. */
    abstract void flowClosed();

    /** Entry point for the layer when the flow has closed. */
    final void onFlowClosed() {
        synchronized (this) {
            // RFC 3261 §17.1.4: a send refused because the queue is full is a transport error (503),
            // even though the refusal also closes the flow; the failed send reports it
            if (!transmitting) flowClosed();
        }
        deliver();
    }

    /** Terminates without a failure report (layer shutdown). */
    final void shutdown() {
        synchronized (this) {
            terminate();
        }
        deliver();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + method() + " branch=" + branch + " flow=" + flow.id() + " " + state() + "]";
    }
}
