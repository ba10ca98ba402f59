package io.ferry.runtime.dialog;

import static io.ferry.runtime.dialog.DialogFixtures.ALICE_CONTACT;
import static io.ferry.runtime.dialog.DialogFixtures.ALICE_TAG;
import static io.ferry.runtime.dialog.DialogFixtures.BOB_CONTACT;
import static io.ferry.runtime.dialog.DialogFixtures.BOB_TAG;
import static io.ferry.runtime.dialog.DialogFixtures.CALL_ID;
import static io.ferry.runtime.dialog.DialogFixtures.SS1;
import static io.ferry.runtime.dialog.DialogFixtures.SS2;
import static io.ferry.runtime.dialog.DialogFixtures.inviteResponse;
import static io.ferry.runtime.dialog.DialogFixtures.inviteSent;
import static io.ferry.runtime.dialog.DialogFixtures.onTheWire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.CSeq;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipRequest;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Requests sent within a dialog (RFC 3261 §12.2.1.1) and the ACK of a 2xx (§13.2.2.4). */
class InDialogRequestTest {

    private static List<String> routes(SipRequest r) throws Exception {
        return r.routes().stream().map(NameAddr::toString).toList();
    }

    /** Alice's dialog after a 200 whose Record-Route is {@code recordRoute} (top first). */
    private static DialogState aliceWith(String recordRoute) throws Exception {
        return DialogState.uac(inviteSent(), inviteResponse(200, "OK", BOB_TAG, recordRoute, BOB_CONTACT), false);
    }

    @Test
    void rfc3261_12_2_1_1_looseRouteSet_requestUriIsRemoteTarget_routeIsRouteSet() throws Exception {
        SipRequest bye = onTheWire(DialogFixtures.aliceConfirmed().createRequest("BYE").request());
        assertEquals("BYE", bye.method());
        assertEquals(BOB_CONTACT, bye.requestUriText());
        assertEquals(List.of(SS1, SS2), routes(bye));
    }

    @Test
    void rfc3261_12_2_1_1_uasRouteSet_isUsedAsIs() throws Exception {
        SipRequest bye = onTheWire(DialogFixtures.bobConfirmed().createRequest("BYE", () -> 1000).request());
        assertEquals(ALICE_CONTACT, bye.requestUriText());
        assertEquals(List.of(SS2, SS1), routes(bye));
    }

    @Test
    void rfc3261_12_2_1_1_emptyRouteSet_hasNoRouteHeader() throws Exception {
        SipRequest bye = onTheWire(aliceWith(null).createRequest("BYE").request());
        assertEquals(BOB_CONTACT, bye.requestUriText());
        assertFalse(bye.headers().contains("Route"));
    }

    @Test
    void rfc3261_12_2_1_1_strictRouter_requestUriIsFirstRoute() throws Exception {
        // ss1 is an RFC 2543 strict router: no lr in its Record-Route
        DialogState alice = aliceWith(SS2 + ", <sip:ss1.atlanta.example.com;transport=tcp>");
        SipRequest bye = onTheWire(alice.createRequest("BYE").request());
        assertEquals("sip:ss1.atlanta.example.com;transport=tcp", bye.requestUriText());
        // the rest of the route set, then the remote target as the last Route value
        assertEquals(List.of(SS2, "<" + BOB_CONTACT + ">"), routes(bye));
    }

    @Test
    void rfc3261_12_2_1_1_strictRouter_onlyRoute_givesRemoteTargetAsOnlyRoute() throws Exception {
        SipRequest bye = onTheWire(aliceWith("<sip:ss1.atlanta.example.com>").createRequest("BYE").request());
        assertEquals("sip:ss1.atlanta.example.com", bye.requestUriText());
        assertEquals(List.of("<" + BOB_CONTACT + ">"), routes(bye));
    }

