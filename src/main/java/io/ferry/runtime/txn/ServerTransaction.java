package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A server transaction (RFC 3261 §17.2): created for a request that matched no transaction,
 * absorbs retransmissions of it, and sends the TU's responses on the flow the request came in on
 * (RFC 3261 §18.2.2; for UDP the flow is the source address, i.e. received/rport).
 */
public abstract sealed class ServerTransaction extends Transaction
        permits InviteServerTransaction, NonInviteServerTransaction {

    /** Merged-request key (RFC 3261 §8.2.2.2), or null; set once by the layer. */
    Object mergeKey;
    /** Guarded by {@code this}: the last response handed to the flow, and its bytes. */
    SipResponse lastResponse;
    ByteBuffer lastWire;
    /** Whether the TU was given the request; failures of transactions the layer answers itself stay internal. */
    private boolean userOwned;

    ServerTransaction(TransactionLayer layer, Flow flow, SipRequest request, String branch, TransactionState initial) {
        super(layer, flow, request, branch, initial);
    }

    /**
     * Sends {@code response} through the state machine. Returns true when it was handed to the
     * flow; false when the state does not take it (a final response already sent, terminated) or
     * the flow refused it (then the transaction terminates and the TU hears
     * {@link TransactionFailure#TRANSPORT_ERROR}).
     */
    public final boolean respond(SipResponse response) {
        boolean sent;
        synchronized (this) {
            sent = state != TransactionState.TERMINATED && send(response);
        }
        deliver();
        return sent;
    }

    abstract boolean send(SipResponse response);

    /** The last response sent, if any. */
    public synchronized Optional<SipResponse> lastResponse() {
        return Optional.ofNullable(lastResponse);
    }

    /** Starts the machine; tells the TU about the request unless the layer answers it itself. */
    final void start(boolean toUser) {
        synchronized (this) {
            userOwned = toUser;
            if (toUser) enqueue(() -> layer.user().onRequest(this, request));
            begin();
        }
        deliver();
    }

    /** Arms the first timers; called under the monitor. */
    abstract void begin();

    /** A retransmission of the request matched this transaction (RFC 3261 §17.2.3). */
    final void retransmission() {
        synchronized (this) {
            if (state != TransactionState.TERMINATED) retransmitted();
        }
        deliver();
    }

    abstract void retransmitted();

    /** Hands {@code response} to the flow and records it; a refusal fails the transaction. Under the monitor. */
    final boolean transmitResponse(SipResponse response) {
        ByteBuffer wire = wire(response);
        if (!transmit(wire)) {
            fail(TransactionFailure.TRANSPORT_ERROR);
            return false;
        }
        lastResponse = response;
        lastWire = wire;
        return true;
    }

    /** Sends the last response again (RFC 3261 §17.2.1, §17.2.2); under the monitor. */
    final void retransmitLast() {
        if (lastWire != null && !transmit(lastWire)) fail(TransactionFailure.TRANSPORT_ERROR);
    }

    @Override
    boolean visibleToUser() {
        return userOwned;
    }

    /** Ends the transaction and tells the TU (if it saw the request); under the monitor. */
    final void fail(TransactionFailure failure) {
        if (state == TransactionState.TERMINATED) return;
        layer.counters().failed(failure);
        if (userOwned) enqueue(() -> layer.user().onServerFailure(this, failure));
        terminate();
    }

    /** The To tag of the last response sent, or null (RFC 3261 §17.2.3 RFC 2543 ACK matching, §9.2). */
    synchronized String localTag() {
        if (lastResponse == null) return null;
        try {
            Optional<NameAddr> to = lastResponse.to();
            return to.map(NameAddr::tag).orElse(null);
        } catch (SipParseException e) {
            return null;
        }
    }
}
