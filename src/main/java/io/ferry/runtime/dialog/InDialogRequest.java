package io.ferry.runtime.dialog;

import io.ferry.sip.SipRequest;

/**
 * A request built within a dialog (RFC 3261 §12.2.1.1) and the dialog state after it: its local
 * sequence number is the request's CSeq. The request has no Via yet; the transaction layer adds
 * it.
 */
public record InDialogRequest(DialogState dialog, SipRequest request) {
}
