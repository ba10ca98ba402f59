package io.ferry.runtime.txn;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one transaction layer, read by metrics and the management surface. */
public final class TransactionCounters {

    final LongAdder clientTransactions = new LongAdder();
    final LongAdder serverTransactions = new LongAdder();
    final LongAdder retransmissionsSent = new LongAdder();
    final LongAdder retransmissionsReceived = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder transportErrors = new LongAdder();
    final LongAdder flowFailures = new LongAdder();
    final LongAdder strayResponses = new LongAdder();
    final LongAdder strayAcks = new LongAdder();
    final LongAdder merged = new LongAdder();
    final LongAdder unmatchedCancels = new LongAdder();

    TransactionCounters() {
    }

    void failed(TransactionFailure failure) {
        switch (failure) {
            case TIMEOUT -> timeouts.increment();
            case TRANSPORT_ERROR -> transportErrors.increment();
            case FLOW_FAILED -> flowFailures.increment();
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(clientTransactions.sum(), serverTransactions.sum(), retransmissionsSent.sum(),
                retransmissionsReceived.sum(), timeouts.sum(), transportErrors.sum(), flowFailures.sum(),
                strayResponses.sum(), strayAcks.sum(), merged.sum(), unmatchedCancels.sum());
    }

    /**
     * The counters at one moment.
     *
     * @param clientTransactions      client transactions started
     * @param serverTransactions      server transactions created (including those for CANCEL and 482)
     * @param retransmissionsSent     requests (Timers A, E) and final responses (Timer G) sent again by a timer
     * @param retransmissionsReceived request retransmissions matched to a server transaction
     * @param timeouts                Timers B, F and H that ended a transaction
     * @param transportErrors         sends the flow refused
     * @param flowFailures            transactions failed because their flow closed (RFC 5626 §5.3)
     * @param strayResponses          responses that matched no client transaction
     * @param strayAcks               ACKs that matched no INVITE transaction (including ACKs for 2xx)
     * @param merged                  merged requests answered 482 (RFC 3261 §8.2.2.2)
     * @param unmatchedCancels        CANCELs answered 481 (RFC 3261 §9.2)
     */
    public record Snapshot(long clientTransactions, long serverTransactions, long retransmissionsSent,
                           long retransmissionsReceived, long timeouts, long transportErrors, long flowFailures,
                           long strayResponses, long strayAcks, long merged, long unmatchedCancels) {}
}
