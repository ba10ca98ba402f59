package io.ferry.runtime.transport;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * A UDP remote address (RFC 5626 §3: for UDP the flow is the local and remote address pair).
 * It "closes" only when Ferry decides so (keepalive failure, shutdown).
 */
public final class DatagramFlow extends Flow {

    public DatagramFlow(FlowId id, InetSocketAddress local, InetSocketAddress remote, FlowChannel channel) {
        super(id, Transport.UDP, local, remote, Optional.empty(), channel);
    }
}
