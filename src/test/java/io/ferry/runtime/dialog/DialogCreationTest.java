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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.sip.CSeq;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Dialog creation on both sides (RFC 3261 §12.1.1, §12.1.2), forked early dialogs, confirmation
 * (§13.2.2.4) and termination of early dialogs (§12.3).
 */
class DialogCreationTest {

    private static List<String> texts(List<NameAddr> routes) {
        return routes.stream().map(NameAddr::toString).toList();
    }

    // ------------------------------------------------------------------ UAS, §12.1.1

    @Test
    void rfc3261_12_1_1_uasRouteSet_isRecordRouteInOrder() throws Exception {
        DialogState bob = DialogFixtures.bobConfirmed();
        assertEquals(List.of(SS2, SS1), texts(bob.routeSet()));
    }

    @Test
    void rfc3261_12_1_1_uasState_fromRequestAndItsResponse() throws Exception {
        DialogState bob = DialogFixtures.bobConfirmed();
        assertEquals(DialogRole.UAS, bob.role());
        assertEquals(new DialogId(CALL_ID, BOB_TAG, ALICE_TAG), bob.id());
        assertEquals(ALICE_CONTACT, bob.remoteTarget().toString());
        assertEquals(OptionalLong.of(1), bob.remoteSeq());
        assertEquals(OptionalLong.empty(), bob.localSeq());
        assertEquals("sip:bob@biloxi.example.com", bob.localUri().toString());
        assertEquals("sip:alice@atlanta.example.com", bob.remoteUri().toString());
        assertEquals("Alice <sip:alice@atlanta.example.com>", bob.remoteParty().toString());
        assertEquals(DialogPhase.CONFIRMED, bob.phase());
        assertEquals(new CSeq(1, "INVITE"), bob.creatingRequest());
        assertFalse(bob.secure());
    }

    @Test
    void rfc3261_12_1_1_uasProvisionalWithTag_createsEarlyDialog() throws Exception {
        DialogState bob = DialogState.uas(DialogFixtures.inviteReceived(), DialogFixtures.bobAnswers(180, "Ringing"), false);
        assertEquals(DialogPhase.EARLY, bob.phase());
        assertEquals(List.of(SS2, SS1), texts(bob.routeSet()));
    }

    @Test
    void rfc3261_13_3_1_4_uasTwoHundredSent_confirmsEarlyDialog() throws Exception {
        DialogState early = DialogState.uas(DialogFixtures.inviteReceived(), DialogFixtures.bobAnswers(180, "Ringing"), false);
        DialogState confirmed = early.onResponseSent(DialogFixtures.bobAnswers(200, "OK"));
        assertEquals(DialogPhase.CONFIRMED, confirmed.phase());
        assertEquals(early.withPhase(DialogPhase.CONFIRMED), confirmed);
    }

    @Test
    void rfc3261_12_3_uasNonTwoHundredFinalSent_terminatesEarlyDialog() throws Exception {
        DialogState early = DialogState.uas(DialogFixtures.inviteReceived(), DialogFixtures.bobAnswers(183, "Session Progress"), false);
        assertEquals(DialogPhase.TERMINATED, early.onResponseSent(DialogFixtures.bobAnswers(486, "Busy Here")).phase());
        assertEquals(DialogPhase.EARLY, early.onResponseSent(DialogFixtures.bobAnswers(180, "Ringing")).phase());
    }

    @Test
    void rfc3261_12_1_1_secureFlag_needsTlsAndSipsRequestUri() throws Exception {
        SipRequest sips = DialogFixtures.inviteReceived().withRequestUri("sips:bob@client.biloxi.example.com");
        SipResponse ok = sips.createResponse(200, null, () -> BOB_TAG).withHeader("Contact", "<sips:bob@client.biloxi.example.com>");
        assertTrue(DialogState.uas(sips, ok, true).secure());
        assertFalse(DialogState.uas(sips, ok, false).secure(), "SIPS over TCP");
        SipResponse plainOk = DialogFixtures.bobAnswers(200, "OK");
        assertFalse(DialogState.uas(DialogFixtures.inviteReceived(), plainOk, true).secure(), "SIP over TLS");
    }

