package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import io.ferry.sip.CSeq;
import io.ferry.sip.HeaderField;
import io.ferry.sip.Headers;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.Via;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The INVITE client transaction (RFC 3261 §17.1.1, Figure 5, as changed by RFC 6026 §7.2,
 * Figure 5 there): Calling → Proceeding → Accepted (2xx, Timer M) or Completed (300-699, ACK sent
 * here, Timer D) → Terminated.
 */
public final class InviteClientTransaction extends ClientTransaction {

    private static final System.Logger LOG = System.getLogger(InviteClientTransaction.class.getName());

    private final Via topVia;
    private final CSeq cseq;
    private ByteBuffer requestWire;
    private ByteBuffer ackWire;
    private Duration intervalA;
    private TimerScheduler.TimerHandle timerA;
    private TimerScheduler.TimerHandle timerB;
    private TimerScheduler.TimerHandle timerD;
    private TimerScheduler.TimerHandle timerM;

    InviteClientTransaction(TransactionLayer layer, Flow flow, SipRequest request, Via topVia, CSeq cseq) {
        super(layer, flow, request, topVia.branch(), TransactionState.CALLING);
        this.topVia = topVia;
        this.cseq = cseq;
    }

    @Override
    void begin() {
        requestWire = wire(request);
        if (!transmit(requestWire)) {
            // RFC 3261 §17.1.1.2: a transport error in Calling is reported to the TU (as 503, §8.1.3.1)
            fail(TransactionFailure.TRANSPORT_ERROR);
            return;
        }
        if (unreliable()) {
            intervalA = config().t1();
            timerA = timer(intervalA, this::onTimerA);
        }
        timerB = timer(config().sixtyFourT1(), this::onTimerB);
    }

    /** RFC 3261 §17.1.1.2: retransmit with intervals that double after each transmission (no T2 cap for INVITE). */
    private void onTimerA() {
        if (state != TransactionState.CALLING) return;
        if (!transmit(requestWire)) {
            fail(TransactionFailure.TRANSPORT_ERROR);
            return;
        }
        layer.counters().retransmissionsSent.increment();
        intervalA = intervalA.multipliedBy(2);
        timerA = timer(intervalA, this::onTimerA);
    }

    /** RFC 3261 §17.1.1.2: Timer B (64*T1) in Calling: timeout, the TU treats it as 408. */
    private void onTimerB() {
        if (state == TransactionState.CALLING) fail(TransactionFailure.TIMEOUT);
    }

    private void onTimerD() {
        if (state == TransactionState.COMPLETED) terminate();
    }

    private void onTimerM() {
        if (state == TransactionState.ACCEPTED) terminate();
    }

    @Override
    void received(SipResponse response) {
        int status = response.status();
        switch (state) {
            case CALLING, PROCEEDING -> {
                if (status < 200) {
                    // RFC 3261 §17.1.1.2: a provisional response stops retransmissions (and Timer B)
                    cancel(timerA);
                    cancel(timerB);
                    state = TransactionState.PROCEEDING;
                    toUser(response);
                } else if (status < 300) {
                    // RFC 6026 §8.4: Accepted, Timer M = 64*T1; the ACK for a 2xx is the TU's
                    cancel(timerA);
                    cancel(timerB);
                    state = TransactionState.ACCEPTED;
                    toUser(response);
                    timerM = timer(config().sixtyFourT1(), this::onTimerM);
                } else {
                    cancel(timerA);
                    cancel(timerB);
                    state = TransactionState.COMPLETED;
                    toUser(response);
                    // RFC 3261 §17.1.1.3: the transaction itself acknowledges a non-2xx final response
                    ackWire = wire(ackFor(response));
                    if (!sendAck()) return;
                    Duration d = unreliable() ? config().timerD() : Duration.ZERO;
                    if (d.isZero()) terminate();
                    else timerD = timer(d, this::onTimerD);
                }
            }
            case ACCEPTED -> {
                // RFC 6026 §8.4: 2xx retransmissions (and other 2xx from forks) go to the TU; others are absorbed
                if (status >= 200 && status < 300) toUser(response);
            }
            case COMPLETED -> {
                // RFC 3261 §17.1.1.2: a retransmitted final response gets the ACK again, not the TU
                if (status >= 300) sendAck();
                // a late 2xx (another fork) would create a dialog: the TU must see it to ACK and BYE it
                else if (status >= 200) toUser(response);
            }
            default -> { }
        }
    }

    /**
     * Sends the ACK; a transport error terminates the transaction (RFC 3261 §17.1.1.2). The TU
     * already has the final response, so it is not told again; the failure is logged.
     */
    private boolean sendAck() {
        if (transmit(ackWire)) return true;
        LOG.log(Level.INFO, "flow={0} branch={1}: ACK for non-2xx not sent, transport error", flow.id(), branch);
        terminate();
        return false;
    }

    /**
     * RFC 3261 §17.1.1.3: Request-URI, Call-ID, From, CSeq number and Route as in the request; To
     * from the response; one Via, the request's top Via; method ACK.
     */
    SipRequest ackFor(SipResponse response) {
        Optional<HeaderField> to = response.headers().first("To");
        return derived("ACK", to.orElseGet(() -> request.headers().first("To").orElseThrow()));
    }

    /**
     * RFC 3261 §9.1: the CANCEL for this INVITE: same Request-URI, Call-ID, To, From, CSeq number
     * and Route, one Via equal to the INVITE's top Via (so the same branch). Send it with
     * {@link TransactionLayer#sendRequest} on {@link #flow()}, once a provisional response has
     * arrived (§9.1).
     */
    public SipRequest createCancel() {
        return derived("CANCEL", request.headers().first("To").orElseThrow());
    }

    private SipRequest derived(String method, HeaderField to) {
        Headers h = request.headers();
        List<HeaderField> out = new ArrayList<>(8);
        out.add(HeaderField.of("Via", topVia.toString()));
        out.add(HeaderField.of("Max-Forwards", "70"));
        h.first("From").ifPresent(out::add);
        out.add(to);
        h.first("Call-ID").ifPresent(out::add);
        out.add(HeaderField.of("CSeq", new CSeq(cseq.number(), method).toString()));
        out.addAll(h.all("Route"));
        out.add(HeaderField.of("Content-Length", "0"));
        return SipRequest.of(method, request.requestUriText(), Headers.of(out));
    }

    @Override
    void cancelTimers() {
        cancel(timerA);
        cancel(timerB);
        cancel(timerD);
        cancel(timerM);
    }
}
