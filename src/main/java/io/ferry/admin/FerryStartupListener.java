package io.ferry.admin;

import javax.inject.Inject;
import javax.servlet.ServletContextEvent;
import javax.servlet.ServletContextListener;
import javax.servlet.annotation.WebListener;

/** Runs Ferry's startup and shutdown with the web application's lifecycle. */
@WebListener
public class FerryStartupListener implements ServletContextListener {

    @Inject
    FerryLifecycle lifecycle;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        lifecycle.start(event.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        lifecycle.stop();
    }
}
