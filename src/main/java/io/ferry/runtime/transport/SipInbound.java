package io.ferry.runtime.transport;

import io.ferry.sip.SanityCheck;
import io.ferry.sip.SipFrame;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.Via;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The transport layer's one violation path (STYLE.md): parses what a flow received, answers a
 * request that does not parse with the parser's 4xx/5xx (plus Warning), drops a broken response,
 * answers keepalives, stamps the top Via with {@code received}/{@code rport}, and hands the rest
 * to the transaction layer. Stateless apart from its collaborators; safe from any thread.
 */
public final class SipInbound implements SipInboundHandler {

    private static final System.Logger LOG = System.getLogger(SipInbound.class.getName());
    private static final ByteBuffer CRLF = ByteBuffer.wrap(new byte[] {'\r', '\n'}).asReadOnlyBuffer();

    private final SipParser parser;
    private final SanityCheck sanity;
    private final SipMessageHandler next;

    /**
     * @param sanity the RFC 3261 checks that hold whatever Ferry then does with the request
     *               (mandatory headers, single-valued headers, CSeq, Content-Length, size…); the
     *               role-specific ones (416, 420, 483) are the transaction user's
     */
    public SipInbound(SipParser parser, SanityCheck sanity, SipMessageHandler next) {
        this.parser = parser;
        this.sanity = sanity;
        this.next = next;
    }

    @Override
    public Outcome onMessage(Flow flow, ByteBuffer message) {
        int length = message.remaining();
        flow.counters().received(length);
        if (isOnlyCrlf(message)) {
            // RFC 5626 §4.4.1 / RFC 7118: a message of CRLFs is a keepalive; a double CRLF is a ping.
            if (length >= 4) {
                flow.sendBytes(CRLF.duplicate());
            }
            return Outcome.KEEPALIVE;
        }
        byte[] bytes = new byte[length];
        message.get(bytes);
        try {
            return deliver(flow, parser.parse(bytes, 0, length));
        } catch (SipParseException e) {
            return reject(flow, e, bytes);
        }
    }

    @Override
    public Outcome onFrame(Flow flow, SipFrame frame) {
        if (frame instanceof SipFrame.Message m) {
            flow.counters().received(0);
            return deliver(flow, m.message());
        }
        if (frame instanceof SipFrame.Rejected r) {
            return reject(flow, r.error(), r.bytes());
        }
        if (frame instanceof SipFrame.Ping) {
            flow.sendBytes(CRLF.duplicate());
        }
        return Outcome.KEEPALIVE;
    }

    private Outcome deliver(Flow flow, SipMessage message) {
        if (message instanceof SipRequest request) {
            Optional<SipResponse> fault = transportChecks(request);
            if (fault.isPresent()) {
                flow.counters().rejected();
                LOG.log(Level.INFO, "flow={0} transport={1} remote={2} reject status={3} reason=\"{4}\" call-id={5}",
                        flow.id(), flow.transport(), flow.remoteAddress(), fault.get().status(), fault.get().reason(),
                        request.callId().orElse("-"));
                if (!request.isMethod("ACK")) {
                    flow.send(fault.get());
                }
                return Outcome.ANSWERED;
            }
            Optional<SipRequest> stamped = stampVia(flow, request);
            if (stamped.isEmpty()) {
                return Outcome.ANSWERED;
            }
            next.onRequest(flow, stamped.get());
        } else {
            SipResponse response = (SipResponse) message;
            Optional<String> fault = sanity.rfc3261_18_1_2_responseHeaders(response);
            if (fault.isPresent()) {
                // STYLE: a broken response is dropped and counted, never answered
                flow.counters().rejected();
                LOG.log(Level.INFO, "flow={0} transport={1} remote={2} drop response status={3} fault=\"{4}\"",
                        flow.id(), flow.transport(), flow.remoteAddress(), response.status(), fault.get());
                return Outcome.DROPPED;
            }
            next.onResponse(flow, response);
        }
        return Outcome.DELIVERED;
    }

    /** The role-independent checks of {@link SanityCheck}, in its order. */
    private Optional<SipResponse> transportChecks(SipRequest request) {
        Optional<SipResponse> r = sanity.rfc3261_8_1_1_mandatoryHeaders(request);
        if (r.isEmpty()) r = sanity.rfc3261_7_3_1_singleValuedHeaders(request);
        if (r.isEmpty()) r = sanity.rfc3261_16_3_1_reasonableSyntax(request);
        if (r.isEmpty()) r = sanity.rfc3261_8_1_1_5_cseqMethod(request);
        if (r.isEmpty()) r = sanity.rfc3261_18_3_contentLength(request);
        if (r.isEmpty()) r = sanity.rfc3261_21_5_13_messageTooLarge(request);
        return r;
    }

    /**
     * RFC 3261 §18.2.1: add {@code received} when the sent-by host is not the source address, and
     * RFC 3581 §4: fill an empty {@code rport} (and then always add {@code received}). WebSocket
     * clients send an {@code .invalid} host (RFC 7118 §5.2), so they always get {@code received}.
     */
    private Optional<SipRequest> stampVia(Flow flow, SipRequest request) {
        Via via;
        try {
            Optional<Via> top = request.topVia();
            if (top.isEmpty()) {
                answer(flow, request, 400, "Missing Via");
                return Optional.empty();
            }
            via = top.get();
        } catch (SipParseException e) {
            answer(flow, request, 400, "Malformed Via");
            return Optional.empty();
        }
        String source = flow.remoteAddress().getAddress().getHostAddress();
        Via stamped = via;
        if (via.hasRport() && via.rport().isEmpty()) {
            stamped = stamped.withRport(flow.remoteAddress().getPort()).withReceived(source);
        } else if (!source.equals(via.host())) {
            stamped = stamped.withReceived(source);
        }
        return Optional.of(stamped == via ? request : request.withTopVia(stamped));
    }

    private Outcome reject(Flow flow, SipParseException e, byte[] bytes) {
        flow.counters().rejected();
        Optional<SipResponse> response = parser.responseTo(bytes, 0, bytes.length, e);
        LOG.log(Level.INFO, "flow={0} transport={1} remote={2} reject status={3} reason=\"{4}\" rule=\"{5}\" offset={6} answered={7}",
                flow.id(), flow.transport(), flow.remoteAddress(), e.status(), e.reason(), e.rule(), e.offset(),
                response.isPresent());
        if (response.isPresent()) {
            flow.send(response.get());
            return Outcome.ANSWERED;
        }
        return looksLikeSip(bytes) && !e.framingLost() ? Outcome.DROPPED : Outcome.UNFRAMEABLE;
    }

    private void answer(Flow flow, SipRequest request, int status, String reason) {
        flow.counters().rejected();
        LOG.log(Level.INFO, "flow={0} reject status={1} reason=\"{2}\"", flow.id(), status, reason);
        if (!request.isMethod("ACK")) {
            flow.send(request.createResponse(status, reason));
        }
    }

    private static boolean isOnlyCrlf(ByteBuffer b) {
        if (!b.hasRemaining()) {
            return true;
        }
        for (int i = b.position(); i < b.limit(); i++) {
            byte c = b.get(i);
            if (c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    /** A start line that names SIP/2.0: a message Ferry could read, even if this one is broken. */
    private static boolean looksLikeSip(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n' && end < 512) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1).contains("SIP/");
    }
}
