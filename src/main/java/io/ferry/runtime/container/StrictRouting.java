package io.ferry.runtime.container;

import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipUri;
import io.ferry.sip.Uri;
import java.util.List;
import java.util.function.Predicate;

/**
 * Compatibility with strict routers (RFC 2543 routing), as RFC 3261 §16.4 and §16.6 step 6 ask
 * of a loose-routing proxy: a request whose Request-URI is one of Ferry's own Record-Route
 * entries comes from a strict router, and a next hop without {@code lr} is one.
 */
final class StrictRouting {

    private StrictRouting() {
    }

    /**
     * A request a strict router sent: the request Ferry goes on with, and the URI of its own that
     * was the Request-URI (it stands for the popped route).
     */
    record Restored(SipRequest request, NameAddr ours) {
    }

    /**
     * RFC 3261 §16.4: when the Request-URI is a value Ferry placed in a Record-Route (or Path):
     * a user-less SIP URI with {@code lr} naming this node, the last Route value becomes the
     * Request-URI and leaves the Route header. Null when the request did not come that way.
     */
    static Restored fromStrictRouter(SipRequest req, Predicate<Uri> ownRoute) throws SipParseException {
        Uri uri = req.requestUri();
        if (!(uri instanceof SipUri u) || u.user() != null || !u.lr() || !ownRoute.test(u)) return null;
        List<NameAddr> routes = req.routes();
        if (routes.isEmpty()) return null;
        NameAddr last = routes.get(routes.size() - 1);
        SipRequest restored = withRoutes(req, routes.subList(0, routes.size() - 1)).withRequestUri(last.uri());
        return new Restored(restored, NameAddr.of(u));
    }

    /**
     * RFC 3261 §16.6 step 6: when the first Route value has no {@code lr} the next hop is a strict
     * router: the Request-URI goes to the end of the Route header and the first Route value
     * becomes the Request-URI. Otherwise the request is returned as it is.
     */
    static SipRequest towardsStrictRouter(SipRequest req) throws SipParseException {
        List<NameAddr> routes = req.routes();
        if (routes.isEmpty()) return req;
        Uri first = routes.get(0).uri();
        if (!(first instanceof SipUri s) || s.lr()) return req;
        List<NameAddr> rest = new java.util.ArrayList<>(routes.subList(1, routes.size()));
        rest.add(NameAddr.of(req.requestUri()));
        return withRoutes(req, rest).withRequestUri(first);
    }

    private static SipRequest withRoutes(SipRequest req, List<NameAddr> routes) {
        SipRequest m = req.withoutHeader("Route");
        for (NameAddr r : routes) m = m.withAppendedHeader("Route", r.toString());
        return m;
    }
}
