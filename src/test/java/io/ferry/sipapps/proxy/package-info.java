/**
 * Test application {@code proxy}: a record-routing stateful proxy (JSR 289 §10, RFC 3261 §16)
 * that proxies every initial INVITE to its Request-URI, or, as the request's X-Ferry-* headers ask,
 * forks in parallel or in sequence, recurses on 3xx, or sends a branch on a given flow; subsequent
 * requests of the dialog pass through it. A MESSAGE is answered with the id of its flow. Used by
 * {@code io.ferry.it.SipProxyIT} (sipp on both sides) and {@code io.ferry.it.SipProxyForkingIT}.
 */
@SipApplication(name = "proxy", mainServlet = "proxy")
package io.ferry.sipapps.proxy;

import javax.servlet.sip.annotation.SipApplication;
