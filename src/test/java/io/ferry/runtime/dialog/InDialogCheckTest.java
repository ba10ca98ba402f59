package io.ferry.runtime.dialog;

import static io.ferry.runtime.dialog.DialogFixtures.ALICE_CONTACT;
import static io.ferry.runtime.dialog.DialogFixtures.BOB_CONTACT;
import static io.ferry.runtime.dialog.DialogFixtures.BOB_TAG;
import static io.ferry.runtime.dialog.DialogFixtures.fromAlice;
import static io.ferry.runtime.dialog.DialogFixtures.fromBob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Requests received within a dialog (RFC 3261 §12.2.2), responses received to requests sent
 * within it (§12.2.1.2), target refresh (re-INVITE, RFC 3311 UPDATE) and termination (§15).
 */
class InDialogCheckTest {

    private static DialogState accepted(InDialogCheck check) {
        return assertInstanceOf(InDialogCheck.Accept.class, check).next();
    }

    /** A response Alice receives from Bob to a request she sent within the dialog. */
    private static SipResponse toAlice(int status, String reason, String cseq, String contact) {
        return DialogFixtures.response(status, reason,
                "Via: SIP/2.0/TCP client.atlanta.example.com:5060;branch=z9hG4bK74b45;received=192.0.2.101\r\n",
                null, BOB_TAG, contact, cseq);
    }

    // ------------------------------------------------------------------ §12.2.2 sequence numbers

    @Test
    void rfc3261_12_2_2_lowerCSeq_answers500() throws Exception {
        DialogState bob = DialogFixtures.bobConfirmed();     // remote sequence number 1
        DialogState after = accepted(bob.checkRequest(fromAlice("INFO", 5, null)));
        InDialogCheck check = after.checkRequest(fromAlice("INFO", 4, null));
        InDialogCheck.Reject reject = assertInstanceOf(InDialogCheck.Reject.class, check);
        assertEquals(500, reject.status());
        assertEquals("CSeq Out of Order", reject.reason());
    }

    @Test
    void rfc3261_12_2_2_higherCSeq_becomesRemoteSequenceNumber() throws Exception {
        DialogState bob = DialogFixtures.bobConfirmed();
        assertEquals(OptionalLong.of(1), bob.remoteSeq());
        // in order need not be contiguous on the receiving side (a lost request, an auth retry)
        assertEquals(OptionalLong.of(7), accepted(bob.checkRequest(fromAlice("INFO", 7, null))).remoteSeq());
    }

    @Test
    void rfc3261_12_2_2_emptyRemoteSequenceNumber_isSetByFirstRequest() throws Exception {
        DialogState alice = DialogFixtures.aliceConfirmed();   // has sent INVITE 1, received nothing
        assertEquals(OptionalLong.empty(), alice.remoteSeq());
        // Bob's side chose its own initial value, lower than Alice's: still in order
        DialogState next = accepted(alice.checkRequest(fromBob("INFO", 0, null)));
        assertEquals(OptionalLong.of(0), next.remoteSeq());
        assertEquals(OptionalLong.of(1), next.localSeq());
    }

    @Test
    void rfc3261_13_2_2_4_ack_isAcceptedWithItsInviteCSeq() throws Exception {
        DialogState bob = accepted(DialogFixtures.bobConfirmed().checkRequest(fromAlice("INFO", 3, null)));
        // the ACK of the initial INVITE carries CSeq 1, below the remote sequence number 3
        assertSame(bob, accepted(bob.checkRequest(fromAlice("ACK", 1, null))));
    }

    @Test
    void rfc3261_12_2_2_requestOfAnotherDialog_isRefused() {
        DialogState alice = DialogFixtures.aliceConfirmed();
        SipRequest other = fromBob("BYE", 2, null).withHeader("From", "Bob <sip:bob@biloxi.example.com>;tag=other");
        assertThrows(IllegalArgumentException.class, () -> alice.checkRequest(other));
        assertThrows(IllegalArgumentException.class, () -> alice.checkRequest(DialogFixtures.inviteReceived()));
    }

    // ------------------------------------------------------------------ target refresh

    @Test
    void rfc3261_12_2_2_reInviteWithContact_replacesRemoteTarget() throws Exception {
        DialogState bob = DialogFixtures.bobConfirmed();
        DialogState next = accepted(bob.checkRequest(fromAlice("INVITE", 2, "sip:alice@laptop.atlanta.example.com")));
        assertEquals("sip:alice@laptop.atlanta.example.com", next.remoteTarget().toString());
        assertEquals("sip:alice@laptop.atlanta.example.com", next.createRequest("BYE", () -> 1).request().requestUriText());
        assertEquals(DialogPhase.CONFIRMED, next.phase());
    }

    @Test
    void rfc3311_updateWithContact_replacesRemoteTarget() throws Exception {
        DialogState alice = DialogFixtures.aliceConfirmed();
        DialogState next = accepted(alice.checkRequest(fromBob("UPDATE", 10, "sip:bob@wifi.biloxi.example.com")));
        assertEquals("sip:bob@wifi.biloxi.example.com", next.remoteTarget().toString());
    }

    @Test
    void rfc3261_12_2_2_targetRefreshWithoutContact_keepsRemoteTarget() throws Exception {
        DialogState bob = DialogFixtures.bobConfirmed();
        assertEquals(ALICE_CONTACT, accepted(bob.checkRequest(fromAlice("INVITE", 2, null))).remoteTarget().toString());
    }

