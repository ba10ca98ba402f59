package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The INVITE server transaction (RFC 3261 §17.2.1, Figure 7, as changed by RFC 6026 §7.1):
 * Proceeding → Accepted (2xx sent, Timer L) or Completed (300-699 sent, Timers G and H) →
 * Confirmed (ACK, Timer I) → Terminated.
 *
 * <p>100 Trying: RFC 3261 §17.2.1 requires it unless the TU answers within 200 ms. The
 * transaction sends it itself when the TU has sent nothing after
 * {@link TransactionConfig#tryingDelay()} (200 ms by default; zero sends it at once), and at once
 * when the INVITE is retransmitted before any provisional response.
 */
public final class InviteServerTransaction extends ServerTransaction {

    private boolean provisionalSent;
    private Duration intervalG;
    private TimerScheduler.TimerHandle trying;
    private TimerScheduler.TimerHandle timerG;
    private TimerScheduler.TimerHandle timerH;
    private TimerScheduler.TimerHandle timerI;
    private TimerScheduler.TimerHandle timerL;

    InviteServerTransaction(TransactionLayer layer, Flow flow, SipRequest request, String branch) {
        super(layer, flow, request, branch, TransactionState.PROCEEDING);
    }

    @Override
    void begin() {
        Duration delay = config().tryingDelay();
        if (delay.isZero()) sendTrying();
        else trying = timer(delay, this::onTrying);
    }

    private void onTrying() {
        if (state == TransactionState.PROCEEDING && !provisionalSent) sendTrying();
    }

    private void sendTrying() {
        SipResponse r = request.createResponse(100, "Trying");
        if (transmitResponse(r)) provisionalSent = true;
    }

    @Override
    boolean send(SipResponse response) {
        int status = response.status();
        if (state == TransactionState.ACCEPTED) {
            // RFC 6026 §7.1: the TU's 2xx retransmissions pass to the transport; nothing else does
            return status >= 200 && status < 300 && transmitResponse(response);
        }
        if (state != TransactionState.PROCEEDING) return false;
        if (!transmitResponse(response)) return false;
        cancel(trying);
        if (status < 200) {
            provisionalSent = true;
        } else if (status < 300) {
            // RFC 6026 §7.1: Accepted, Timer L = 64*T1; retransmitting the 2xx is the TU's job
            state = TransactionState.ACCEPTED;
            timerL = timer(config().sixtyFourT1(), this::onTimerL);
        } else {
            // RFC 3261 §17.2.1: Completed; Timer G retransmits on unreliable transports, Timer H waits for the ACK
            state = TransactionState.COMPLETED;
            if (unreliable()) {
                intervalG = config().t1();
                timerG = timer(intervalG, this::onTimerG);
            }
            timerH = timer(config().sixtyFourT1(), this::onTimerH);
        }
        return true;
    }

    /** RFC 3261 §17.2.1: retransmit the final response, interval min(2*G, T2). */
    private void onTimerG() {
        if (state != TransactionState.COMPLETED) return;
        retransmitLast();
        if (state != TransactionState.COMPLETED) return;
        layer.counters().retransmissionsSent.increment();
        Duration doubled = intervalG.multipliedBy(2);
        intervalG = doubled.compareTo(config().t2()) < 0 ? doubled : config().t2();
        timerG = timer(intervalG, this::onTimerG);
    }

    /** RFC 3261 §17.2.1: Timer H fired, so the ACK never came; the TU hears of the failure. */
    private void onTimerH() {
        if (state == TransactionState.COMPLETED) fail(TransactionFailure.TIMEOUT);
    }

    private void onTimerI() {
        if (state == TransactionState.CONFIRMED) terminate();
    }

    private void onTimerL() {
        if (state == TransactionState.ACCEPTED) terminate();
    }

    @Override
    void retransmitted() {
        switch (state) {
            case PROCEEDING -> {
                // RFC 3261 §17.2.1: the most recent provisional response again (100 Trying if none yet)
                if (provisionalSent) {
                    retransmitLast();
                } else {
                    cancel(trying);
                    sendTrying();
                }
            }
            case COMPLETED -> retransmitLast();
            default -> {
                // Accepted (RFC 6026 §7.1) and Confirmed absorb retransmitted INVITEs
            }
        }
    }

    /** An ACK matched this transaction (RFC 3261 §17.2.3: same branch, method INVITE). */
    void ack(Flow from, SipRequest ack) {
        synchronized (this) {
            switch (state) {
                case COMPLETED -> {
                    // RFC 3261 §17.2.1: the ACK for a non-2xx is absorbed; Timer I = T4 (zero when reliable)
                    cancel(timerG);
                    cancel(timerH);
                    state = TransactionState.CONFIRMED;
                    if (unreliable()) timerI = timer(config().t4(), this::onTimerI);
                    else terminate();
                }
                case ACCEPTED -> enqueue(() -> layer.user().onAck(from, ack, Optional.of(this)));
                default -> {
                    // Confirmed absorbs ACK retransmissions; an ACK before a final response is dropped
                }
            }
        }
        deliver();
    }

    /**
     * RFC 3261 §9.2: a CANCEL matched; returns true when the INVITE has no final response yet, and
     * then the TU is told.
     */
    boolean cancelled(SipRequest cancel) {
        boolean pending;
        synchronized (this) {
            pending = state == TransactionState.PROCEEDING;
            if (pending) enqueue(() -> layer.user().onCancel(this, cancel));
        }
        deliver();
        return pending;
    }

    @Override
    void flowClosed() {
        if (state == TransactionState.PROCEEDING) fail(TransactionFailure.FLOW_FAILED);
        else terminate();
    }

    @Override
    void cancelTimers() {
        cancel(trying);
        cancel(timerG);
        cancel(timerH);
        cancel(timerI);
        cancel(timerL);
    }
}
