package io.ferry.admin;

import io.ferry.runtime.deploy.SipApplicationInitializer;
import java.lang.System.Logger.Level;
import java.util.Set;
import javax.enterprise.inject.spi.CDI;
import javax.servlet.ServletContainerInitializer;
import javax.servlet.ServletContext;
import javax.servlet.annotation.HandlesTypes;
import javax.servlet.annotation.WebFilter;
import javax.servlet.annotation.WebListener;
import javax.servlet.annotation.WebServlet;
import javax.servlet.sip.annotation.SipApplication;
import javax.servlet.sip.annotation.SipApplicationKey;
import javax.servlet.sip.annotation.SipListener;
import javax.servlet.sip.annotation.SipServlet;

/**
 * Ferry's startup, as the web application starts: the SIP applications' model
 * ({@link SipApplicationInitializer}), then {@link FerryLifecycle#start}. Running in a
 * ServletContainerInitializer rather than a listener makes a failure (a SIP servlet whose
 * {@code init()} throws, a port in use) fail the deployment: Liberty ignores exceptions from
 * listeners. When CDI is not available this early, {@link FerryStartupListener} starts Ferry.
 */
@HandlesTypes({SipServlet.class, SipApplication.class, SipListener.class, SipApplicationKey.class,
        WebServlet.class, WebFilter.class, WebListener.class})
public final class FerryInitializer implements ServletContainerInitializer {

    private static final System.Logger LOG = System.getLogger(FerryInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> annotated, ServletContext context) {
        new SipApplicationInitializer().onStartup(annotated, context);
        FerryLifecycle lifecycle;
        try {
            lifecycle = CDI.current().select(FerryLifecycle.class).get();
        } catch (IllegalStateException e) {
            LOG.log(Level.INFO, "CDI is not ready in the initializer ({0}): Ferry starts with the web listener", e.getMessage());
            return;
        }
        lifecycle.start(context);
    }
}
