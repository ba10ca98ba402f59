package io.ferry.runtime.transport.netty;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * TLS settings of the SIP listener and of outgoing TLS connections.
 *
 * @param keyStore         the server certificate and key (default for clients without SNI or
 *                         with an unknown name); also the client certificate of outgoing connections
 * @param sniKeyStores     more certificates by SNI host name ({@code sip.example.com} or
 *                         {@code *.example.com}); empty: no SNI selection. Default: empty
 * @param trustStore       trusted certificates for client certificates and for servers Ferry
 *                         connects to; empty: the JDK's default trust store. Default: empty
 * @param clientCertPolicy whether clients must present a certificate. Default: {@link ClientCertPolicy#NONE}
 */
public record TlsConfig(KeyStoreRef keyStore, Map<String, KeyStoreRef> sniKeyStores, Optional<KeyStoreRef> trustStore,
                        ClientCertPolicy clientCertPolicy) {

    public TlsConfig {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(clientCertPolicy, "clientCertPolicy");
        TreeMap<String, KeyStoreRef> names = new TreeMap<>();
        for (Map.Entry<String, KeyStoreRef> e : sniKeyStores.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.contains(" ")) {
                throw new IllegalArgumentException("tls.sniKeyStores: not a host name: '" + e.getKey() + "'");
            }
            names.put(name, Objects.requireNonNull(e.getValue(), "sniKeyStores[" + name + "]"));
        }
        sniKeyStores = Map.copyOf(names);
    }

    /** One key store, no SNI map, the JDK trust store, no client certificates. */
    public static TlsConfig of(KeyStoreRef keyStore) {
        return new TlsConfig(keyStore, Map.of(), Optional.empty(), ClientCertPolicy.NONE);
    }

    public TlsConfig withSniKeyStores(Map<String, KeyStoreRef> v) {
        return new TlsConfig(keyStore, v, trustStore, clientCertPolicy);
    }

    public TlsConfig withTrustStore(KeyStoreRef v) {
        return new TlsConfig(keyStore, sniKeyStores, Optional.of(v), clientCertPolicy);
    }

    public TlsConfig withClientCertPolicy(ClientCertPolicy v) {
        return new TlsConfig(keyStore, sniKeyStores, trustStore, v);
    }
}
