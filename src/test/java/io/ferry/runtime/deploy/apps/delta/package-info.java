/** Test application "delta": declared by this package only; its servlet lives in another package and names it. */
@SipApplication(name = "delta")
package io.ferry.runtime.deploy.apps.delta;

import javax.servlet.sip.annotation.SipApplication;
