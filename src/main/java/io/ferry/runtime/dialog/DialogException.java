package io.ferry.runtime.dialog;

/**
 * A message that cannot create or update a dialog: a missing or malformed Call-ID, From, To,
 * CSeq or Contact, or a Contact that is not exactly one URI. The message names the header and
 * the rule; a {@link io.ferry.sip.SipParseException} underneath is the cause.
 */
public final class DialogException extends Exception {

    private static final long serialVersionUID = 1L;

    public DialogException(String message) {
        super(message);
    }

    public DialogException(String message, Throwable cause) {
        super(message, cause);
    }
}
