package io.ferry.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ITs' bare SIP client reads what the container writes: compact and folded headers, parameters, echo checks. */
class SipWireTest {

    private static final String RESPONSE = "SIP/2.0 200 OK\r\n"
            + "v: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKabc;rport=5099;received=127.0.0.1\r\n"
            + "f: <sip:bob@example.com>;tag=ft\r\n"
            + "To: <sip:hello@127.0.0.1>\r\n ;tag=tt\r\n"
            + "i: options-1@it\r\n"
            + "CSeq:  1   OPTIONS\r\n"
            + "X-Hello: Hello, bob\r\n"
            + "l: 2\r\n\r\nhi";

    @Test
    void rfc3261_7_3_3_compactAndFoldedHeaders_areReadAsTheirLongNames() {
        SipWire.Message m = SipWire.parse(RESPONSE);
        assertEquals(200, m.status());
        assertEquals("options-1@it", m.required("Call-ID"));
        assertEquals(Optional.of("tt"), SipWire.param(m.required("to"), "tag"));
        assertEquals(List.of("Hello, bob"), m.all("x-hello"));
        assertEquals("hi", m.body());
        assertEquals(-1, SipWire.parse("OPTIONS sip:a@b SIP/2.0\r\n\r\n").status());
    }

    @Test
    void rfc3261_8_2_6_2_exchangeCheck_acceptsAnEchoingResponse_andRejectsAnotherBranch() {
        SipWire.Message m = SipWire.parse(RESPONSE);
        new SipWire.Exchange("OPTIONS", "z9hG4bKabc", "options-1@it", "ft", m).assertEchoesRequest();
        assertThrows(AssertionError.class, () -> new SipWire.Exchange("OPTIONS", "z9hG4bKother", "options-1@it", "ft", m).assertEchoesRequest());
        assertThrows(AssertionError.class, () -> new SipWire.Exchange("MESSAGE", "z9hG4bKabc", "options-1@it", "ft", m).assertEchoesRequest());
        SipWire.Message untagged = SipWire.parse(RESPONSE.replace("\r\n ;tag=tt", ""));
        assertThrows(AssertionError.class, () -> new SipWire.Exchange("OPTIONS", "z9hG4bKabc", "options-1@it", "ft", untagged).assertEchoesRequest());
    }
}
