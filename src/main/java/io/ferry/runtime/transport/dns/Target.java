package io.ferry.runtime.transport.dns;

import io.ferry.runtime.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One place to send a request (RFC 3263 §4): a transport and a resolved address. The address
 * carries the domain of the URI it came from as its host name ({@link InetSocketAddress#getHostString()}),
 * which is what a TLS connection checks the server certificate against (RFC 5922 §4).
 */
public record Target(Transport transport, InetSocketAddress address) {

    public Target {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("target address must be resolved: " + address);
        }
    }

    @Override
    public String toString() {
        return transport + " " + address.getHostString() + "/" + address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
