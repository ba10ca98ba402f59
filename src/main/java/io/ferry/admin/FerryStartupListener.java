package io.ferry.admin;

import javax.inject.Inject;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.annotation.WebListener;

/**
 * Runs Ferry's shutdown with the web application's lifecycle, and its startup when
 * {@link FerryInitializer} could not (no CDI that early).
 */
@WebListener
public class FerryStartupListener implements ServletContextListener {

    @Inject
    FerryLifecycle lifecycle;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        if (lifecycle.state() == FerryLifecycle.State.STARTING) {
            lifecycle.start(event.getServletContext());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        lifecycle.stop();
    }
}
