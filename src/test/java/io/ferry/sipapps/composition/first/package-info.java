/**
 * Sample application {@code first}: the first of the composed pair (see
 * {@link io.ferry.sipapps.composition}); routed in the ORIGINATING region for the From URI.
 */
@SipApplication(name = "first", mainServlet = "first")
package io.ferry.sipapps.composition.first;

import javax.servlet.sip.annotation.SipApplication;
