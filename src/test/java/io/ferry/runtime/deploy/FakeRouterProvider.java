package io.ferry.runtime.deploy;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;
import java.io.Serializable;
import java.util.List;
import java.util.Properties;

/**
 * A custom application router provider registered in
 * {@code src/test/resources/META-INF/services/javax.servlet.sip.ar.spi.SipApplicationRouterProvider},
 * for {@link ApplicationRouterLoaderTest}.
 */
public class FakeRouterProvider extends SipApplicationRouterProvider {

    /** The router of this provider: selects nothing, and says so by its type. */
    public static final class FakeRouter implements SipApplicationRouter {
        @Override public void applicationDeployed(List<String> names) { }
        @Override public void applicationUndeployed(List<String> names) { }
        @Override public void destroy() { }
        @Override public void init() { }
        @Override public void init(Properties properties) { }

        @Override
        public SipApplicationRouterInfo getNextApplication(SipServletRequest request, SipApplicationRoutingRegion region,
                                                           SipApplicationRoutingDirective directive,
                                                           SipTargetedRequestInfo targeted, Serializable stateInfo) {
            return null;
        }
    }

    private final FakeRouter router = new FakeRouter();

    public FakeRouterProvider() {
    }

    @Override
    public SipApplicationRouter getSipApplicationRouter() {
        return router;
    }

    /** A second provider listed after the first: found, but passed over. */
    public static class Second extends FakeRouterProvider {
        public Second() {
        }
    }

    /** A provider that yields no router. */
    public static class Empty extends SipApplicationRouterProvider {
        public Empty() {
        }

        @Override
        public SipApplicationRouter getSipApplicationRouter() {
            return null;
        }
    }
}
