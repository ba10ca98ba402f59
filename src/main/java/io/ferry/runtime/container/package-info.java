/**
 * The SIP Servlet container core (JSR 289): the transaction user that routes initial requests
 * through the application router, dispatches messages to servlets, keeps SIP sessions and
 * application sessions, and serialises everything of one application session. Applications act
 * as UAS, UAC or as a stateful proxy ({@code FerryProxy}: JSR 289 §10, RFC 3261 §16, RFC 5658,
 * Path of RFC 3327, Reason of RFC 3326), with loop detection ({@code LoopDetection}, RFC 3261
 * §16.3 step 4) and strict-router compatibility ({@code StrictRouting}, RFC 3261 §16.4).
 */
package io.ferry.runtime.container;