    @Test
    void rfc3261_12_1_1_requestWithoutContact_isDialogException() {
        SipRequest noContact = DialogFixtures.inviteReceived().withoutHeader("Contact");
        SipResponse ok = noContact.createResponse(200, null, () -> BOB_TAG);
        DialogException e = assertThrows(DialogException.class, () -> DialogState.uas(noContact, ok, false));
        assertTrue(e.getMessage().contains("Contact"), e.getMessage());
    }

    @Test
    void rfc3261_8_1_1_8_twoContacts_isDialogException() {
        SipRequest two = DialogFixtures.inviteReceived().withHeader("Contact", "<sip:a@h1>, <sip:b@h2>");
        SipResponse ok = two.createResponse(200, null, () -> BOB_TAG);
        assertThrows(DialogException.class, () -> DialogState.uas(two, ok, false));
    }

    // ------------------------------------------------------------------ UAC, §12.1.2

    @Test
    void rfc3261_12_1_2_uacRouteSet_isReversedRecordRoute() {
        DialogState alice = DialogFixtures.aliceConfirmed();
        assertEquals(List.of(SS1, SS2), texts(alice.routeSet()));
    }

    @Test
    void rfc3261_12_1_2_uacState_fromRequestSentAndResponseReceived() {
        DialogState alice = DialogFixtures.aliceConfirmed();
        assertEquals(DialogRole.UAC, alice.role());
        assertEquals(new DialogId(CALL_ID, ALICE_TAG, BOB_TAG), alice.id());
        assertEquals(BOB_CONTACT, alice.remoteTarget().toString());
        assertEquals(OptionalLong.of(1), alice.localSeq());
        assertEquals(OptionalLong.empty(), alice.remoteSeq());
        assertEquals("Alice <sip:alice@atlanta.example.com>", alice.localParty().toString());
        assertEquals("Bob <sip:bob@biloxi.example.com>", alice.remoteParty().toString());
        assertEquals(DialogPhase.CONFIRMED, alice.phase());
    }

    @Test
    void rfc3261_12_1_provisionalWithoutToTag_createsNoDialog() {
        SipResponse ringing = inviteResponse(180, "Ringing", null, null, BOB_CONTACT);
        assertFalse(DialogState.createsDialog("INVITE", ringing));
        assertThrows(IllegalArgumentException.class, () -> DialogState.uac(inviteSent(), ringing, false));
        SipResponse trying = inviteResponse(100, "Trying", BOB_TAG, null, null);
        assertFalse(DialogState.createsDialog("INVITE", trying));
        assertTrue(DialogState.createsDialog("INVITE", inviteResponse(180, "Ringing", BOB_TAG, null, BOB_CONTACT)));
    }

    @Test
    void rfc3261_12_1_onlyDialogCreatingMethods_createDialogs() {
        SipResponse ok = DialogFixtures.okReceived();
        assertTrue(DialogState.createsDialog("INVITE", ok));
        assertTrue(DialogState.createsDialog("SUBSCRIBE", ok));
        assertFalse(DialogState.createsDialog("OPTIONS", ok));
        assertFalse(DialogState.createsDialog("MESSAGE", ok));
        assertFalse(DialogState.createsDialog("INVITE", inviteResponse(486, "Busy Here", BOB_TAG, null, null)));
    }

    @Test
    void rfc3261_12_1_2_twoHundredWithoutToTag_givesEmptyRemoteTag() throws Exception {
        // RFC 2543 peers send no tag; the UAC must be prepared for it
        DialogState d = DialogState.uac(inviteSent(), inviteResponse(200, "OK", null, null, BOB_CONTACT), false);
        assertEquals("", d.id().remoteTag());
        SipRequest bye = d.createRequest("BYE").request();
        assertEquals("Bob <sip:bob@biloxi.example.com>", bye.to().orElseThrow().toString());
    }

