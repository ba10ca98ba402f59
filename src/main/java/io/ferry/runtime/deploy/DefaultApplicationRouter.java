package io.ferry.runtime.deploy;

import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipRouteModifier;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import java.io.IOException;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Default Application Router of JSR 289 Appendix C.
 *
 * <p>For an initial request, the applications configured for its method are tried in order; the
 * first one that is deployed is selected, with the tuple's routing region, route and route
 * modifier, and the subscriber URI taken from the header the tuple names ({@code DAR:From},
 * {@code DAR:To}, {@code DAR:<any header>}) or given literally. The state info returned is a
 * {@link DarState}: the method and the tuple's position. When the container calls again for the
 * same request (CONTINUE or REVERSE, with that state info), selection continues after that
 * position; NEW, or no state info, starts from the top of the list. When no deployed application
 * is left, the answer names no application and no route, and the container routes the request
 * out by its Request-URI (JSR 289 application selection).
 *
 * <p>A targeted request (JSR 289: encoded URI, Join or Replaces) goes to its target whatever the router says; the
 * router answers with the target's first tuple for the method, so that region and subscriber are
 * the configured ones, or with the target in the NEUTRAL region when it has no tuple.
 *
 * <p>Thread-safe: the configuration and the set of deployed applications are immutable values
 * replaced atomically.
 */
public final class DefaultApplicationRouter implements SipApplicationRouter {

    /** The system property that names the DAR file (JSR 289 Appendix C). */
    public static final String CONFIGURATION_PROPERTY = "javax.servlet.sip.ar.dar.configuration";

    /** The router's state for one request: the method and the position of the last tuple used. */
    public record DarState(String method, int index) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final AtomicBoolean initialised = new AtomicBoolean();
    private volatile DarConfiguration configuration;
    private volatile Set<String> deployed = Set.of();

    /** A router with {@code configuration}; {@link #init(Properties)} may replace it. */
    public DefaultApplicationRouter(DarConfiguration configuration) {
        if (configuration == null) throw new IllegalArgumentException("configuration is null");
        this.configuration = configuration;
    }

    /** The configuration in use. */
    public DarConfiguration configuration() {
        return configuration;
    }

    /** The applications the container has reported deployed. */
    public Set<String> deployedApplications() {
        return deployed;
    }

    /** @throws IllegalStateException if called more than once (javadoc of {@code SipApplicationRouter.init}) */
    @Override
    public void init() {
        if (!initialised.compareAndSet(false, true)) throw new IllegalStateException("application router already initialised");
    }

    /**
     * Initialises from properties. When they contain {@value #CONFIGURATION_PROPERTY}, its value
     * (a {@code file:} URI or a path, see {@link DarConfiguration#loadLocation}) names the DAR
     * file, and the other properties are ignored, so a container may pass its system properties.
     * Otherwise every property is a DAR entry (method → tuple list, a DAR file read with
     * {@link Properties#load}). Empty properties keep the constructor's configuration.
     *
     * @throws IllegalArgumentException naming the bad entry, or the unreadable file
     * @throws IllegalStateException    if already initialised
     */
    @Override
    public void init(Properties properties) {
        DarConfiguration parsed = null;
        if (properties != null && !properties.isEmpty()) {
            String location = properties.getProperty(CONFIGURATION_PROPERTY);
            try {
                parsed = location != null ? DarConfiguration.loadLocation(location) : DarConfiguration.fromProperties(properties);
            } catch (DarConfigurationException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read DAR file " + location + ": " + e, e);
            }
        }
        init();
        if (parsed != null) configuration = parsed;
    }

    @Override
    public synchronized void applicationDeployed(List<String> newlyDeployedApplicationNames) {
        if (newlyDeployedApplicationNames == null || newlyDeployedApplicationNames.isEmpty()) return;
        Set<String> next = new LinkedHashSet<>(deployed);
        next.addAll(newlyDeployedApplicationNames);
        deployed = Collections.unmodifiableSet(next);
    }

    @Override
    public synchronized void applicationUndeployed(List<String> undeployedApplicationNames) {
        if (undeployedApplicationNames == null || undeployedApplicationNames.isEmpty()) return;
        Set<String> next = new LinkedHashSet<>(deployed);
        next.removeAll(undeployedApplicationNames);
        deployed = Collections.unmodifiableSet(next);
    }

    /** Forgets every deployed application: afterwards nothing is selected. */
    @Override
    public synchronized void destroy() {
        deployed = Set.of();
    }

    @Override
    public SipApplicationRouterInfo getNextApplication(SipServletRequest initialRequest, SipApplicationRoutingRegion region,
                                                       SipApplicationRoutingDirective directive,
                                                       SipTargetedRequestInfo targetedRequestInfo, Serializable stateInfo) {
        if (initialRequest == null) throw new IllegalArgumentException("initialRequest is null");
        String method = initialRequest.getMethod();
        List<DarRule> rules = configuration.rulesFor(method);
        Set<String> live = deployed;

        if (targetedRequestInfo != null) {
            String target = targetedRequestInfo.getApplicationName();
            for (int i = 0; i < rules.size(); i++) {
                if (rules.get(i).applicationName().equals(target)) return info(initialRequest, method, rules.get(i), i);
            }
            return new SipApplicationRouterInfo(target, SipApplicationRoutingRegion.NEUTRAL_REGION, null,
                    new String[0], SipRouteModifier.NO_ROUTE, null);
        }

        int start = 0;
        // Appendix C: NEW starts the selection over; otherwise continue after the last application
        if (directive != SipApplicationRoutingDirective.NEW && stateInfo instanceof DarState s && s.method().equals(method)) {
            start = s.index() + 1;
        }
        for (int i = start; i < rules.size(); i++) {
            DarRule r = rules.get(i);
            if (live.contains(r.applicationName())) return info(initialRequest, method, r, i);
        }
        return new SipApplicationRouterInfo(null, null, null, new String[0], SipRouteModifier.NO_ROUTE, null);
    }

    private static SipApplicationRouterInfo info(SipServletRequest request, String method, DarRule r, int index) {
        String[] routes = r.routeModifier() == SipRouteModifier.NO_ROUTE || r.route().isEmpty()
                ? new String[0] : new String[] {r.route()};
        return new SipApplicationRouterInfo(r.applicationName(), r.region(), subscriberUri(request, r), routes,
                r.routeModifier(), new DarState(method, index));
    }

    /**
     * Appendix C: {@code DAR:<header>} is the URI of that header (From, To, or any address
     * header; a header that is not an address gives its value as written); anything else is the
     * subscriber URI itself. An absent header gives {@code null}.
     */
    static String subscriberUri(SipServletRequest request, DarRule r) {
        String id = r.subscriberIdentity();
        if (!r.identityFromHeader()) return id.isEmpty() ? null : id;
        String header = id.substring(4).strip();
        Address a;
        if (header.equalsIgnoreCase("From") || header.equals("f")) {
            a = request.getFrom();
        } else if (header.equalsIgnoreCase("To") || header.equals("t")) {
            a = request.getTo();
        } else {
            try {
                a = request.getAddressHeader(header);
            } catch (ServletParseException e) {
                return request.getHeader(header);
            }
        }
        return a == null || a.getURI() == null ? null : a.getURI().toString();
    }
}
