/**
 * State interfaces ({@code *Store}) and their local implementations. A store holds immutable
 * records, so that a value read by one thread (or, once clustered, one node) never changes under
 * it; a change is a new record written back with an optimistic version check.
 *
 * <p>{@link io.ferry.store.ApplicationSessionStore} keeps the container state of SIP application
 * sessions (JSR 289 §6.1, {@code SipApplicationSession}; §15.11.2, {@code @SipApplicationKey}) as
 * {@link io.ferry.store.ApplicationSessionState} records. {@link io.ferry.store.InMemoryApplicationSessionStore}
 * is the local implementation; a clustered implementation must pass the same contract test
 * ({@code ApplicationSessionStoreContract}). The rule is in docs/stores.md.
 *
 * <p>Plain Java: no EE imports and no other {@code io.ferry} package.
 */
package io.ferry.store;
