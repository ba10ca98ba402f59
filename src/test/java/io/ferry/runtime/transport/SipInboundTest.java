package io.ferry.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.SipInboundHandler.Outcome;
import io.ferry.sip.SanityCheck;
import io.ferry.sip.SipFrame;
import io.ferry.sip.SipLimits;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SipInboundTest {

    private final List<String> sent = new ArrayList<>();
    private final List<SipRequest> requests = new ArrayList<>();
    private final List<SipResponse> responses = new ArrayList<>();

    private final FlowChannel channel = new FlowChannel() {
        @Override
        public boolean offer(ByteBuffer message) {
            byte[] b = new byte[message.remaining()];
            message.get(b);
            sent.add(new String(b, StandardCharsets.UTF_8));
            return true;
        }

        @Override
        public void close(CloseReason reason) {
            sent.add("CLOSE " + reason);
        }
    };

    private final Flow flow = new WebSocketFlow(new FlowIds().next(Transport.WS), false, new InetSocketAddress("127.0.0.1", 8080),
            new InetSocketAddress("203.0.113.5", 51000), new InetSocketAddress("203.0.113.5", 51000), Optional.empty(), "/sip",
            Optional.empty(), channel);

    private final SipInbound inbound = new SipInbound(new SipParser(SipLimits.defaults()),
            new SanityCheck("ferry1", Set.of()), new SipMessageHandler() {
                @Override
                public void onRequest(Flow f, SipRequest r) {
                    requests.add(r);
                }

                @Override
                public void onResponse(Flow f, SipResponse r) {
                    responses.add(r);
                }
            });

    private static final String REGISTER = "REGISTER sip:example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKnashds7;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "To: <sip:alice@example.com>\r\n"
            + "From: <sip:alice@example.com>;tag=456248\r\n"
            + "Call-ID: 843817637684230@998sdasdh09\r\n"
            + "CSeq: 1826 REGISTER\r\n"
            + "Contact: <sip:alice@df7jal23ls0d.invalid;transport=ws>\r\n"
            + "Content-Length: 0\r\n\r\n";

    private Outcome receive(String text) {
        return inbound.onMessage(flow, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rfc3581_4_emptyRport_isFilled_andReceivedAdded() throws Exception {
        assertEquals(Outcome.DELIVERED, receive(REGISTER));
        var via = requests.get(0).topVia().orElseThrow();
        assertEquals("203.0.113.5", via.received());
        assertEquals(51000, via.rport().getAsInt());
        assertEquals(1, flow.counters().snapshot().messagesIn());
    }

    @Test
    void rfc3261_18_2_1_sentByDiffersFromSource_getsReceived() throws Exception {
        receive(REGISTER.replace(";rport", ""));
        var via = requests.get(0).topVia().orElseThrow();
        assertEquals("203.0.113.5", via.received());
        assertTrue(via.rport().isEmpty(), "no rport asked, none added");
    }

    @Test
    void rfc3261_18_2_1_sentByIsTheSource_getsNoReceived() throws Exception {
        receive(REGISTER.replace("df7jal23ls0d.invalid;branch", "203.0.113.5:51000;branch").replace(";rport", ""));
        assertEquals(null, requests.get(0).topVia().orElseThrow().received());
    }

    @Test
    void rfc5626_4_4_1_doubleCrlf_isAnsweredWithCrlf_singleCrlfIsNot() {
        assertEquals(Outcome.KEEPALIVE, receive("\r\n\r\n"));
        assertEquals(List.of("\r\n"), sent);
        assertEquals(Outcome.KEEPALIVE, receive("\r\n"));
        assertEquals(1, sent.size());
    }

    @Test
    void rfc3261_8_1_1_missingCallId_is400WithWarning() {
        assertEquals(Outcome.ANSWERED, receive(REGISTER.replace("Call-ID: 843817637684230@998sdasdh09\r\n", "")));
        assertTrue(sent.get(0).startsWith("SIP/2.0 400 "), sent.get(0));
        assertTrue(sent.get(0).contains("Call-ID"), sent.get(0));
        assertTrue(sent.get(0).contains("\r\nWarning: 399 ferry1 "), sent.get(0));
        assertTrue(requests.isEmpty());
        assertEquals(1, flow.counters().snapshot().rejects());
    }

    @Test
    void rfc3261_8_1_1_5_cseqMethodMismatch_is400() {
        assertEquals(Outcome.ANSWERED, receive(REGISTER.replace("CSeq: 1826 REGISTER", "CSeq: 1826 INVITE")));
        assertTrue(sent.get(0).startsWith("SIP/2.0 400 "), sent.get(0));
    }

    @Test
    void unparseableRequestWithRequestLine_isAnswered400() {
        assertEquals(Outcome.ANSWERED, receive(REGISTER.replace("CSeq: 1826 REGISTER", "CSeq: abc REGISTER")));
        assertTrue(sent.get(0).startsWith("SIP/2.0 400 "), sent.get(0));
    }

    @Test
    void rfc3261_7_1_badVersion_is505() {
        receive(REGISTER.replace("REGISTER sip:example.com SIP/2.0", "REGISTER sip:example.com SIP/7.0"));
        assertTrue(sent.get(0).startsWith("SIP/2.0 505 "), sent.get(0));
    }

    @Test
    void brokenResponse_isDropped() {
        assertEquals(Outcome.DROPPED, receive("SIP/2.0 200 OK\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bK1\r\nCSeq: nope\r\n\r\n"));
        assertTrue(sent.isEmpty());
        assertTrue(responses.isEmpty());
    }

    @Test
    void notSipAtAll_isUnframeable() {
        assertEquals(Outcome.UNFRAMEABLE, receive("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(Outcome.UNFRAMEABLE, receive("\u0000\u0001garbage"));
    }

    @Test
    void response_isHandedUp() {
        assertEquals(Outcome.DELIVERED, receive("SIP/2.0 200 OK\r\nVia: SIP/2.0/WS x.invalid;branch=z9hG4bK1\r\n"
                + "From: <sip:a@b>;tag=1\r\nTo: <sip:a@b>;tag=2\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(1, responses.size());
    }

    @Test
    void streamPing_isAnswered_pongIsNot() {
        assertEquals(Outcome.KEEPALIVE, inbound.onFrame(flow, SipFrame.PING));
        assertEquals(Outcome.KEEPALIVE, inbound.onFrame(flow, SipFrame.PONG));
        assertEquals(List.of("\r\n"), sent);
    }
}
