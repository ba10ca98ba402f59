package io.ferry.runtime.dialog;

import static io.ferry.runtime.dialog.DialogFixtures.ALICE_TAG;
import static io.ferry.runtime.dialog.DialogFixtures.BOB_TAG;
import static io.ferry.runtime.dialog.DialogFixtures.CALL_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Dialog identifiers and the lookup key each role derives from a message (RFC 3261 §12). */
class DialogIdTest {

    @Test
    void rfc3261_12_2_2_receivedRequest_localTagIsToTag() throws Exception {
        Optional<DialogId> id = DialogId.ofReceivedRequest(DialogFixtures.fromAlice("BYE", 2, null));
        assertEquals(Optional.of(new DialogId(CALL_ID, BOB_TAG, ALICE_TAG)), id);
    }

    @Test
    void rfc3261_12_2_2_requestWithoutToTag_isOutsideAnyDialog() throws Exception {
        assertTrue(DialogId.ofReceivedRequest(DialogFixtures.inviteReceived()).isEmpty());
    }

    @Test
    void rfc3261_12_1_2_receivedResponse_localTagIsFromTag() throws Exception {
        DialogId id = DialogId.ofReceivedResponse(DialogFixtures.okReceived());
        assertEquals(new DialogId(CALL_ID, ALICE_TAG, BOB_TAG), id);
    }

    @Test
    void rfc3261_12_1_1_sentResponse_localTagIsToTag() throws Exception {
        DialogId id = DialogId.ofSentResponse(DialogFixtures.bobAnswers(180, "Ringing"));
        assertEquals(new DialogId(CALL_ID, BOB_TAG, ALICE_TAG), id);
    }

    @Test
    void rfc3261_12_bothSides_findTheirDialogFromEachOthersRequests() throws Exception {
        DialogState alice = DialogFixtures.aliceConfirmed();
        DialogState bob = DialogFixtures.bobConfirmed();
        assertEquals(alice.id(), DialogId.ofReceivedRequest(DialogFixtures.fromBob("BYE", 1, null)).orElseThrow());
        assertEquals(bob.id(), DialogId.ofReceivedRequest(DialogFixtures.fromAlice("BYE", 2, null)).orElseThrow());
        assertEquals(alice.id(), DialogId.ofSentRequest(alice.createRequest("INFO").request()));
    }

    @Test
    void rfc3261_7_3_1_tagsCompareCaseInsensitively_callIdByteForByte() {
        DialogId id = new DialogId(CALL_ID, "aBc", "XyZ");
        DialogId other = new DialogId(CALL_ID, "ABC", "xyz");
        assertEquals(id, other);
        assertEquals(id.hashCode(), other.hashCode());
        // RFC 3261 §20.8: Call-IDs are case-sensitive
        assertNotEquals(id, new DialogId(CALL_ID.toUpperCase(), "aBc", "XyZ"));
        assertNotEquals(id, new DialogId(CALL_ID, "aBc", "XyZ1"));
    }

    @Test
    void rfc3261_12_1_2_missingTag_isEmptyString() {
        DialogId id = new DialogId(CALL_ID, ALICE_TAG, null);
        assertEquals("", id.remoteTag());
        assertEquals(id, new DialogId(CALL_ID, ALICE_TAG, ""));
    }

    @Test
    void rfc3261_8_1_1_4_missingCallId_isDialogException() {
        var response = DialogFixtures.okReceived().withoutHeader("Call-ID");
        DialogException e = assertThrows(DialogException.class, () -> DialogId.ofReceivedResponse(response));
        assertTrue(e.getMessage().contains("Call-ID"), e.getMessage());
    }
}
