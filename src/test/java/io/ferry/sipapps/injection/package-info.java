/**
 * Sample application {@code injection}: JSR 289 §18 resource injection ({@code @Resource}
 * SipFactory, TimerService, SipSessionsUtil) and an {@code @EJB} (EJB Lite) into a SIP servlet.
 * An OPTIONS is answered 200 with one {@code X-Injected-*} header per reference.
 */
@SipApplication(name = "injection", mainServlet = "injection")
package io.ferry.sipapps.injection;

import javax.servlet.sip.annotation.SipApplication;
