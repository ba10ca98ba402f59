package io.ferry.sipapps.composition;

import io.ferry.sipapps.events.SipAppEvents;
import java.util.Map;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;

/** What the application router told an application about a request (JSR 289 §15.6, §15.7). */
public final class RoutingFacts {

    private RoutingFacts() {
    }

    /** {@link SipAppEvents#describe} plus region, subscriber URI and routing directive. */
    public static Map<String, Object> of(SipServletRequest req) {
        Map<String, Object> d = SipAppEvents.describe(req);
        SipApplicationRoutingRegion region = req.getRegion();
        d.put("region", region == null ? null : region.getType());
        d.put("subscriber", req.getSubscriberURI());
        d.put("directive", req.getRoutingDirective());
        d.put("application", req.getApplicationSession().getApplicationName());
        return d;
    }
}
