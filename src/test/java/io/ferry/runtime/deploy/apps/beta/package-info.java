/** Test application "beta": one servlet (implicitly the main servlet) and an error listener. */
@SipApplication(name = "beta")
package io.ferry.runtime.deploy.apps.beta;

import javax.servlet.sip.annotation.SipApplication;
