package io.ferry.admin;

import io.ferry.config.FerryConfig;
import io.ferry.config.FerryConfigProducer;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/**
 * Ferry's startup and shutdown, run with the web application. Readiness reports UP only after
 * {@link #start()} has validated the configuration and opened everything Ferry needs.
 */
@ApplicationScoped
public class FerryLifecycle {

    private static final System.Logger LOG = System.getLogger(FerryLifecycle.class.getName());

    /** Where startup stands; readiness and liveness read it. */
    public enum State { STARTING, READY, FAILED, STOPPED }

    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

    @Inject
    FerryConfigProducer configProducer;

    @Inject
    @ConfigProperty(name = "ferry.server.config.dir")
    Optional<String> serverConfigDir;

    @Inject
    @ConfigProperty(name = "ferry.keystore.password")
    Optional<String> keystorePassword;

    /** Runs Ferry's startup; any exception fails the deployment (and is logged with its key). */
    public void start() {
        try {
            FerryConfig validated = configProducer.ferryConfig();
            var secrets = new GeneratedSecrets(serverConfigDir.map(Path::of));
            secrets.ensure(GeneratedSecrets.ADMIN_PASSWORD, validated.admin().password(), validated.admin().user());
            secrets.ensure(GeneratedSecrets.KEYSTORE_PASSWORD, keystorePassword.filter(p -> !p.isBlank()), validated.admin().user());
            var net = validated.network();
            LOG.log(Level.INFO, "Ferry node={0} ready: http=http://{1}:{2}/ https=https://{1}:{3}/"
                    + " health=/health/ready metrics=/metrics admin-center=https://{1}:{3}/adminCenter/",
                    validated.node().id(), "*".equals(net.host()) ? "localhost" : net.host(),
                    Integer.toString(net.httpPort()), Integer.toString(net.httpsPort()));
            state.set(State.READY);
        } catch (RuntimeException e) {
            state.set(State.FAILED);
            LOG.log(Level.ERROR, "Ferry startup failed: {0}", e.getMessage());
            throw e;
        }
    }

    public void stop() {
        state.set(State.STOPPED);
        LOG.log(Level.INFO, "Ferry stopped");
    }

    public State state() {
        return state.get();
    }

    public boolean isReady() {
        return state.get() == State.READY;
    }

    @Gauge(name = "ferry_ready", absolute = true, unit = "none",
           description = "1 once Ferry's startup has finished, 0 before, after a failure or after shutdown")
    public long readyGauge() {
        return isReady() ? 1 : 0;
    }
}
