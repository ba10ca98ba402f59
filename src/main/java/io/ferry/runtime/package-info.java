/**
 * Ferry's SIP Servlet runtime: the implementation of the JSR 289 {@code javax.servlet.sip} API
 * and everything below it (transports and flows, transactions, deployment). Applications never
 * import these packages; they see only {@code javax.servlet.sip} and Ferry's documented flow
 * extension.
 */
package io.ferry.runtime;