    @Test
    void rfc3261_12_2_2_otherMethods_doNotRefreshTheTarget() throws Exception {
        DialogState bob = DialogFixtures.bobConfirmed();
        DialogState next = accepted(bob.checkRequest(fromAlice("INFO", 2, "sip:alice@elsewhere.atlanta.example.com")));
        assertEquals(ALICE_CONTACT, next.remoteTarget().toString());
    }

    @Test
    void rfc3261_12_2_1_2_twoHundredToReInvite_replacesRemoteTarget() throws Exception {
        InDialogRequest reInvite = DialogFixtures.aliceConfirmed().createRequest("INVITE");
        DialogState next = reInvite.dialog().onResponse(toAlice(200, "OK", "2 INVITE", "sip:bob@desk.biloxi.example.com"));
        assertEquals("sip:bob@desk.biloxi.example.com", next.remoteTarget().toString());
        assertEquals(DialogPhase.CONFIRMED, next.phase());
    }

    @Test
    void rfc3261_12_2_1_2_failedReInvite_keepsDialogAndTarget() throws Exception {
        DialogState sent = DialogFixtures.aliceConfirmed().createRequest("INVITE").dialog();
        DialogState next = sent.onResponse(toAlice(488, "Not Acceptable Here", "2 INVITE", null));
        assertSame(sent, next);
        assertEquals(BOB_CONTACT, next.remoteTarget().toString());
    }

    @Test
    void rfc3261_12_2_1_2_twoHundredToNonRefresh_keepsRemoteTarget() throws Exception {
        DialogState sent = DialogFixtures.aliceConfirmed().createRequest("INFO").dialog();
        assertSame(sent, sent.onResponse(toAlice(200, "OK", "2 INFO", "sip:bob@desk.biloxi.example.com")));
    }

    // ------------------------------------------------------------------ termination

    @Test
    void rfc3261_15_1_2_byeReceived_terminatesDialog() throws Exception {
        DialogState alice = DialogFixtures.aliceConfirmed();
        DialogState next = accepted(alice.checkRequest(fromBob("BYE", 1, null)));
        assertEquals(DialogPhase.TERMINATED, next.phase());
        assertEquals(OptionalLong.of(1), next.remoteSeq());
    }

    @Test
    void rfc3261_12_2_2_requestInTerminatedDialog_answers481() throws Exception {
        DialogState ended = accepted(DialogFixtures.bobConfirmed().checkRequest(fromAlice("BYE", 2, null)));
        InDialogCheck.Reject reject = assertInstanceOf(InDialogCheck.Reject.class, ended.checkRequest(fromAlice("INFO", 3, null)));
        assertEquals(481, reject.status());
    }

    @Test
    void rfc3261_15_1_1_finalResponseToBye_terminatesDialog() throws Exception {
        DialogState sent = DialogFixtures.aliceConfirmed().createRequest("BYE").dialog();
        assertEquals(DialogPhase.CONFIRMED, sent.phase());
        assertEquals(DialogPhase.TERMINATED, sent.onResponse(toAlice(200, "OK", "2 BYE", null)).phase());
        assertEquals(DialogPhase.TERMINATED, sent.onResponse(toAlice(500, "Server Internal Error", "2 BYE", null)).phase());
    }

    @Test
    void rfc3261_15_1_1_challengeToBye_keepsDialogForTheRetry() throws Exception {
        DialogState sent = DialogFixtures.aliceConfirmed().createRequest("BYE").dialog();
        DialogState challenged = sent.onResponse(toAlice(407, "Proxy Authentication Required", "2 BYE", null));
        assertEquals(DialogPhase.CONFIRMED, challenged.phase());
        assertEquals(3, challenged.createRequest("BYE").request().cseq().orElseThrow().number());
    }

    @Test
    void rfc3261_13_2_2_4_ackAfterBye_isAcceptedNotAnswered481() throws Exception {
        // over UDP the BYE may overtake the ACK of the 2xx
        DialogState ended = accepted(DialogFixtures.bobConfirmed().checkRequest(fromAlice("BYE", 2, null)));
        assertSame(ended, accepted(ended.checkRequest(fromAlice("ACK", 1, null))));
    }

    @Test
    void rfc3261_15_1_1_uasSideBye_terminatesOnItsFinalResponse() throws Exception {
        InDialogRequest bye = DialogFixtures.bobConfirmed().createRequest("BYE", () -> 100);
        SipResponse ok = DialogFixtures.onTheWire(bye.request()).createResponse(200, null);
        assertEquals(DialogPhase.TERMINATED, bye.dialog().onResponse(ok).phase());
    }

    @Test
    void rfc3261_12_2_1_2_481or408_terminatesDialog() throws Exception {
        DialogState sent = DialogFixtures.aliceConfirmed().createRequest("INFO").dialog();
        assertEquals(DialogPhase.TERMINATED, sent.onResponse(toAlice(481, "Call/Transaction Does Not Exist", "2 INFO", null)).phase());
        assertEquals(DialogPhase.TERMINATED, sent.onResponse(toAlice(408, "Request Timeout", "2 INFO", null)).phase());
        assertEquals(DialogPhase.CONFIRMED, sent.onResponse(toAlice(415, "Unsupported Media Type", "2 INFO", null)).phase());
    }

    @Test
    void rfc3261_12_2_1_2_responseOfAnotherDialog_isRefused() {
        DialogState sent = DialogFixtures.aliceConfirmed().createRequest("INFO").dialog();
        SipResponse other = toAlice(200, "OK", "2 INFO", null).withHeader("To", "Bob <sip:bob@biloxi.example.com>;tag=other");
        assertThrows(IllegalArgumentException.class, () -> sent.onResponse(other));
    }
}
