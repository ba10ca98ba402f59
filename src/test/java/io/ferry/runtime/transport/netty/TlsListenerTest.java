package io.ferry.runtime.transport.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowIds;
import io.ferry.runtime.transport.FlowTable;
import io.ferry.runtime.transport.TlsInfo;
import io.ferry.runtime.transport.Transport;
import io.ferry.sip.SipFrame;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsListenerTest {

    @TempDir
    static Path dir;
    static KeyStoreRef server;
    static KeyStoreRef other;
    static KeyStoreRef client;

    private final FlowTable table = new FlowTable();
    private final FlowEvents events = new FlowEvents();
    private final FakeInbound inbound = new FakeInbound();
    private final List<SipListeners> started = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        server = KeyStoreRef.pkcs12(TransportFixtures.keyStore(dir, "server", "localhost"), TransportFixtures.PASSWORD);
        other = KeyStoreRef.pkcs12(TransportFixtures.keyStore(dir, "other", "sip.example.test"), TransportFixtures.PASSWORD);
        client = KeyStoreRef.pkcs12(TransportFixtures.keyStore(dir, "client", "client.example.test"), TransportFixtures.PASSWORD);
    }

    @AfterEach
    void stop() {
        started.forEach(SipListeners::close);
    }

    private SipListeners start(TlsConfig tls, FlowTable flows, FakeInbound in, boolean listen) throws Exception {
        SipListeners l = new SipListeners(TransportFixtures.loopback().withTls(tls).withEnabled(false, false, listen),
                flows, new FlowIds(), in);
        started.add(l);
        l.start();
        return l;
    }

    private SipListeners server(TlsConfig tls) throws Exception {
        table.addListener(events);
        return start(tls, table, inbound, true);
    }

    private static SSLContext jdkClient(KeyStoreRef trust, KeyStoreRef key) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(trust));
        KeyManagerFactory kmf = null;
        if (key != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(key), key.password().toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore load(KeyStoreRef ref) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ref.path())) {
            ks.load(in, ref.password().toCharArray());
        }
        return ks;
    }

    private static SSLSocket connect(SSLContext ctx, int port, String sni) throws IOException {
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(sni)));
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private static String cn(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    @Test
    void tls_messageArrivesOnATlsFlow_withSessionInfo_andPingIsAnswered() throws Exception {
        SipListeners l = server(TlsConfig.of(server));
        try (SSLSocket s = connect(jdkClient(server, null), l.port(Transport.TLS), "localhost")) {
            s.getOutputStream().write(TransportFixtures.options("tls-1"));
            FakeInbound.Frame f = inbound.nextFrame();
            assertEquals("tls-1", assertInstanceOf(SipFrame.Message.class, f.frame()).message().callId().orElseThrow());
            Flow flow = f.flow();
            assertEquals(Transport.TLS, flow.transport());
            assertTrue(flow.secure());
            TlsInfo info = flow.tls().orElseThrow();
            assertEquals(s.getSession().getProtocol(), info.protocol());
            assertEquals(s.getSession().getCipherSuite(), info.cipherSuite());
            assertEquals("localhost", info.serverName().orElseThrow());
            assertTrue(info.peerCertificates().isEmpty(), "no client certificate was asked for");

            s.getOutputStream().write("\r\n\r\n".getBytes());
            assertArrayEquals(new byte[] {'\r', '\n'}, s.getInputStream().readNBytes(2));
        }
    }

    @Test
    void tls_sniSelectsTheCertificateForTheName() throws Exception {
        SipListeners l = server(TlsConfig.of(server).withSniKeyStores(Map.of("sip.example.test", other)));
        try (SSLSocket s = connect(jdkClient(other, null), l.port(Transport.TLS), "sip.example.test")) {
            assertEquals("CN=sip.example.test", cn((X509Certificate) s.getSession().getPeerCertificates()[0]));
            s.getOutputStream().write(TransportFixtures.options("tls-sni"));
            assertEquals("sip.example.test", inbound.nextFrame().flow().tls().orElseThrow().serverName().orElseThrow());
        }
        try (SSLSocket s = connect(jdkClient(server, null), l.port(Transport.TLS), "localhost")) {
            assertEquals("CN=localhost", cn((X509Certificate) s.getSession().getPeerCertificates()[0]), "default certificate");
        }
    }

    @Test
    void tls_requiredClientCertificate_isCheckedAndReported_onBothSides() throws Exception {
        SipListeners srv = server(TlsConfig.of(server).withTrustStore(client).withClientCertPolicy(ClientCertPolicy.REQUIRE));
        FlowTable clientFlows = new FlowTable();
        FakeInbound clientInbound = new FakeInbound();
        SipListeners cli = start(TlsConfig.of(client).withTrustStore(server), clientFlows, clientInbound, false);

        // RFC 5922 §4: the name the certificate is checked against travels with the address
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}),
                srv.port(Transport.TLS));
        Flow out = cli.connect(Transport.TLS, target).get(10, TimeUnit.SECONDS);
        assertEquals(Transport.TLS, out.transport());
        TlsInfo outInfo = out.tls().orElseThrow();
        assertEquals("localhost", outInfo.serverName().orElseThrow());
        assertEquals("CN=localhost", cn(outInfo.peerCertificates().get(0)));
        assertSame(out, cli.connect(Transport.TLS, target).get(5, TimeUnit.SECONDS), "reused");

        assertTrue(out.sendBytes(ByteBuffer.wrap(TransportFixtures.options("mtls"))));
        FakeInbound.Frame f = inbound.nextFrame();
        assertEquals("CN=client.example.test", cn(f.flow().tls().orElseThrow().peerCertificates().get(0)));
    }

    @Test
    void tls_requiredClientCertificate_missing_refusesTheHandshake_noFlow() throws Exception {
        SipListeners l = server(TlsConfig.of(server).withTrustStore(client).withClientCertPolicy(ClientCertPolicy.REQUIRE));
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = connect(jdkClient(server, null), l.port(Transport.TLS), "localhost")) {
                // TLS 1.3 reports the refusal on the first read
                s.getOutputStream().write(TransportFixtures.options("no-cert"));
                if (s.getInputStream().read() < 0) throw new IOException("closed by server");
            }
        });
        assertEquals(0, table.size());
    }

    @Test
    void rfc5922_7_2_outgoingTls_toAServerWithTheWrongName_fails() throws Exception {
        SipListeners srv = server(TlsConfig.of(server));
        SipListeners cli = start(TlsConfig.of(client).withTrustStore(server), new FlowTable(), new FakeInbound(), false);
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByAddress("wrong.example.test", new byte[] {127, 0, 0, 1}),
                srv.port(Transport.TLS));
        ExecutionException e = assertThrows(ExecutionException.class, () -> cli.connect(Transport.TLS, target).get(10, TimeUnit.SECONDS));
        assertTrue(String.valueOf(e.getCause()).contains("SSL") || e.getCause() instanceof javax.net.ssl.SSLException,
                String.valueOf(e.getCause()));
    }
}
