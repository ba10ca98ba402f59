package io.ferry.runtime.txn;

/**
 * The states of the four transaction state machines (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1,
 * §17.2.2; RFC 6026 §7 adds Accepted to both INVITE machines).
 */
public enum TransactionState {
    /** INVITE client: request sent, nothing heard yet. */
    CALLING,
    /** Non-INVITE client or server: request sent or received, no response yet. */
    TRYING,
    /** A provisional response was received (client) or sent (server). */
    PROCEEDING,
    /** A 2xx to an INVITE was received or sent; 2xx retransmissions pass through (RFC 6026). */
    ACCEPTED,
    /** A final response (non-2xx for INVITE) was received or sent; retransmissions are absorbed. */
    COMPLETED,
    /** INVITE server: the ACK for a non-2xx arrived; Timer I absorbs further ACKs. */
    CONFIRMED,
    /** Gone from the tables; nothing more happens. */
    TERMINATED
}
