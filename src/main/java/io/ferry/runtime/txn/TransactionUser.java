package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.util.Optional;

/**
 * The transaction user (RFC 3261 §17: the UA core or proxy core above the transactions). The
 * layer calls these methods outside any lock; for one transaction the calls come one at a time
 * and in order, but possibly on different threads (a transport thread, the timer thread).
 * Implementations must not block: hand long work to an executor.
 */
public interface TransactionUser {

    /** A new request (neither ACK nor CANCEL) with the server transaction created for it. */
    void onRequest(ServerTransaction transaction, SipRequest request);

    /**
     * An ACK that the transaction layer does not absorb: the ACK for a 2xx (RFC 3261 §17.2.3; it
     * matches no transaction, or the INVITE server transaction in Accepted, RFC 6026 §7.1), or a
     * stray ACK. A proxy forwards it statelessly.
     */
    void onAck(Flow flow, SipRequest ack, Optional<ServerTransaction> invite);

    /**
     * RFC 3261 §9.2: a CANCEL matched {@code invite} while it has no final response. The layer has
     * already answered the CANCEL with 200; the TU decides what to do with the INVITE (a UAS sends
     * 487, a proxy cancels its branches).
     */
    void onCancel(ServerTransaction invite, SipRequest cancel);

    /** A response for a client transaction: provisional, final, and (RFC 6026 §8.4) 2xx retransmissions. */
    void onResponse(ClientTransaction transaction, SipResponse response);

    /** A response that matches no client transaction (RFC 3261 §18.1.2; RFC 6026 §8.10 lets a UA drop it). */
    void onStrayResponse(Flow flow, SipResponse response);

    /** A client transaction ended without a final response: timeout, transport error or closed flow. */
    void onClientFailure(ClientTransaction transaction, TransactionFailure failure);

    /**
     * A server transaction failed: no ACK for its non-2xx (Timer H, {@link TransactionFailure#TIMEOUT}),
     * the flow refused a response, or the flow closed before the TU answered.
     */
    void onServerFailure(ServerTransaction transaction, TransactionFailure failure);

    /** A transaction reached Terminated and left the tables. */
    default void onTerminated(Transaction transaction) {
    }
}
