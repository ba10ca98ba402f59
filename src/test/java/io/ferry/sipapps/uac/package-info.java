/**
 * Sample application {@code uac}: a user agent client (RFC 3261 §8.1) started over HTTP, the
 * converged-application case of JSR 289: {@link io.ferry.sipapps.uac.UacTriggerServlet} creates
 * an application session and a MESSAGE (RFC 3428) or an INVITE with an SDP offer through the
 * {@code SipFactory}; {@link io.ferry.sipapps.uac.UacServlet} takes the responses, sends the ACK
 * for a 2xx (§13.2.2.4) and then a BYE (§15.1.1). Responses are recorded in
 * {@link io.ferry.sipapps.events.SipAppEvents}.
 */
@SipApplication(name = "uac", mainServlet = "uac")
package io.ferry.sipapps.uac;

import javax.servlet.sip.annotation.SipApplication;
