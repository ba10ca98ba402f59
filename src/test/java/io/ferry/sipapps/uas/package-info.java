/**
 * Sample application {@code uas}: a user agent server (RFC 3261 §8.2, §13.3) answering OPTIONS
 * and MESSAGE (RFC 3428) with 200, and INVITE with 180 then 200 carrying an SDP answer; it takes
 * the ACK and answers BYE (§15.1.2). Every request and session state is recorded in
 * {@link io.ferry.sipapps.events.SipAppEvents}.
 */
@SipApplication(name = "uas", mainServlet = "uas")
package io.ferry.sipapps.uas;

import javax.servlet.sip.annotation.SipApplication;
