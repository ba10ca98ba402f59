package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;

/**
 * A client transaction (RFC 3261 §17.1): sends one request on one flow, retransmits it on
 * unreliable transports, and passes responses to the {@link TransactionUser}. Matched by the
 * top Via branch and the CSeq method (§17.1.3).
 */
public abstract sealed class ClientTransaction extends Transaction
        permits InviteClientTransaction, NonInviteClientTransaction {

    ClientTransaction(TransactionLayer layer, Flow flow, SipRequest request, String branch, TransactionState initial) {
        super(layer, flow, request, branch, initial);
    }

    /** Sends the request and arms the first timers. */
    final void start() {
        synchronized (this) {
            // the flow may have closed between registration and here
            if (state != TransactionState.TERMINATED) begin();
        }
        deliver();
    }

    abstract void begin();

    /** A response matched this transaction (§17.1.3); returns false if it has already terminated. */
    final boolean receive(SipResponse response) {
        boolean taken;
        synchronized (this) {
            taken = state != TransactionState.TERMINATED;
            if (taken) received(response);
        }
        deliver();
        return taken;
    }

    abstract void received(SipResponse response);

    /** Ends the transaction and tells the TU; called under the monitor. */
    final void fail(TransactionFailure failure) {
        if (state == TransactionState.TERMINATED) return;
        layer.counters().failed(failure);
        enqueue(() -> layer.user().onClientFailure(this, failure));
        terminate();
    }

    final void toUser(SipResponse response) {
        enqueue(() -> layer.user().onResponse(this, response));
    }

    /** Pending means the TU still waits for a final response: Calling, Trying or Proceeding. */
    @Override
    final void flowClosed() {
        switch (state) {
            case CALLING, TRYING, PROCEEDING -> fail(TransactionFailure.FLOW_FAILED);
            default -> terminate();
        }
    }
}
