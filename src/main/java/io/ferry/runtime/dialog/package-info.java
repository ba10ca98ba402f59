/**
 * SIP dialogs (RFC 3261 §12, with §13.2.2.4 for the ACK of a 2xx, §12.3 and §15 for termination,
 * RFC 3311 UPDATE as a target refresh) as immutable values: the dialog identifier
 * {@link io.ferry.runtime.dialog.DialogId} with the lookup keys each role derives from a message,
 * the dialog state {@link io.ferry.runtime.dialog.DialogState} created on the UAS side (§12.1.1)
 * or the UAC side (§12.1.2) and moved on by the messages of the dialog, the in-dialog requests it
 * builds (§12.2.1.1, strict routers included) and the decision
 * {@link io.ferry.runtime.dialog.InDialogCheck} on a request it receives (§12.2.2). Every change
 * returns a new state; the future {@code SipSession} holds the current one. Plain Java: only
 * {@code io.ferry.sip} and {@code java.*}. docs/dialogs.md describes the model.
 */
package io.ferry.runtime.dialog;
