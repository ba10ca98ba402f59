/**
 * Sample application {@code second}: the second of the composed pair (see
 * {@link io.ferry.sipapps.composition}); routed in the TERMINATING region for the To URI.
 */
@SipApplication(name = "second", mainServlet = "second")
package io.ferry.sipapps.composition.second;

import javax.servlet.sip.annotation.SipApplication;
