package io.ferry.runtime.dialog;

import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipSerializer;
import java.nio.charset.StandardCharsets;

/**
 * The messages of a call through two record-routing proxies, modelled on RFC 3665 §3.2
 * (Alice at client.atlanta.example.com, proxies ss1.atlanta.example.com and
 * ss2.biloxi.example.com, Bob at client.biloxi.example.com), built as text and parsed by
 * {@link SipParser}. Each builder varies the parts a test needs.
 */
final class DialogFixtures {

    static final String CALL_ID = "3848276298220188511@atlanta.example.com";
    static final String ALICE_TAG = "9fxced76sl";
    static final String BOB_TAG = "314159";
    static final String ALICE_CONTACT = "sip:alice@client.atlanta.example.com;transport=tcp";
    static final String BOB_CONTACT = "sip:bob@client.biloxi.example.com;transport=tcp";
    static final String SS1 = "<sip:ss1.atlanta.example.com;lr>";
    static final String SS2 = "<sip:ss2.biloxi.example.com;lr>";

    private DialogFixtures() {
    }

    /** F1-style INVITE as Alice sends it to her outbound proxy (CSeq 1). */
    static SipRequest inviteSent() {
        return request("INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74b43\r\n"
                + "Max-Forwards: 70\r\n"
                + "Route: " + SS1 + "\r\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=" + ALICE_TAG + "\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <" + ALICE_CONTACT + ">\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    /** The INVITE as Bob receives it, both proxies having record-routed (ss2 on top). */
    static SipRequest inviteReceived() {
        return request("INVITE sip:bob@client.biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e4.1\r\n"
                + "Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\r\n"
                + "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74b43;received=192.0.2.101\r\n"
                + "Max-Forwards: 68\r\n"
                + "Record-Route: " + SS2 + "\r\n"
                + "Record-Route: " + SS1 + "\r\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=" + ALICE_TAG + "\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <" + ALICE_CONTACT + ">\r\n"
                + "Content-Length: 0\r\n\r\n");
    }

    /** A response to Alice's INVITE as she receives it, with Bob's {@code toTag}, Record-Route values and Contact. */
    static SipResponse inviteResponse(int status, String reason, String toTag, String recordRoute, String contact) {
        return response(status, reason, "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74b43;received=192.0.2.101\r\n",
                recordRoute, toTag, contact, "1 INVITE");
    }

    /** The 200 OK Alice receives: Record-Route ss2, ss1; Contact Bob's phone. */
    static SipResponse okReceived() {
        return inviteResponse(200, "OK", BOB_TAG, SS2 + ", " + SS1, BOB_CONTACT);
    }

    /** The response Bob sends to {@link #inviteReceived()}: Record-Route copied, To tag and Contact added. */
    static SipResponse bobAnswers(int status, String reason) {
        SipResponse r = inviteReceived().createResponse(status, reason, () -> BOB_TAG);
        return status >= 300 ? r : r.withHeader("Contact", "<" + BOB_CONTACT + ">");
    }

    static SipResponse response(int status, String reason, String vias, String recordRoute, String toTag,
                                String contact, String cseq) {
        return response(status, reason, vias + (recordRoute == null ? "" : "Record-Route: " + recordRoute + "\r\n")
                + "From: Alice <sip:alice@atlanta.example.com>;tag=" + ALICE_TAG + "\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: " + cseq + "\r\n"
                + (contact == null ? "" : "Contact: <" + contact + ">\r\n")
                + "Content-Length: 0\r\n\r\n");
    }

    private static SipResponse response(int status, String reason, String headers) {
        return (SipResponse) parse("SIP/2.0 " + status + " " + reason + "\r\n" + headers);
    }

    /**
     * A request from Bob to Alice within the dialog, as Alice receives it through ss1
     * (RFC 3665 §3.2 F-BYE style), with an optional Contact.
     */
    static SipRequest fromBob(String method, long cseq, String contact) {
        return request(method + " " + ALICE_CONTACT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.2\r\n"
                + "Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e4.2;received=192.0.2.222\r\n"
                + "Via: SIP/2.0/TCP client.biloxi.example.com:5060;branch=z9hG4bKnashds7;received=192.0.2.105\r\n"
                + "Max-Forwards: 68\r\n"
                + "From: Bob <sip:bob@biloxi.example.com>;tag=" + BOB_TAG + "\r\n"
                + "To: Alice <sip:alice@atlanta.example.com>;tag=" + ALICE_TAG + "\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + (contact == null ? "" : "Contact: <" + contact + ">\r\n")
                + "Content-Length: 0\r\n\r\n");
    }

    /** A request from Alice to Bob within the dialog, as Bob receives it through ss2. */
    static SipRequest fromAlice(String method, long cseq, String contact) {
        return request(method + " " + BOB_CONTACT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP ss2.biloxi.example.com:5060;branch=z9hG4bK721e4.3\r\n"
                + "Via: SIP/2.0/TCP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.3;received=192.0.2.111\r\n"
                + "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74b44;received=192.0.2.101\r\n"
                + "Max-Forwards: 68\r\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=" + ALICE_TAG + "\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>;tag=" + BOB_TAG + "\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + (contact == null ? "" : "Contact: <" + contact + ">\r\n")
                + "Content-Length: 0\r\n\r\n");
    }

    /** Alice's confirmed dialog: {@link #inviteSent()} answered by {@link #okReceived()}. */
    static DialogState aliceConfirmed() {
        try {
            return DialogState.uac(inviteSent(), okReceived(), false);
        } catch (DialogException e) {
            throw new AssertionError(e);
        }
    }

    /** Bob's confirmed dialog: {@link #inviteReceived()} answered by {@link #bobAnswers} 200. */
    static DialogState bobConfirmed() {
        try {
            return DialogState.uas(inviteReceived(), bobAnswers(200, "OK"), false);
        } catch (DialogException e) {
            throw new AssertionError(e);
        }
    }

    static SipRequest request(String text) {
        return (SipRequest) parse(text);
    }

    static SipMessage parse(String text) {
        try {
            return new SipParser().parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (SipParseException e) {
            throw new AssertionError("fixture does not parse: " + e.getMessage(), e);
        }
    }

    /** Serializes a built message and parses the bytes again, as a peer would see it. */
    static SipRequest onTheWire(SipRequest built) {
        return (SipRequest) parse(new String(new SipSerializer().toBytes(built), StandardCharsets.UTF_8));
    }
}
