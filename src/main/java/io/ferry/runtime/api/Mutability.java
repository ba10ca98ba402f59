package io.ferry.runtime.api;

/**
 * What an application may change in an addressing object taken from a message (JSR 289 §5.4.1,
 * system headers).
 */
public enum Mutability {

    /** Everything may change: objects the application created or cloned. */
    MUTABLE,

    /**
     * Everything but the {@code tag} parameter may change: JSR 289 §5.4.1 and the "System Headers"
     * section of the {@code SipServletMessage} javadoc make From and To system headers only with
     * respect to their tags. The URI of such an Address is mutable.
     */
    TAG_LOCKED,

    /**
     * Nothing may change, the URI included: the other system headers (Route, Record-Route, Path,
     * Via, and Contact outside REGISTER, 3xx, 485 and 200/OPTIONS).
     */
    READ_ONLY;

    /** RFC 3261 §19.3: the tag parameter of From and To. */
    static final String TAG = "tag";

    void checkWritable(String what) {
        if (this == READ_ONLY) throw new IllegalStateException("JSR 289 §5.4.1: " + what + " of a system header is read-only");
    }

    void checkParameterWritable(String name) {
        checkWritable("parameter '" + name + "'");
        if (this == TAG_LOCKED && TAG.equalsIgnoreCase(name)) {
            throw new IllegalStateException("JSR 289 §5.4.1: the tag parameter of From and To cannot be modified");
        }
    }
}
