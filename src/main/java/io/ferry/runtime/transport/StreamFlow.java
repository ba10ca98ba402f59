package io.ferry.runtime.transport;

import java.net.InetSocketAddress;
import java.util.Optional;

/** A TCP or TLS connection carrying SIP (RFC 3261 §18). */
public final class StreamFlow extends Flow {

    public StreamFlow(FlowId id, Transport transport, InetSocketAddress local, InetSocketAddress remote,
                      Optional<TlsInfo> tls, FlowChannel channel) {
        super(id, requireStream(transport), local, remote, tls, channel);
    }

    private static Transport requireStream(Transport transport) {
        if (transport != Transport.TCP && transport != Transport.TLS) {
            throw new IllegalArgumentException("a stream flow is TCP or TLS, not " + transport);
        }
        return transport;
    }
}
