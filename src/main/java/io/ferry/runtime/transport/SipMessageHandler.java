package io.ferry.runtime.transport;

import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;

/** Receives parsed messages from {@link SipInbound}: the transaction layer. */
public interface SipMessageHandler {

    /** A request whose top Via already carries {@code received}/{@code rport} (RFC 3261 §18.2.1, RFC 3581 §4). */
    void onRequest(Flow flow, SipRequest request);

    void onResponse(Flow flow, SipResponse response);
}
