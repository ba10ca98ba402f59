package io.ferry.runtime.deploy;

import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;

/**
 * One tuple of a DAR configuration (JSR 289 Appendix C):
 * {@code ("app", "DAR:From", "ORIGINATING", "", "NO_ROUTE", "0")}.
 *
 * @param applicationName    the application to invoke
 * @param subscriberIdentity {@code DAR:<header>} (the URI of that header, e.g. {@code DAR:From}),
 *                           or a literal subscriber URI
 * @param region             ORIGINATING, TERMINATING or NEUTRAL
 * @param route              a SIP URI, or {@code ""} for none
 * @param routeModifier      ROUTE, ROUTE_BACK or NO_ROUTE
 * @param declaredStateInfo  the sixth field as written; the router's state is the tuple's
 *                           position instead (see {@link DefaultApplicationRouter})
 */
public record DarRule(String applicationName, String subscriberIdentity, SipApplicationRoutingRegion region,
                      String route, SipRouteModifier routeModifier, String declaredStateInfo) {

    public DarRule {
        if (applicationName == null || applicationName.isEmpty()) throw new IllegalArgumentException("empty application name");
        if (subscriberIdentity == null || region == null || route == null || routeModifier == null || declaredStateInfo == null) {
            throw new IllegalArgumentException("incomplete DAR rule");
        }
    }

    /** True for a {@code DAR:<header>} identity. */
    public boolean identityFromHeader() {
        return subscriberIdentity.regionMatches(true, 0, "DAR:", 0, 4);
    }
}
