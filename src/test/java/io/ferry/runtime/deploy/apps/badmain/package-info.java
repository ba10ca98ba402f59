/** Broken test application "badmain": its mainServlet names no servlet. */
@SipApplication(name = "badmain", mainServlet = "ghost")
package io.ferry.runtime.deploy.apps.badmain;

import javax.servlet.sip.annotation.SipApplication;
