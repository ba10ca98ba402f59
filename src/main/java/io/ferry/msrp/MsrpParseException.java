package io.ferry.msrp;

import java.util.Optional;

/**
 * MSRP input that breaks a rule. Carries the byte offset (from the start of the connection for
 * {@link MsrpStreamParser}, from the start of the buffer for {@link MsrpParser}; relative to the
 * value, or -1, when a value was parsed on its own), the {@link MsrpViolation} with the status to
 * answer, and the transaction id when it was known.
 */
public final class MsrpParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long offset;
    private final MsrpViolation violation;
    private final String detail;
    private final String transactionId;
    private final transient MsrpRequest request;

    public MsrpParseException(MsrpViolation violation, long offset, String detail) {
        this(violation, offset, detail, null);
    }

    public MsrpParseException(MsrpViolation violation, long offset, String detail, String transactionId) {
        this(violation, offset, detail, transactionId, null);
    }

    private MsrpParseException(MsrpViolation violation, long offset, String detail, String transactionId, MsrpRequest request) {
        super(violation.reason() + (detail == null || detail.isEmpty() ? "" : ": " + detail)
                + (offset >= 0 ? " at offset " + offset : "")
                + (transactionId == null ? "" : " (transaction " + transactionId + ")"));
        this.offset = offset;
        this.violation = violation;
        this.detail = detail == null ? "" : detail;
        this.transactionId = transactionId;
        this.request = request;
    }

    /** Byte offset of the fault, or -1. */
    public long offset() { return offset; }

    /** The broken rule. */
    public MsrpViolation violation() { return violation; }

    /** What exactly was wrong, without the rule's name. */
    public String detail() { return detail; }

    /** The status to answer (400 or 413); check {@link #framingLost()} first. */
    public int status() { return violation.status(); }

    /** True if the connection must be closed because the stream can no longer be framed. */
    public boolean framingLost() { return violation.framingLost(); }

    /** The transaction id of the broken message, or null if it was not known. */
    public String transactionId() { return transactionId; }

    /**
     * The rejected request as far as it could be read, so that it can be answered (RFC 4975 §7.2):
     * its header part when that was complete, otherwise a request holding only its To-Path,
     * From-Path and Failure-Report when those could be read. Empty for responses, for a broken start
     * line, and when those headers themselves are unreadable.
     */
    public Optional<MsrpRequest> request() { return Optional.ofNullable(request); }

    /** This exception with the transaction id filled in. */
    MsrpParseException withTransactionId(String tid) {
        return new MsrpParseException(violation, offset, detail, tid, request);
    }

    /** This exception with the readable part of the rejected request attached. */
    MsrpParseException withRequest(MsrpRequest r) {
        return new MsrpParseException(violation, offset, detail, transactionId, r);
    }

    /** This exception with its value-relative offset moved by {@code base} (no-op when base < 0). */
    MsrpParseException shifted(long base) {
        if (base < 0) return this;
        return new MsrpParseException(violation, offset < 0 ? base : base + offset, detail, transactionId, request);
    }
}
