package io.ferry.runtime.txn;

import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One transaction layer on a fake clock with a recording TU and a flow table, plus the requests
 * the tests send (the RFC 3261 §24.2 INVITE from Alice, varied by method, branch, To tag...).
 */
final class TransactionFixtures {

    static final String BRANCH = "z9hG4bK776asdhds";
    static final String FROM_TAG = "1928301774";
    static final String CALL_ID = "a84b4c76e66710@pc33.atlanta.example.com";

    final FakeTimerScheduler clock = new FakeTimerScheduler();
    final FakeTransactionUser user = new FakeTransactionUser();
    final FlowTable flows = new FlowTable();
    final FlowIds ids = new FlowIds();
    final TransactionLayer layer;
    private int nextPort = 40000;

    TransactionFixtures() {
        this(TransactionConfig.DEFAULT);
    }

    TransactionFixtures(TransactionConfig config) {
        layer = new TransactionLayer(config, clock, user);
        flows.addListener(layer);
    }

    FakeFlow udp() {
        return FakeFlow.udp(flows, ids, nextPort++);
    }

    FakeFlow tcp() {
        return FakeFlow.tcp(flows, ids, nextPort++);
    }

    FakeFlow ws() {
        return FakeFlow.ws(flows, ids, nextPort++);
    }

    /** A request Alice sends (RFC 3261 §24.2 shape); {@code branch} null for an RFC 2543 Via without one. */
    static SipRequest request(String method, String branch, String toTag, long cseq) {
        return request(method, "sip:bob@biloxi.example.com", "pc33.atlanta.example.com", branch, toTag, FROM_TAG, cseq);
    }

    static SipRequest request(String method, String requestUri, String sentByHost, String branch, String toTag,
                              String fromTag, long cseq) {
        String text = method + " " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + sentByHost + (branch == null ? "" : ";branch=" + branch) + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "To: Bob <sip:bob@biloxi.example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "From: Alice <sip:alice@atlanta.example.com>;tag=" + fromTag + "\r\n"
                + "Call-ID: " + CALL_ID + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:alice@pc33.atlanta.example.com>\r\n"
                + "Content-Length: 0\r\n\r\n";
        return parse(text);
    }

    static SipRequest invite() {
        return request("INVITE", BRANCH, null, 314159);
    }

    static SipRequest options() {
        return request("OPTIONS", BRANCH, null, 63104);
    }

    /** The ACK a UAC sends for a non-2xx final response (same branch, To tag of the response). */
    static SipRequest ackFor(SipRequest invite, SipResponse response) {
        try {
            String toTag = response.to().orElseThrow().tag();
            String branch = invite.topVia().orElseThrow().branch();
            return request("ACK", branch, toTag, invite.cseq().orElseThrow().number());
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    static SipRequest parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        try {
            return (SipRequest) new SipParser().parseCopy(b, 0, b.length);
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    static String toTag(SipResponse response) {
        try {
            return response.to().map(NameAddr::tag).orElse(null);
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    static String branchOf(io.ferry.sip.SipMessage m) {
        try {
            return m.topVia().orElseThrow().branch();
        } catch (SipParseException e) {
            throw new AssertionError(e);
        }
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    void advanceMillis(long ms) {
        clock.advanceMillis(ms);
    }
}
