package io.ferry.msrp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An MSRP response's start line ({@code MSRP tid code [comment]}) and headers. Responses carry no
 * body and always end with {@code $} (RFC 4975 §7.2).
 *
 * @param comment the comment after the code, or null when absent
 */
public record MsrpResponse(String transactionId, int code, String comment, MsrpHeaders headers) implements MsrpMessage {

    public MsrpResponse {
        MsrpMessage.checkTransactionId(transactionId);
        if (code < 0 || code > 999) throw new MsrpParseException(MsrpViolation.STATUS_LINE_INVALID, -1, "code " + code);
        Objects.requireNonNull(headers, "headers");
        if (comment != null) {
            for (int i = 0; i < comment.length(); i++) {
                char c = comment.charAt(i);
                if (c == '\r' || c == '\n' || (c < 0x20 && c != '\t') || c == 0x7F)
                    throw new MsrpParseException(MsrpViolation.STATUS_LINE_INVALID, i, "control character in comment");
            }
        }
    }

    /**
     * The transaction response to {@code request}, per RFC 4975 §7.2: same transaction id; To-Path
     * is the first (leftmost) From-Path URI when answering a SEND (responses to SEND go back one
     * hop only), and the whole From-Path for any other method (e.g. AUTH, RFC 4976 §5.1); From-Path
     * is {@code self}, the URI identifying the responder.
     */
    public static MsrpResponse answer(MsrpRequest request, int code, String comment, MsrpUri self) {
        List<MsrpUri> to = request.isSend() ? List.of(request.fromPath().get(0)) : request.fromPath();
        return new MsrpResponse(request.transactionId(), code, comment, MsrpHeaders.ofPaths(to, List.of(self)));
    }

    /**
     * {@link #answer(MsrpRequest, int, String, MsrpUri)} with {@code self} taken from the first
     * To-Path URI of the request: the URI by which the request reached this node (an endpoint's
     * session URI, or a relay's URI, as in the RFC 4976 §5.1 AUTH examples).
     */
    public static MsrpResponse answer(MsrpRequest request, int code, String comment) {
        return answer(request, code, comment, request.toPath().get(0));
    }

    /**
     * The response as a relay passes it back toward the client (RFC 4976 §6.4.3): the relay's URI
     * (the first To-Path URI) moves to the front of From-Path, and the response takes the
     * transaction id of the request the relay received.
     *
     * @throws IllegalStateException if To-Path has no URI after the relay's
     */
    public MsrpResponse forwarded(String previousHopTransactionId) {
        List<MsrpUri> to = toPath();
        if (to.size() < 2) throw new IllegalStateException("To-Path has no next hop: " + MsrpHeaders.formatPath(to));
        List<MsrpUri> from = new ArrayList<>(fromPath().size() + 1);
        from.add(to.get(0));
        from.addAll(fromPath());
        return new MsrpResponse(previousHopTransactionId, code, comment,
                headers().withToPath(to.subList(1, to.size())).withFromPath(from));
    }

    public boolean isSuccess() { return code >= 200 && code < 300; }

    public MsrpResponse withTransactionId(String tid) { return new MsrpResponse(tid, code, comment, headers); }

    @Override
    public MsrpResponse withHeaders(MsrpHeaders h) { return new MsrpResponse(transactionId, code, comment, h); }

    /** Replaces (in place) or appends a header. */
    public MsrpResponse withHeader(String name, String value) { return withHeaders(headers.with(name, value)); }

    public MsrpResponse withoutHeader(String name) { return withHeaders(headers.without(name)); }
}