    @Test
    void rfc3261_12_1_2_responseWithoutContact_isDialogException() {
        SipResponse ok = inviteResponse(200, "OK", BOB_TAG, null, null);
        assertThrows(DialogException.class, () -> DialogState.uac(inviteSent(), ok, false));
    }

    @Test
    void rfc3261_12_1_2_secureFlag_needsTlsAndSipsRequestUri() throws Exception {
        SipRequest sips = inviteSent().withRequestUri("sips:bob@biloxi.example.com");
        assertTrue(DialogState.uac(sips, DialogFixtures.okReceived(), true).secure());
        assertFalse(DialogState.uac(inviteSent(), DialogFixtures.okReceived(), true).secure());
    }

    // ------------------------------------------------------------------ forks, confirmation, §12.3

    @Test
    void rfc3261_12_1_2_forkedProvisionals_createDistinctEarlyDialogs() throws Exception {
        SipResponse fromDesk = inviteResponse(180, "Ringing", "desk1", SS2 + ", " + SS1, "sip:bob@desk.biloxi.example.com");
        SipResponse fromMobile = inviteResponse(180, "Ringing", "mobile2", SS1, "sip:bob@mobile.biloxi.example.com");
        DialogState desk = DialogState.uac(inviteSent(), fromDesk, false);
        DialogState mobile = DialogState.uac(inviteSent(), fromMobile, false);
        assertNotEquals(desk.id(), mobile.id());
        assertEquals(DialogId.ofReceivedResponse(fromDesk), desk.id());
        assertEquals(DialogId.ofReceivedResponse(fromMobile), mobile.id());
        assertEquals(DialogPhase.EARLY, desk.phase());
        assertEquals(DialogPhase.EARLY, mobile.phase());
        assertEquals("sip:bob@desk.biloxi.example.com", desk.remoteTarget().toString());
        assertEquals("sip:bob@mobile.biloxi.example.com", mobile.remoteTarget().toString());
        assertEquals(List.of(SS1, SS2), texts(desk.routeSet()));
        assertEquals(List.of(SS1), texts(mobile.routeSet()));
        // a provisional of one fork does not belong to the other
        assertThrows(IllegalArgumentException.class, () -> desk.onResponse(fromMobile));
    }

    @Test
    void rfc3261_13_2_2_4_twoHundred_confirmsEarlyDialog_andReplacesRouteSetAndTarget() throws Exception {
        SipResponse ringing = inviteResponse(180, "Ringing", BOB_TAG, SS1, "sip:bob@early.biloxi.example.com");
        DialogState early = DialogState.uac(inviteSent(), ringing, false);
        assertEquals(List.of(SS1), texts(early.routeSet()));
        DialogState confirmed = early.onResponse(DialogFixtures.okReceived());
        assertEquals(DialogPhase.CONFIRMED, confirmed.phase());
        assertEquals(List.of(SS1, SS2), texts(confirmed.routeSet()));
        assertEquals(BOB_CONTACT, confirmed.remoteTarget().toString());
        assertEquals(early.id(), confirmed.id());
        // a retransmitted 2xx changes nothing
        assertSame(confirmed, confirmed.onResponse(DialogFixtures.okReceived()));
    }

    @Test
    void rfc3261_13_2_2_4_forkedTwoHundreds_eachCreateTheirOwnConfirmedDialog() throws Exception {
        DialogState first = DialogState.uac(inviteSent(), inviteResponse(200, "OK", "desk1", SS1, "sip:bob@desk.biloxi.example.com"), false);
        DialogState second = DialogState.uac(inviteSent(), inviteResponse(200, "OK", "mobile2", SS1, "sip:bob@mobile.biloxi.example.com"), false);
        assertNotEquals(first.id(), second.id());
        assertTrue(first.isConfirmed() && second.isConfirmed());
        // each must be acknowledged, each ACK going to its own target
        assertEquals("sip:bob@desk.biloxi.example.com", first.createAck(inviteSent()).requestUriText());
        assertEquals("sip:bob@mobile.biloxi.example.com", second.createAck(inviteSent()).requestUriText());
    }

