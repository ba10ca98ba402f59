/** A SIP application whose servlet cannot initialise: its deployment must fail (test only). */
@SipApplication(name = "broken")
package io.ferry.sipapps.broken;

import javax.servlet.sip.annotation.SipApplication;
