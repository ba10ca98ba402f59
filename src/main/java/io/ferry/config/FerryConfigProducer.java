package io.ferry.config;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;
import javax.inject.Inject;

/**
 * Makes the validated {@link FerryConfig} injectable: the one that {@link FerryConfigValidation}
 * read through MicroProfile Config at deployment (server.xml variables, the environment
 * {@code ferry.sip.port} → {@code FERRY_SIP_PORT}, bootstrap.properties, the WAR's
 * microprofile-config.properties).
 */
@ApplicationScoped
public class FerryConfigProducer {

    @Inject
    FerryConfigValidation validation;

    /** Dependent scope: a record cannot be proxied, and the value never changes after startup. */
    @Produces
    public FerryConfig ferryConfig() {
        return validation.config();
    }
}
