package io.ferry.runtime.transport;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** What a secure flow negotiated: protocol, cipher suite, SNI name and the peer's certificates. */
public record TlsInfo(String protocol, String cipherSuite, Optional<String> serverName, List<X509Certificate> peerCertificates) {
    public TlsInfo {
        peerCertificates = List.copyOf(peerCertificates);
    }
}
