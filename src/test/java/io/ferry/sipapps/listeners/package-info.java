/**
 * Sample application {@code listeners}: {@link io.ferry.sipapps.listeners.SessionEventsListener}
 * records the JSR 289 §6 session lifecycle and attribute events of this application, and
 * {@link io.ferry.sipapps.listeners.PublishServlet} causes them: a PUBLISH (RFC 3903, used here
 * only as a request that no other sample takes) sets, replaces and removes one attribute on each
 * session, is answered 200 and invalidates the application session.
 */
@SipApplication(name = "listeners", mainServlet = "publish")
package io.ferry.sipapps.listeners;

import javax.servlet.sip.annotation.SipApplication;
