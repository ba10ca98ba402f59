package io.ferry.runtime;

/**
 * Implemented by a transaction user that sends requests of its own: it is handed the running
 * stack once the transports are up.
 */
public interface SipStackAware {
    void attach(SipStack stack);
}
