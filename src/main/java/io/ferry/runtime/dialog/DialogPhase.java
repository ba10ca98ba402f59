package io.ferry.runtime.dialog;

/**
 * The phase of a dialog (RFC 3261 §12): early after a provisional response with a To tag,
 * confirmed after a 2xx, terminated by a non-2xx final response to the dialog-creating request
 * (§12.3), by BYE (§15) or by a 481/408 to an in-dialog request (§12.2.1.2). A JSR 289
 * {@code SipSession} without a dialog is {@code INITIAL}; it has no phase here.
 */
public enum DialogPhase {
    EARLY,
    CONFIRMED,
    TERMINATED
}
