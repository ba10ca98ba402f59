/**
 * Test application {@code proxy}: a record-routing stateful proxy (JSR 289 §10, RFC 3261 §16)
 * that proxies every initial INVITE to its Request-URI; subsequent requests of the dialog pass
 * through it. Used by {@code io.ferry.it.SipProxyIT}, where sipp checks the wire on both sides.
 */
@SipApplication(name = "proxy", mainServlet = "proxy")
package io.ferry.sipapps.proxy;

import javax.servlet.sip.annotation.SipApplication;
