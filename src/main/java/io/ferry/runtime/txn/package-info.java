/**
 * The SIP transaction layer (RFC 3261 §17, with the INVITE changes of RFC 6026): the four state
 * machines ({@link io.ferry.runtime.txn.InviteClientTransaction},
 * {@link io.ferry.runtime.txn.NonInviteClientTransaction},
 * {@link io.ferry.runtime.txn.InviteServerTransaction},
 * {@link io.ferry.runtime.txn.NonInviteServerTransaction}), transaction matching (§17.1.3,
 * §17.2.3 with the RFC 2543 fallback), CANCEL matching (§9.2), merged-request detection
 * (§8.2.2.2) and the entry point {@link io.ferry.runtime.txn.TransactionLayer}, which reports to a
 * {@link io.ferry.runtime.txn.TransactionUser}. Timers run on an injected
 * {@link io.ferry.runtime.txn.TimerScheduler}; a closing flow fails its pending client
 * transactions at once (RFC 5626 §5.3). Plain Java: no EE API; Netty only for the production
 * timer wheel. docs/transactions.md describes the machines and the threading model.
 */
package io.ferry.runtime.txn;