    @Test
    void rfc3261_12_3_nonTwoHundredFinal_terminatesEveryEarlyDialogOfTheRequest() throws Exception {
        DialogState desk = DialogState.uac(inviteSent(), inviteResponse(180, "Ringing", "desk1", SS1, "sip:bob@desk.biloxi.example.com"), false);
        DialogState mobile = DialogState.uac(inviteSent(), inviteResponse(183, "Session Progress", "mobile2", SS1, "sip:bob@mobile.biloxi.example.com"), false);
        // the proxy forwards one final response, with a To tag of its own choosing
        SipResponse busy = inviteResponse(486, "Busy Here", "proxy9", null, null);
        assertEquals(DialogPhase.TERMINATED, desk.onResponse(busy).phase());
        assertEquals(DialogPhase.TERMINATED, mobile.onResponse(busy).phase());
    }

    @Test
    void rfc3261_12_3_provisionalOfSameFork_keepsEarlyDialog() throws Exception {
        DialogState early = DialogState.uac(inviteSent(), inviteResponse(180, "Ringing", BOB_TAG, SS1, BOB_CONTACT), false);
        assertSame(early, early.onResponse(inviteResponse(183, "Session Progress", BOB_TAG, SS1, BOB_CONTACT)));
    }

    @Test
    void rfc3262_prackInEarlyDialog_advancesRemoteSeq_thenTwoHundredConfirms() throws Exception {
        DialogState early = DialogState.uas(DialogFixtures.inviteReceived(), DialogFixtures.bobAnswers(183, "Session Progress"), false);
        SipRequest prack = DialogFixtures.fromAlice("PRACK", 2, null);
        DialogState afterPrack = assertInstanceOf(InDialogCheck.Accept.class, early.checkRequest(prack)).next();
        assertEquals(OptionalLong.of(2), afterPrack.remoteSeq());
        // the 200 to the PRACK leaves the dialog early; the 200 to the INVITE confirms it
        DialogState stillEarly = afterPrack.onResponseSent(prack.createResponse(200, null));
        assertEquals(DialogPhase.EARLY, stillEarly.phase());
        DialogState confirmed = stillEarly.onResponseSent(DialogFixtures.bobAnswers(200, "OK"));
        assertEquals(DialogPhase.CONFIRMED, confirmed.phase());
        assertEquals(OptionalLong.of(2), confirmed.remoteSeq());
    }

    @Test
    void rfc3261_12_stateWithoutLocalTagOrWithSequenceNumberAbove2pow31_isRefused() {
        DialogState d = DialogFixtures.aliceConfirmed();
        assertThrows(IllegalArgumentException.class, () -> new DialogState(d.role(), new DialogId(CALL_ID, "", BOB_TAG),
                d.localParty(), d.remoteParty(), d.localSeq(), d.remoteSeq(), d.remoteTarget(), d.routeSet(), false,
                d.phase(), d.creatingRequest()));
        assertThrows(IllegalArgumentException.class, () -> new DialogState(d.role(), d.id(), d.localParty(),
                d.remoteParty(), OptionalLong.of(1L << 31), d.remoteSeq(), d.remoteTarget(), d.routeSet(), false,
                d.phase(), d.creatingRequest()));
    }

    @Test
    void rfc3261_12_1_reInvite_createsNoNewDialog() {
        SipRequest reInvite = DialogFixtures.fromAlice("INVITE", 2, ALICE_CONTACT);
        SipResponse ok = reInvite.createResponse(200, null).withHeader("Contact", "<" + BOB_CONTACT + ">");
        assertThrows(IllegalArgumentException.class, () -> DialogState.uas(reInvite, ok, false));
    }

    @Test
    void rfc3261_12_creationFromResponseToAnotherRequest_isRefused() {
        SipResponse okToOther = DialogFixtures.response(200, "OK",
                "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74b43\r\n", null, BOB_TAG, BOB_CONTACT, "2 INVITE");
        assertThrows(IllegalArgumentException.class, () -> DialogState.uac(inviteSent(), okToOther, false));
    }
}
