/** Test application "nomain": two servlets and no main servlet (needs sip.xml mappings). */
@SipApplication(name = "nomain")
package io.ferry.runtime.deploy.apps.nomain;

import javax.servlet.sip.annotation.SipApplication;
