package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import java.util.Objects;

/**
 * Where a client transaction sends its request: the flow chosen by the TU or by target resolution
 * (RFC 3263, RFC 5626 flow tokens). The request, its retransmissions and the ACK for a non-2xx
 * all use this flow.
 */
public record Target(Flow flow) {

    public Target {
        Objects.requireNonNull(flow, "flow");
    }

    public static Target of(Flow flow) {
        return new Target(flow);
    }
}
