package io.ferry.config;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the validated {@link FerryConfig} injectable. MicroProfile Config resolves each key from
 * server.xml variables, the environment ({@code ferry.sip.port} → {@code FERRY_SIP_PORT}),
 * bootstrap.properties and the WAR's microprofile-config.properties.
 */
@ApplicationScoped
public class FerryConfigProducer {

    private volatile FerryConfig config;

    /**
     * Loads and validates once; a bad value throws {@link ConfigException} and the deploy fails.
     * Dependent scope: a record cannot be proxied, and the value never changes after startup.
     */
    @Produces
    public FerryConfig ferryConfig() {
        FerryConfig loaded = config;
        if (loaded == null) {
            Config mp = ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
            loaded = FerryConfig.load(key -> mp.getOptionalValue(key, String.class));
            config = loaded;
        }
        return loaded;
    }
}
