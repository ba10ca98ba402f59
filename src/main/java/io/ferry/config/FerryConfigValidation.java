package io.ferry.config;

import java.lang.System.Logger.Level;
import javax.enterprise.event.Observes;
import javax.enterprise.inject.spi.AfterDeploymentValidation;
import javax.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads and validates the configuration once, while the application deploys: a bad value becomes
 * a CDI deployment problem, so that the deployment fails (rather than starting an application
 * that cannot work) and the server log names the key and the allowed values.
 */
public class FerryConfigValidation implements Extension {

    private static final System.Logger LOG = System.getLogger(FerryConfigValidation.class.getName());

    private volatile FerryConfig config;

    void validate(@Observes AfterDeploymentValidation event) {
        try {
            Config mp = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
            config = FerryConfig.load(key -> mp.getOptionalValue(key, String.class));
        } catch (ConfigException e) {
            LOG.log(Level.ERROR, "Ferry cannot start: {0}", e.getMessage());
            event.addDeploymentProblem(e);
        }
    }

    /** The configuration validated at deployment (a failed validation never gets this far). */
    public FerryConfig config() {
        FerryConfig c = config;
        if (c == null) {
            throw new IllegalStateException("the configuration is read before deployment validation");
        }
        return c;
    }
}
