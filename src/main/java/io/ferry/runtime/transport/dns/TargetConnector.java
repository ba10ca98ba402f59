package io.ferry.runtime.transport.dns;

import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowConnector;
import io.ferry.sip.SipUri;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A flow for a SIP URI: resolves it (RFC 3263 §4) and tries the targets in order until one gives
 * a flow (§4.3: on failure, the next target). An open flow to a target is reused by the
 * {@link FlowConnector}. Never blocks.
 */
public final class TargetConnector {

    private static final System.Logger LOG = System.getLogger(TargetConnector.class.getName());

    private final TargetResolver resolver;
    private final FlowConnector connector;

    public TargetConnector(TargetResolver resolver, FlowConnector connector) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /**
     * The flow to the first reachable target of {@code uri}. Fails with the resolver's
     * {@link TargetResolutionException} (e.g. for an {@code .invalid} host), or with the last
     * connection failure when no target could be reached.
     */
    public CompletableFuture<Flow> connect(SipUri uri) {
        return resolver.resolve(uri).thenCompose(targets -> attempt(uri, targets, 0, null));
    }

    private CompletableFuture<Flow> attempt(SipUri uri, List<Target> targets, int i, Throwable last) {
        if (i >= targets.size()) {
            return CompletableFuture.failedFuture(new TargetResolutionException(
                    "no target of " + uri + " reachable (" + targets.size() + " tried)", last));
        }
        Target t = targets.get(i);
        return connector.connect(t.transport(), t.address())
                .handle((flow, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(flow);
                    }
                    LOG.log(Level.DEBUG, "uri={0} target={1} failed, trying the next: {2}", uri, t, e);
                    return attempt(uri, targets, i + 1, e);
                })
                .thenCompose(f -> f);
    }
}
