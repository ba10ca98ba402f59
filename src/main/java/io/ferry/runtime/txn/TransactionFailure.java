package io.ferry.runtime.txn;

import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;

/**
 * Why a transaction failed without a final response from the peer, each mapped once to the
 * status the transaction user should act on (RFC 3261 §8.1.3.1 and §16.7 treat a timeout as a
 * 408 and a transport error as a 503).
 */
public enum TransactionFailure {
    /** Timer B or F fired on a client transaction; Timer H (no ACK) on a server transaction. */
    TIMEOUT(408, "Request Timeout"),
    /** The flow refused the message: closed, or its outbound queue full (RFC 3261 §17.1.4, §17.2.4). */
    TRANSPORT_ERROR(503, "Service Unavailable"),
    /** The flow closed while the transaction was pending (RFC 5626 §5.3: 430 Flow Failed). */
    FLOW_FAILED(430, "Flow Failed");

    private final int status;
    private final String reason;

    TransactionFailure(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    /** The response the TU may act on as if it had been received (a local, synthetic response). */
    public SipResponse responseTo(SipRequest request) {
        return request.createResponse(status, reason);
    }
}
