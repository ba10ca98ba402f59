package io.ferry.admin;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;
import javax.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile Health: ready once startup has finished; live unless startup failed. */
@ApplicationScoped
public class FerryHealthChecks {

    @Inject
    FerryLifecycle lifecycle;

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> HealthCheckResponse.named("ferry-startup")
                .status(lifecycle.isReady())
                .withData("state", lifecycle.state().name())
                .build();
    }

    @Produces
    @Liveness
    HealthCheck liveness() {
        return () -> HealthCheckResponse.named("ferry")
                .status(lifecycle.state() != FerryLifecycle.State.FAILED)
                .withData("state", lifecycle.state().name())
                .build();
    }
}
