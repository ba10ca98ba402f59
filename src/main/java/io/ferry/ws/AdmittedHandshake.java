package io.ferry.ws;

import io.ferry.runtime.transport.TlsInfo;
import java.net.InetSocketAddress;
import java.util.Optional;

/** An upgrade that passed the policy, with what the servlet request knew of the connection. */
record AdmittedHandshake(HandshakeDecision.Accept accept, InetSocketAddress local, InetSocketAddress socketPeer,
                         Optional<TlsInfo> tls, String path) {
    boolean secure() {
        return tls.isPresent();
    }
}
