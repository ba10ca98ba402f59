package io.ferry.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipSerializerTest {

    private final SipParser parser = new SipParser();
    private final SipSerializer serializer = new SipSerializer();

    @ParameterizedTest
    @ValueSource(strings = {
            "kamailio-auth-jssip-message-received.txt", "kamailio-auth-jssip-message-reply.txt",
            "kamailio-auth-jssip-message-sent.txt", "kamailio-auth-jssip-register-200.txt",
            "kamailio-auth-jssip-register-401.txt", "kamailio-auth-jssip-register-auth.txt",
            "kamailio-auth-jssip-register.txt", "kamailio-jssip-message-received.txt",
            "kamailio-jssip-message-reply.txt", "kamailio-jssip-message-sent.txt",
            "kamailio-jssip-register-200.txt", "kamailio-jssip-register.txt"})
    void rfc7118_jssipKamailioTraffic_roundTripsByteForByte(String file) throws Exception {
        byte[] wire = Fixtures.bytes("jssip-kamailio/" + file);
        SipMessage m = parser.parse(wire);
        assertArrayEquals(wire, serializer.toBytes(m));
        ByteBuffer out = ByteBuffer.allocate(wire.length + 7);
        out.put((byte) 0);
        serializer.write(m, out);
        assertEquals(wire.length + 1, out.position());
        assertArrayEquals(wire, java.util.Arrays.copyOfRange(out.array(), 1, wire.length + 1));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        serializer.write(m, stream);
        assertArrayEquals(wire, stream.toByteArray());
        assertEquals(wire.length, serializer.size(m));
        // every view of the real traffic parses
        m.topVia().orElseThrow();
        m.vias();
        m.from().orElseThrow();
        m.to().orElseThrow();
        m.cseq().orElseThrow();
        m.contacts();
        m.supported();
        m.authHeaders("WWW-Authenticate");
        m.authHeaders("Authorization");
        m.authHeaders("Proxy-Authenticate");
        if (m instanceof SipRequest r) r.requestUri();
    }

    @Test
    void rfc7118_kamailioViaWithTwoSpaces_isKeptVerbatim_andParses() throws Exception {
        byte[] wire = Fixtures.bytes("jssip-kamailio/kamailio-jssip-message-received.txt");
        SipMessage m = parser.parse(wire);
        assertEquals("Via: SIP/2.0/WS  127.0.0.1:8080;branch=z9hG4bKc04f.a1a735a2884320bc53af55d0c9b37fb2.0",
                m.headers().get(0).toString());
        Via top = m.topVia().orElseThrow();
        assertEquals("127.0.0.1", top.host());
        assertEquals(8080, top.port());
        assertEquals("WS", top.transport());
    }

    @Test
    void edits_changeOnlyTheEditedHeaders() throws Exception {
        byte[] wire = Fixtures.bytes("jssip-kamailio/kamailio-jssip-register.txt");
        SipRequest r = (SipRequest) parser.parse(wire);
        Via top = r.topVia().orElseThrow();
        SipRequest edited = r.withTopVia(top.withReceived("127.0.0.1").withRport(50870))
                .withPrependedHeader("Path", "<sip:TOKEN@node;lr;ob>")
                .withHeader("Max-Forwards", "68");
        String text = new String(serializer.toBytes(edited), StandardCharsets.UTF_8);
        String original = new String(wire, StandardCharsets.UTF_8);
        String expected = original
                .replace("Via: SIP/2.0/WS 5rvkcoa4kt3g.invalid;branch=z9hG4bK1992796\r\n",
                        "Path: <sip:TOKEN@node;lr;ob>\r\nVia: SIP/2.0/WS 5rvkcoa4kt3g.invalid;branch=z9hG4bK1992796;received=127.0.0.1;rport=50870\r\n")
                .replace("Max-Forwards: 69", "Max-Forwards: 68");
        assertEquals(expected, text);
        // the original is unchanged
        assertArrayEquals(wire, serializer.toBytes(r));
    }

    @Test
    void write_intoTooSmallBuffer_writesNothing() throws Exception {
        byte[] wire = Fixtures.bytes("jssip-kamailio/kamailio-jssip-register.txt");
        SipMessage m = parser.parse(wire);
        ByteBuffer small = ByteBuffer.allocate(wire.length - 1);
        assertThrows(BufferOverflowException.class, () -> serializer.write(m, small));
        assertEquals(0, small.position());
    }

    @Test
    void builtMessage_serializesInCanonicalForm_andParsesBack() throws Exception {
        SipRequest r = SipRequest.of("OPTIONS", "sip:bob@biloxi.com", Headers.empty()
                        .append("Via", "SIP/2.0/WSS abc.invalid;branch=z9hG4bK1")
                        .append("Call-ID", "c1")
                        .append("CSeq", "1 OPTIONS"))
                .withBody("text/plain", "hé".getBytes(StandardCharsets.UTF_8));
        byte[] out = serializer.toBytes(r);
        assertEquals("OPTIONS sip:bob@biloxi.com SIP/2.0\r\nVia: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1\r\nCall-ID: c1\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nhé", new String(out, StandardCharsets.UTF_8));
        SipRequest back = (SipRequest) parser.parse(out);
        assertEquals(r, back);
        assertArrayEquals(out, serializer.toBytes(back));
    }
}
