package io.ferry.msrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An MSRP request's start line ({@code MSRP tid METHOD}) and headers. */
public record MsrpRequest(String transactionId, MsrpMethod method, MsrpHeaders headers) implements MsrpMessage {

    public MsrpRequest {
        MsrpMessage.checkTransactionId(transactionId);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
    }

    /** A request with only To-Path and From-Path; add headers with {@link #withHeader}. */
    public static MsrpRequest of(String transactionId, MsrpMethod method, List<MsrpUri> toPath, List<MsrpUri> fromPath) {
        return new MsrpRequest(transactionId, method, MsrpHeaders.ofPaths(toPath, fromPath));
    }

    /**
     * A REPORT for a received SEND, per RFC 4975 §7.1.2–§7.1.3: To-Path is the SEND's full
     * From-Path, From-Path is {@code self} (the URI identifying the reporter in the session),
     * then Message-ID from the SEND, the Byte-Range reported on, and the Status. No
     * Success-Report or Failure-Report header is added. RFC 4976 §6.4.1: a relay reporting a failure
     * uses the same construction, with its own URI as {@code self}.
     */
    public static MsrpRequest report(MsrpRequest send, String transactionId, MsrpUri self, ByteRange range, MsrpStatus status) {
        String messageId = send.headers().messageId()
                .orElseThrow(() -> new IllegalArgumentException("RFC 4975 §7.1.2: the SEND has no Message-ID to report on"));
        MsrpHeaders h = MsrpHeaders.ofPaths(send.fromPath(), List.of(self))
                .plus(MsrpHeaders.MESSAGE_ID, messageId)
                .plus(MsrpHeaders.BYTE_RANGE, range.format())
                .plus(MsrpHeaders.STATUS, status.format());
        return new MsrpRequest(transactionId, MsrpMethod.REPORT, h);
    }

    /**
     * The request as a relay forwards it (RFC 4976 §6.4.1, §6.4.2): the first To-Path URI (the
     * relay's) moves to the front of From-Path, and the request gets the relay's transaction id for
     * the next hop. Every other header stays as it was.
     *
     * @throws IllegalStateException if To-Path has no URI after the relay's
     */
    public MsrpRequest forwarded(String nextTransactionId) {
        List<MsrpUri> to = toPath();
        if (to.size() < 2) throw new IllegalStateException("To-Path has no next hop: " + MsrpHeaders.formatPath(to));
        List<MsrpUri> from = new ArrayList<>(fromPath().size() + 1);
        from.add(to.get(0));
        from.addAll(fromPath());
        return new MsrpRequest(nextTransactionId, method,
                headers().withToPath(to.subList(1, to.size())).withFromPath(from));
    }

    public boolean isSend() { return method.isSend(); }

    /**
     * Whether a transaction response with {@code code} is to be sent for this request: never for a
     * REPORT (RFC 4975 §7.1.2); with Failure-Report "no", never; with "partial", only for a failure
     * (RFC 4975 §7.1.4: never a 200); with "yes" or no Failure-Report, always (§7.2). RFC 4976
     * §6.4.1 applies the same rule hop by hop at relays.
     */
    public boolean wantsResponse(int code) {
        if (method.equals(MsrpMethod.REPORT)) return false;
        return switch (headers.failureReport()) {
            case YES -> true;
            case NO -> false;
            case PARTIAL -> code < 200 || code > 299;
        };
    }

    /** RFC 4975 §7.1.3: the sender asked for success REPORTs ("Success-Report: yes" on a SEND). */
    public boolean wantsSuccessReport() { return isSend() && headers.successReport() == SuccessReport.YES; }

    /**
     * RFC 4975 §7.1.4 and RFC 4976 §6.4.1: a failure REPORT may be sent for this request, i.e. it is a
     * SEND whose Failure-Report is not "no".
     */
    public boolean allowsFailureReport() { return isSend() && headers.failureReport() != FailureReport.NO; }

    public MsrpRequest withTransactionId(String tid) { return new MsrpRequest(tid, method, headers); }

    @Override
    public MsrpRequest withHeaders(MsrpHeaders h) { return new MsrpRequest(transactionId, method, h); }

    /** Replaces (in place) or appends a header. */
    public MsrpRequest withHeader(String name, String value) { return withHeaders(headers.with(name, value)); }

    public MsrpRequest withoutHeader(String name) { return withHeaders(headers.without(name)); }

    public MsrpRequest withToPath(List<MsrpUri> uris) { return withHeaders(headers.withToPath(uris)); }

    public MsrpRequest withFromPath(List<MsrpUri> uris) { return withHeaders(headers.withFromPath(uris)); }

    public MsrpRequest withByteRange(ByteRange range) { return withHeaders(headers.withByteRange(range)); }
}
