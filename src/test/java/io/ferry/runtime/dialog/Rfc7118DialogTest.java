package io.ferry.runtime.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ferry.Fixtures;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The INVITE dialog of RFC 7118 §8.2 (Alice over WSS, a proxy that double record-routes, Bob
 * over UDP), from the RFC's exact messages: each side's dialog builds the ACK (F6) and BYE (F8)
 * that the RFC shows, and accepts the other side's.
 *
 * <p>F1 and F3 fold their Contact inside {@code <...>}, which RFC 3261 §25.1 does not allow
 * (fixtures/rfc7118/README.md); the tests use the same Contact on one line.
 */
class Rfc7118DialogTest {

    private static final String ALICE_GRUU = "<sip:alice@example.com;gr=urn:uuid:f81-7dec-14a06cf1;ob>";

    private static SipMessage fixture(String name) throws Exception {
        return new SipParser().parse(Fixtures.sip("rfc7118/" + name));
    }

    private static SipRequest request(String name) throws Exception {
        return (SipRequest) fixture(name);
    }

    private static SipResponse response(String name) throws Exception {
        return (SipResponse) fixture(name);
    }

    private static List<String> texts(List<NameAddr> routes) {
        return routes.stream().map(NameAddr::toString).toList();
    }

    /** Alice (JsSIP over WSS): F1 sent, F5 received. */
    private static DialogState alice() throws Exception {
        SipRequest f1 = request("8.2-f1-invite").withHeader("Contact", ALICE_GRUU);
        return DialogState.uac(f1, response("8.2-f5-200-ok"), true);
    }

    /** Bob (UDP): F3 received, F4 sent. */
    private static DialogState bob() throws Exception {
        SipRequest f3 = request("8.2-f3-invite").withHeader("Contact", ALICE_GRUU);
        return DialogState.uas(f3, response("8.2-f4-200-ok"), false);
    }

    @Test
    void rfc7118_8_2_uac_ackIsF6() throws Exception {
        DialogState alice = alice();
        SipRequest f6 = request("8.2-f6-ack");
        SipRequest ack = DialogFixtures.onTheWire(alice.createAck(request("8.2-f1-invite")));
        assertEquals(f6.requestUriText(), ack.requestUriText());
        assertEquals(texts(f6.routes()), texts(ack.routes()));
        assertEquals(f6.cseq(), ack.cseq());
        assertEquals(f6.callId(), ack.callId());
        assertEquals(f6.from(), ack.from());
        assertEquals(f6.to(), ack.to());
        assertEquals(f6.maxForwards(), ack.maxForwards());
        // JsSIP over WSS to a sip: URI: not a secure dialog (§12.1.2 wants a SIPS Request-URI)
        assertEquals(false, alice.secure());
    }

    @Test
    void rfc7118_8_2_uas_byeIsF8() throws Exception {
        SipRequest f8 = request("8.2-f8-bye");
        InDialogRequest bye = bob().createRequest("BYE", () -> 1201);
        SipRequest built = DialogFixtures.onTheWire(bye.request());
        assertEquals(f8.requestUriText(), built.requestUriText());
        assertEquals(texts(f8.routes()), texts(built.routes()));
        assertEquals(f8.cseq(), built.cseq());
        assertEquals(f8.callId(), built.callId());
        assertEquals(f8.from(), built.from());
        assertEquals(f8.to(), built.to());
        assertEquals(f8.maxForwards(), built.maxForwards());
    }

    @Test
    void rfc7118_8_2_uas_acceptsF7Ack() throws Exception {
        DialogState bob = bob();
        assertSame(bob, assertInstanceOf(InDialogCheck.Accept.class, bob.checkRequest(request("8.2-f7-ack"))).next());
    }

    @Test
    void rfc7118_8_2_uac_acceptsF9Bye_withEmptyRemoteSequenceNumber() throws Exception {
        DialogState alice = alice();
        assertEquals(OptionalLong.empty(), alice.remoteSeq());
        DialogId key = DialogId.ofReceivedRequest(request("8.2-f9-bye")).orElseThrow();
        assertEquals(alice.id(), key);
        DialogState next = assertInstanceOf(InDialogCheck.Accept.class, alice.checkRequest(request("8.2-f9-bye"))).next();
        assertEquals(DialogPhase.TERMINATED, next.phase());
        assertEquals(OptionalLong.of(1201), next.remoteSeq());
    }

    @Test
    void rfc7118_8_2_uas_f11Terminates() throws Exception {
        DialogState sent = bob().createRequest("BYE", () -> 1201).dialog();
        assertEquals(DialogId.ofReceivedResponse(response("8.2-f11-200-ok")), sent.id());
        assertEquals(DialogPhase.TERMINATED, sent.onResponse(response("8.2-f11-200-ok")).phase());
    }
}
