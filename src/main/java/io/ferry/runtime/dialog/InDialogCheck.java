package io.ferry.runtime.dialog;

/**
 * The decision on a request received within a dialog (RFC 3261 §12.2.2): accept it with the
 * dialog's next state, or reject it with the response to send.
 */
public sealed interface InDialogCheck {

    /** Accepted; {@code next} has the remote sequence number and remote target updated. */
    record Accept(DialogState next) implements InDialogCheck {
    }

    /** Rejected; answer with {@code status reason}, the dialog is unchanged. */
    record Reject(int status, String reason) implements InDialogCheck {
    }
}