    @Test
    void rfc3261_12_2_1_1_strictRouter_requestUriLosesParametersNotAllowedThere() throws Exception {
        // RFC 3261 §19.1.1 table 1: no method parameter in a Request-URI
        DialogState alice = aliceWith("<sip:ss1.atlanta.example.com;method=INVITE;maddr=192.0.2.111>");
        SipRequest bye = onTheWire(alice.createRequest("BYE").request());
        assertEquals("sip:ss1.atlanta.example.com;maddr=192.0.2.111", bye.requestUriText());
        assertEquals("<sip:ss1.atlanta.example.com;method=INVITE;maddr=192.0.2.111>", alice.routeSet().get(0).toString());
    }

    @Test
    void rfc3261_12_2_1_1_cseqIsLocalSequenceNumberPlusOne() throws Exception {
        DialogState alice = DialogFixtures.aliceConfirmed();
        InDialogRequest info = alice.createRequest("INFO");
        assertEquals(new CSeq(2, "INFO"), onTheWire(info.request()).cseq().orElseThrow());
        assertEquals(OptionalLong.of(2), info.dialog().localSeq());
        InDialogRequest bye = info.dialog().createRequest("BYE");
        assertEquals(new CSeq(3, "BYE"), bye.request().cseq().orElseThrow());
        assertEquals(OptionalLong.of(3), bye.dialog().localSeq());
        // the state the request was built from is unchanged
        assertEquals(OptionalLong.of(1), alice.localSeq());
    }

    @Test
    void rfc3261_12_2_1_1_emptyLocalSequenceNumber_takesInitialValue() throws Exception {
        DialogState bob = DialogFixtures.bobConfirmed();
        assertTrue(bob.localSeq().isEmpty());
        InDialogRequest bye = bob.createRequest("BYE", () -> 4711);
        assertEquals(new CSeq(4711, "BYE"), bye.request().cseq().orElseThrow());
        assertEquals(OptionalLong.of(4711), bye.dialog().localSeq());
        long random = bob.createRequest("BYE").request().cseq().orElseThrow().number();
        assertTrue(random > 0 && random < (1L << 31), "RFC 3261 §8.1.1.5: below 2^31, got " + random);
    }

    @Test
    void rfc3261_12_2_1_1_toAndFromCarryTheDialogTags() throws Exception {
        SipRequest bye = onTheWire(DialogFixtures.bobConfirmed().createRequest("BYE", () -> 1).request());
        assertEquals("Alice <sip:alice@atlanta.example.com>;tag=" + ALICE_TAG, bye.to().orElseThrow().toString());
        assertEquals("Bob <sip:bob@biloxi.example.com>;tag=" + BOB_TAG, bye.from().orElseThrow().toString());
        assertEquals(CALL_ID, bye.callId().orElseThrow());
        assertEquals(70, bye.maxForwards().orElseThrow().hops());
        assertTrue(bye.vias().isEmpty(), "the transaction layer adds the Via");
    }

    @Test
    void rfc3261_12_2_1_1_requestOfOneSide_isAcceptedByTheOther() throws Exception {
        InDialogRequest fromAlice = DialogFixtures.aliceConfirmed().createRequest("INFO");
        InDialogCheck check = DialogFixtures.bobConfirmed().checkRequest(onTheWire(fromAlice.request()));
        InDialogCheck.Accept accept = assertInstanceOf(check);
        assertEquals(OptionalLong.of(2), accept.next().remoteSeq());
    }

    private static InDialogCheck.Accept assertInstanceOf(InDialogCheck check) {
        return org.junit.jupiter.api.Assertions.assertInstanceOf(InDialogCheck.Accept.class, check);
    }

