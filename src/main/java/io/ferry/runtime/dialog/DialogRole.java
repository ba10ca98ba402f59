package io.ferry.runtime.dialog;

/** Which side of the dialog-creating transaction this user agent was (RFC 3261 §12.1). */
public enum DialogRole {
    /** It sent the dialog-creating request (RFC 3261 §12.1.2). */
    UAC,
    /** It received the dialog-creating request and answered it (RFC 3261 §12.1.1). */
    UAS
}
