package io.ferry.runtime.transport.netty;

import io.ferry.runtime.transport.TlsInfo;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/** Builds Netty TLS contexts from PKCS12 key stores, and reads what a session negotiated. */
final class TlsContexts {

    private TlsContexts() {
    }

    /** The server context for {@code ref}, with the client-certificate policy and trust store of {@code tls}. */
    static SslContext server(TlsConfig tls, KeyStoreRef ref) throws GeneralSecurityException, IOException {
        SslContextBuilder b = SslContextBuilder.forServer(keyManagers(ref))
                .sslProvider(SslProvider.JDK)
                .clientAuth(switch (tls.clientCertPolicy()) {
                    case NONE -> ClientAuth.NONE;
                    case OPTIONAL -> ClientAuth.OPTIONAL;
                    case REQUIRE -> ClientAuth.REQUIRE;
                });
        if (tls.trustStore().isPresent()) {
            b.trustManager(trustManagers(tls.trustStore().get()));
        }
        return b.build();
    }

    /**
     * SNI selection: each configured name (wildcards allowed) to its own context, any other name
     * (or none) to the default key store's.
     */
    static Mapping<String, SslContext> sniMapping(TlsConfig tls) throws GeneralSecurityException, IOException {
        DomainWildcardMappingBuilder<SslContext> b = new DomainWildcardMappingBuilder<>(server(tls, tls.keyStore()));
        for (Map.Entry<String, KeyStoreRef> e : tls.sniKeyStores().entrySet()) {
            b.add(e.getKey(), server(tls, e.getValue()));
        }
        return b.build();
    }

    /**
     * The context for outgoing TLS: the configured trust store (else the JDK's), the default key
     * store as client certificate, and host name verification (RFC 5922 §7.2).
     */
    static SslContext client(Optional<TlsConfig> tls) throws GeneralSecurityException, IOException {
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS");
        if (tls.isPresent()) {
            b.keyManager(keyManagers(tls.get().keyStore()));
            if (tls.get().trustStore().isPresent()) {
                b.trustManager(trustManagers(tls.get().trustStore().get()));
            }
        }
        return b.build();
    }

    /** What {@code session} negotiated; {@code clientServerName} is the name Ferry asked for as a client. */
    static TlsInfo info(SSLSession session, Optional<String> clientServerName) {
        Optional<String> sni = clientServerName;
        if (sni.isEmpty() && session instanceof ExtendedSSLSession ext) {
            for (SNIServerName name : ext.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    sni = Optional.of(host.getAsciiName());
                    break;
                }
            }
        }
        List<X509Certificate> peer = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) peer.add(x);
            }
        } catch (SSLPeerUnverifiedException none) {
            // the peer sent no certificate (a client under ClientCertPolicy NONE or OPTIONAL)
        }
        return new TlsInfo(session.getProtocol(), session.getCipherSuite(), sni, peer);
    }

    static KeyStore load(KeyStoreRef ref) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(ref.type());
        try (InputStream in = Files.newInputStream(ref.path())) {
            ks.load(in, ref.password().toCharArray());
        }
        return ks;
    }

    private static KeyManagerFactory keyManagers(KeyStoreRef ref) throws GeneralSecurityException, IOException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(ref), ref.password().toCharArray());
        return kmf;
    }

    private static TrustManagerFactory trustManagers(KeyStoreRef ref) throws GeneralSecurityException, IOException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(ref));
        return tmf;
    }
}