    @Test
    void rfc3261_13_2_2_4_ackForTwoHundred_usesInviteCSeq() throws Exception {
        // a re-INVITE with credentials, CSeq 2
        InDialogRequest reInvite = DialogFixtures.aliceConfirmed().createRequest("INVITE");
        SipRequest invite = reInvite.request()
                .withAppendedHeader("Proxy-Authorization", "Digest username=\"alice\", realm=\"atlanta.example.com\", "
                        + "nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\", uri=\"" + BOB_CONTACT + "\", "
                        + "response=\"dfe56131d1958046689d83306477ecc\"");
        SipRequest ack = onTheWire(reInvite.dialog().createAck(invite));
        assertEquals("ACK", ack.method());
        assertEquals(new CSeq(2, "ACK"), ack.cseq().orElseThrow());
        assertEquals(BOB_CONTACT, ack.requestUriText());
        assertEquals(List.of(SS1, SS2), routes(ack));
        assertEquals(invite.headers().firstValue("Proxy-Authorization"), ack.headers().firstValue("Proxy-Authorization"));
        // the ACK takes no sequence number: the next request is 3
        assertEquals(new CSeq(3, "BYE"), reInvite.dialog().createRequest("BYE").request().cseq().orElseThrow());
    }

    @Test
    void rfc3261_13_2_2_4_ackOfInitialInvite_usesItsCSeqAndTheTwoHundredsRouteSet() throws Exception {
        DialogState alice = DialogFixtures.aliceConfirmed();
        SipRequest ack = onTheWire(alice.createAck(inviteSent()));
        assertEquals(new CSeq(1, "ACK"), ack.cseq().orElseThrow());
        assertEquals(List.of(SS1, SS2), routes(ack));
        assertEquals("Bob <sip:bob@biloxi.example.com>;tag=" + BOB_TAG, ack.to().orElseThrow().toString());
    }

    @Test
    void rfc3261_13_2_2_4_ackOfSomethingElse_isRefused() {
        DialogState alice = DialogFixtures.aliceConfirmed();
        SipRequest info = alice.createRequest("INFO").request();
        assertThrows(IllegalArgumentException.class, () -> alice.createAck(info));
    }

    @Test
    void rfc3261_13_2_2_4_ackBeforeTheTwoHundredIsApplied_isRefused() throws Exception {
        DialogState early = DialogState.uac(inviteSent(), inviteResponse(180, "Ringing", BOB_TAG, SS1, BOB_CONTACT), false);
        assertThrows(IllegalStateException.class, () -> early.createAck(inviteSent()));
    }

    @Test
    void rfc3261_12_2_1_1_ackAndCancel_areNotBuiltAsRequests() {
        DialogState alice = DialogFixtures.aliceConfirmed();
        assertThrows(IllegalArgumentException.class, () -> alice.createRequest("ACK"));
        assertThrows(IllegalArgumentException.class, () -> alice.createRequest("CANCEL"));
    }

    @Test
    void rfc3261_15_uasBye_inEarlyDialog_isRefused() throws Exception {
        DialogState early = DialogState.uas(DialogFixtures.inviteReceived(), DialogFixtures.bobAnswers(180, "Ringing"), false);
        assertThrows(IllegalStateException.class, () -> early.createRequest("BYE"));
        // the caller may send BYE in an early dialog
        DialogState aliceEarly = DialogState.uac(inviteSent(), inviteResponse(180, "Ringing", BOB_TAG, SS1, BOB_CONTACT), false);
        assertEquals("BYE", aliceEarly.createRequest("BYE").request().method());
    }

    @Test
    void rfc3261_12_terminatedDialog_buildsNoRequest() {
        DialogState ended = DialogFixtures.aliceConfirmed().terminated();
        assertThrows(IllegalStateException.class, () -> ended.createRequest("INFO"));
    }

    @Test
    void rfc3261_8_1_1_5_sequenceNumberReaching2pow31_isRefused() {
        DialogState bob = DialogFixtures.bobConfirmed();
        DialogState last = bob.createRequest("INFO", () -> (1L << 31) - 1).dialog();
        assertThrows(IllegalStateException.class, () -> last.createRequest("INFO"));
    }
}
