package io.ferry.runtime.container;

import io.ferry.runtime.deploy.SipApplicationDefinition;
import javax.servlet.ServletContext;
import javax.servlet.sip.ar.SipApplicationRouter;

/**
 * The SIP Servlet container of one Ferry node (contract; the implementation is being written).
 */
public final class SipContainer {

    /**
     * @param settings the node's container settings
     * @param router   the application router chosen by {@code ApplicationRouterLoader} (already {@code init}ed)
     */
    public SipContainer(ContainerSettings settings, SipApplicationRouter router) {
    }

    /**
     * Registers one SIP application of a WAR. {@code context} is the ServletContext its servlets
     * see (Ferry wraps the WAR's context per application); {@code loader} its class loader.
     *
     * @throws IllegalStateException if an application of that name is registered already
     */
    public ApplicationHandle register(SipApplicationDefinition definition, ServletContext context, ClassLoader loader) {
        throw new IllegalStateException("contract only");
    }
}
