package io.ferry.runtime.dialog;

import io.ferry.sip.NameAddr;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A dialog identifier (RFC 3261 §12): Call-ID, local tag and remote tag, as seen by one user
 * agent. A missing tag (an RFC 2543 peer, §12.1.1 and §12.1.2) is the empty string.
 *
 * <p>Equality: the Call-ID compares byte for byte (§20.8), the tags case-insensitively, as
 * parameter values do unless a header says otherwise (§7.3.1).
 *
 * <p>The static factories give the key under which a user agent looks a message up: for a
 * request it received, the local tag is the To tag and the remote tag the From tag; for a response
 * it received (to a request it sent), the local tag is the From tag and the remote tag the To tag.
 */
public record DialogId(String callId, String localTag, String remoteTag) {

    public DialogId {
        Objects.requireNonNull(callId, "callId");
        if (callId.isEmpty()) throw new IllegalArgumentException("empty Call-ID");
        localTag = localTag == null ? "" : localTag;
        remoteTag = remoteTag == null ? "" : remoteTag;
    }

    /**
     * The key of a request received by this user agent (RFC 3261 §12.2.2): local tag = To tag,
     * remote tag = From tag; empty when the request has no To tag (it is outside any dialog).
     */
    public static Optional<DialogId> ofReceivedRequest(SipRequest request) throws DialogException {
        NameAddr to = header(request, "To");
        if (to.tag() == null) return Optional.empty();
        return Optional.of(new DialogId(callId(request), to.tag(), header(request, "From").tag()));
    }

    /**
     * The key of a response received by this user agent to a request it sent (RFC 3261
     * §12.1.2): local tag = From tag, remote tag = To tag (empty when the response has none).
     */
    public static DialogId ofReceivedResponse(SipResponse response) throws DialogException {
        return new DialogId(callId(response), header(response, "From").tag(), header(response, "To").tag());
    }

    /**
     * The key of a response this user agent sends to a request it received (RFC 3261 §12.1.1):
     * local tag = To tag, remote tag = From tag.
     */
    public static DialogId ofSentResponse(SipResponse response) throws DialogException {
        return new DialogId(callId(response), header(response, "To").tag(), header(response, "From").tag());
    }

    /**
     * The key of a request this user agent sends (RFC 3261 §12.2.1.1): local tag = From tag,
     * remote tag = To tag.
     */
    public static DialogId ofSentRequest(SipRequest request) throws DialogException {
        return new DialogId(callId(request), header(request, "From").tag(), header(request, "To").tag());
    }

    /** True when both are the same dialog except, perhaps, for the remote tag (another fork, §12.3). */
    boolean sameLocalSide(DialogId other) {
        return callId.equals(other.callId) && localTag.equalsIgnoreCase(other.localTag);
    }

    static String callId(SipMessage m) throws DialogException {
        String id = m.callId().orElseThrow(() -> new DialogException("Missing Call-ID (RFC 3261 §8.1.1.4)"));
        if (id.isEmpty()) throw new DialogException("Empty Call-ID (RFC 3261 §20.8)");
        return id;
    }

    static NameAddr header(SipMessage m, String name) throws DialogException {
        try {
            Optional<NameAddr> a = name.equals("To") ? m.to() : m.from();
            return a.orElseThrow(() -> new DialogException("Missing " + name + " (RFC 3261 §8.1.1)"));
        } catch (SipParseException e) {
            throw new DialogException("Bad " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DialogId d && callId.equals(d.callId)
                && localTag.equalsIgnoreCase(d.localTag) && remoteTag.equalsIgnoreCase(d.remoteTag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(callId, localTag.toLowerCase(Locale.ROOT), remoteTag.toLowerCase(Locale.ROOT));
    }
}
