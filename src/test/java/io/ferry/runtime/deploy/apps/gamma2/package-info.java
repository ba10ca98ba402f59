/** Broken test application: declares the name "gamma" like the other gamma package. */
@SipApplication(name = "gamma")
package io.ferry.runtime.deploy.apps.gamma2;

import javax.servlet.sip.annotation.SipApplication;
