package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6): Trying → Proceeding →
 * Completed (Timer K) → Terminated; Timer E retransmits on unreliable transports, Timer F times
 * out.
 */
public final class NonInviteClientTransaction extends ClientTransaction {

    private ByteBuffer requestWire;
    private Duration intervalE;
    private TimerScheduler.TimerHandle timerE;
    private TimerScheduler.TimerHandle timerF;
    private TimerScheduler.TimerHandle timerK;

    NonInviteClientTransaction(TransactionLayer layer, Flow flow, SipRequest request, String branch) {
        super(layer, flow, request, branch, TransactionState.TRYING);
    }

    @Override
    void begin() {
        requestWire = wire(request);
        if (!transmit(requestWire)) {
            // RFC 3261 §17.1.2.2: a transport error in Trying is reported to the TU
            fail(TransactionFailure.TRANSPORT_ERROR);
            return;
        }
        if (unreliable()) {
            intervalE = config().t1();
            timerE = timer(intervalE, this::onTimerE);
        }
        timerF = timer(config().sixtyFourT1(), this::onTimerF);
    }

    /**
     * RFC 3261 §17.1.2.2: in Trying the interval doubles up to T2; in Proceeding it is T2.
     */
    private void onTimerE() {
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) return;
        if (!transmit(requestWire)) {
            fail(TransactionFailure.TRANSPORT_ERROR);
            return;
        }
        layer.counters().retransmissionsSent.increment();
        Duration t2 = config().t2();
        if (state == TransactionState.PROCEEDING) {
            intervalE = t2;
        } else {
            Duration doubled = intervalE.multipliedBy(2);
            intervalE = doubled.compareTo(t2) < 0 ? doubled : t2;
        }
        timerE = timer(intervalE, this::onTimerE);
    }

    /** RFC 3261 §17.1.2.2: Timer F (64*T1) in Trying or Proceeding: timeout, 408 to the TU. */
    private void onTimerF() {
        if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) fail(TransactionFailure.TIMEOUT);
    }

    private void onTimerK() {
        if (state == TransactionState.COMPLETED) terminate();
    }

    @Override
    void received(SipResponse response) {
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (response.status() < 200) {
                    state = TransactionState.PROCEEDING;
                    toUser(response);
                } else {
                    cancel(timerE);
                    cancel(timerF);
                    state = TransactionState.COMPLETED;
                    toUser(response);
                    // RFC 3261 §17.1.2.2: Timer K = T4 on unreliable transports, zero on reliable ones
                    if (unreliable()) timerK = timer(config().t4(), this::onTimerK);
                    else terminate();
                }
            }
            default -> {
                // Completed: retransmitted responses are absorbed
            }
        }
    }

    @Override
    void cancelTimers() {
        cancel(timerE);
        cancel(timerF);
        cancel(timerK);
    }
}
