/**
 * Sample application {@code b2bua}: a back-to-back user agent (JSR 289 §12) written on
 * {@code B2buaHelper} only. An initial INVITE becomes a linked INVITE to its Request-URI; 1xx,
 * 2xx and error responses are relayed upstream with their content; the caller's ACK acknowledges
 * the pending 2xx of the other leg; BYE from either side and CANCEL from the caller are carried to
 * the other leg. Every step is recorded in {@link io.ferry.sipapps.events.SipAppEvents}.
 */
@SipApplication(name = "b2bua", mainServlet = "b2bua")
package io.ferry.sipapps.b2bua;

import javax.servlet.sip.annotation.SipApplication;
