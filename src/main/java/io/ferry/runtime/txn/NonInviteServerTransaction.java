package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;

/**
 * The non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8): Trying → Proceeding →
 * Completed (Timer J) → Terminated. A retransmitted request gets the last response again.
 */
public final class NonInviteServerTransaction extends ServerTransaction {

    private TimerScheduler.TimerHandle timerJ;

    NonInviteServerTransaction(TransactionLayer layer, Flow flow, SipRequest request, String branch) {
        super(layer, flow, request, branch, TransactionState.TRYING);
    }

    @Override
    void begin() {
        // no timer: the TU answers, or the flow closes
    }

    @Override
    boolean send(SipResponse response) {
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            // RFC 3261 §17.2.2: further final responses from the TU are discarded in Completed
            return false;
        }
        if (!transmitResponse(response)) return false;
        if (response.status() < 200) {
            state = TransactionState.PROCEEDING;
        } else {
            state = TransactionState.COMPLETED;
            // RFC 3261 §17.2.2: Timer J = 64*T1 on unreliable transports, zero on reliable ones
            if (unreliable()) timerJ = timer(config().sixtyFourT1(), this::onTimerJ);
            else terminate();
        }
        return true;
    }

    private void onTimerJ() {
        if (state == TransactionState.COMPLETED) terminate();
    }

    @Override
    void retransmitted() {
        // RFC 3261 §17.2.2: absorbed in Trying; the last response again in Proceeding and Completed
        if (state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) retransmitLast();
    }

    @Override
    void flowClosed() {
        if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) fail(TransactionFailure.FLOW_FAILED);
        else terminate();
    }

    @Override
    void cancelTimers() {
        cancel(timerJ);
    }
}
