/**
 * Sample application {@code timers}: a MESSAGE (RFC 3428) with the body {@code timer N ms} is
 * answered 200 and starts a {@code ServletTimer} of N ms on its application session (JSR 289
 * §6.1.3, the TimerService). When it fires, {@link io.ferry.sipapps.timers.TimerFired} records the
 * delay and sends an OPTIONS to the sender's Contact. The answer is an OPTIONS rather than a
 * MESSAGE because requests that applications create go through the application router too
 * (JSR 289 §15.4.1): with this node's DAR sending every MESSAGE to {@code timers}, a MESSAGE would
 * come back to the application instead of leaving the node.
 */
@SipApplication(name = "timers", mainServlet = "timers")
package io.ferry.sipapps.timers;

import javax.servlet.sip.annotation.SipApplication;
