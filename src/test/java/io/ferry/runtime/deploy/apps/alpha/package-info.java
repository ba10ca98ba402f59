/** Test application "alpha": a main servlet, a second servlet, listeners and an application key. */
@SipApplication(name = "alpha", mainServlet = "alpha-invite", description = "Alpha app", displayName = "Alpha",
        distributable = true, sessionTimeout = 7, proxyTimeout = 30)
package io.ferry.runtime.deploy.apps.alpha;

import javax.servlet.sip.annotation.SipApplication;
