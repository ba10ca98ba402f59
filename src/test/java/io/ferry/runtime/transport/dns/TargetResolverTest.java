package io.ferry.runtime.transport.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.transport.Transport;
import io.ferry.sip.SipUri;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;

class TargetResolverTest {

    private static final long TTL = 300;

    private final FakeResolver dns = new FakeResolver();
    private final TargetResolver resolver = new TargetResolver(dns, new Random(7));

    private static Name n(String s) {
        try {
            return Name.fromString(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static ARecord a(String name, String ip) throws Exception {
        return new ARecord(n(name), DClass.IN, TTL, InetAddress.getByName(ip));
    }

    private static AAAARecord aaaa(String name, String ip) throws Exception {
        return new AAAARecord(n(name), DClass.IN, TTL, InetAddress.getByName(ip));
    }

    private static SRVRecord srv(String name, int priority, int weight, int port, String target) {
        return new SRVRecord(n(name), DClass.IN, TTL, priority, weight, port, n(target));
    }

    private static NAPTRRecord naptr(String name, int order, int pref, String service, String replacement) {
        return new NAPTRRecord(n(name), DClass.IN, TTL, order, pref, "s", service, "", n(replacement));
    }

    private List<Target> resolve(String uri) throws Exception {
        return resolver.resolve(SipUri.parse(uri)).get(5, TimeUnit.SECONDS);
    }

    private static String show(List<Target> targets) {
        return String.join(", ", targets.stream().map(t -> t.transport() + " " + t.address().getAddress().getHostAddress()
                + ":" + t.address().getPort()).toList());
    }

    @Test
    void rfc3263_4_1_numericHost_isTheTargetWithoutDns() throws Exception {
        assertEquals("UDP 192.0.2.4:5060", show(resolve("sip:alice@192.0.2.4")));
        assertEquals("TLS 192.0.2.4:5061", show(resolve("sips:alice@192.0.2.4")));
        assertEquals("TCP 2001:db8:0:0:0:0:0:1:5070", show(resolve("sip:[2001:db8::1]:5070;transport=tcp")));
        assertTrue(dns.queries.isEmpty(), "no DNS query for a numeric host: " + dns.queries);
    }

    @Test
    void rfc3263_4_2_portGiven_usesAAndAaaaOnly() throws Exception {
        dns.add(a("pbx.example.com.", "192.0.2.10"), aaaa("pbx.example.com.", "2001:db8::10"),
                naptr("pbx.example.com.", 10, 10, "SIP+D2T", "_sip._tcp.pbx.example.com."));
        assertEquals("UDP 192.0.2.10:5080, UDP 2001:db8:0:0:0:0:0:10:5080", show(resolve("sip:pbx.example.com:5080")));
        assertTrue(dns.queries.stream().noneMatch(q -> q.startsWith("NAPTR") || q.startsWith("SRV")), dns.queries.toString());
    }

    @Test
    void rfc3263_4_1_naptrOrderAndPreference_thenSrvPriority() throws Exception {
        dns.add(naptr("example.com.", 20, 10, "SIP+D2U", "_sip._udp.example.com."),
                naptr("example.com.", 10, 20, "SIP+D2T", "_sip._tcp.example.com."),
                naptr("example.com.", 10, 10, "SIPS+D2T", "_sips._tcp.example.com."),
                naptr("example.com.", 5, 10, "SIP+D2S", "_sip._sctp.example.com."),
                srv("_sips._tcp.example.com.", 0, 0, 5061, "tls.example.com."),
                srv("_sip._tcp.example.com.", 20, 0, 5060, "tcp2.example.com."),
                srv("_sip._tcp.example.com.", 10, 0, 5060, "tcp1.example.com."),
                srv("_sip._udp.example.com.", 0, 0, 5060, "udp.example.com."),
                a("tls.example.com.", "192.0.2.1"), a("tcp1.example.com.", "192.0.2.2"),
                a("tcp2.example.com.", "192.0.2.3"), a("udp.example.com.", "192.0.2.4"));
        List<Target> targets = resolve("sip:bob@example.com");
        assertEquals("TLS 192.0.2.1:5061, TCP 192.0.2.2:5060, TCP 192.0.2.3:5060, UDP 192.0.2.4:5060", show(targets));
        // RFC 5922 §4: the certificate is checked against the URI's domain, not the SRV target
        assertEquals("example.com", targets.get(0).address().getHostString());
    }

    @Test
    void rfc3263_4_1_sipsUri_usesOnlySipsD2t() throws Exception {
        dns.add(naptr("example.com.", 10, 10, "SIP+D2U", "_sip._udp.example.com."),
                naptr("example.com.", 20, 10, "SIPS+D2T", "_sips._tcp.example.com."),
                srv("_sip._udp.example.com.", 0, 0, 5060, "udp.example.com."),
                srv("_sips._tcp.example.com.", 0, 0, 5061, "tls.example.com."),
                a("udp.example.com.", "192.0.2.4"), a("tls.example.com.", "192.0.2.1"));
        assertEquals("TLS 192.0.2.1:5061", show(resolve("sips:bob@example.com")));
    }

    @Test
    void rfc3263_4_1_noNaptr_queriesSrvPerTransport() throws Exception {
        dns.add(srv("_sip._tcp.example.org.", 0, 0, 5060, "sip.example.org."),
                srv("_sips._tcp.example.org.", 0, 0, 5061, "sip.example.org."),
                a("sip.example.org.", "198.51.100.7"));
        assertEquals("TCP 198.51.100.7:5060, TLS 198.51.100.7:5061", show(resolve("sip:example.org")));
        assertTrue(dns.queries.contains("NAPTR example.org."), dns.queries.toString());
        assertTrue(dns.queries.contains("SRV _sip._udp.example.org."), dns.queries.toString());
    }

    @Test
    void rfc3263_4_2_transportParam_queriesThatSrvOnly() throws Exception {
        dns.add(srv("_sip._tcp.example.org.", 0, 0, 5070, "sip.example.org."),
                srv("_sip._udp.example.org.", 0, 0, 5060, "sip.example.org."),
                a("sip.example.org.", "198.51.100.7"));
        assertEquals("TCP 198.51.100.7:5070", show(resolve("sip:example.org;transport=tcp")));
        assertTrue(dns.queries.stream().noneMatch(q -> q.startsWith("NAPTR")), dns.queries.toString());
    }

    @Test
    void rfc3263_4_2_noSrv_fallsBackToAWithDefaultPort() throws Exception {
        dns.add(a("host.example.net.", "203.0.113.5"));
        assertEquals("UDP 203.0.113.5:5060", show(resolve("sip:host.example.net")));
        assertEquals("TLS 203.0.113.5:5061", show(resolve("sips:host.example.net")));
    }

    @Test
    void rfc3261_19_1_1_maddr_replacesHost() throws Exception {
        dns.add(a("proxy.example.net.", "203.0.113.9"));
        assertEquals("UDP 192.0.2.99:5060", show(resolve("sip:bob@example.net;maddr=192.0.2.99")));
    }

    @Test
    void rfc2782_srvDeadTarget_isSkipped() throws Exception {
        dns.add(srv("_sip._udp.example.com.", 0, 0, 5060, "."),
                srv("_sip._udp.example.com.", 1, 0, 5060, "b.example.com."),
                a("b.example.com.", "192.0.2.8"));
        assertEquals("UDP 192.0.2.8:5060", show(resolve("sip:example.com;transport=udp")));
    }

    @Test
    void rfc3263_4_3_oneFailingAlternative_doesNotHideTheOthers() throws Exception {
        dns.add(srv("_sip._udp.example.com.", 0, 0, 5060, "u.example.com."), a("u.example.com.", "192.0.2.8"))
                .failing(n("_sip._tcp.example.com."));
        assertEquals("UDP 192.0.2.8:5060", show(resolve("sip:example.com")));
    }

    @Test
    void rfc7118_5_2_invalidHost_isNeverResolved() {
        for (String uri : List.of("sip:df7jal23ls0d.invalid;transport=ws", "sip:alice@abc.INVALID", "sip:x.invalid.:5060")) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> resolve(uri), uri);
            assertInstanceOf(TargetResolutionException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains(".invalid"), e.getCause().getMessage());
        }
        assertTrue(dns.queries.isEmpty(), "nothing was sent to DNS: " + dns.queries);
    }

    @Test
    void rfc3263_unknownName_failsWithClearError() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> resolve("sip:nowhere.example"));
        assertInstanceOf(TargetResolutionException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("no DNS records for nowhere.example"), e.getCause().getMessage());
    }

    @Test
    void rfc3261_26_2_2_sipsWithUdp_andWsTransport_areRefused() {
        ExecutionException udp = assertThrows(ExecutionException.class, () -> resolve("sips:a@example.com;transport=udp"));
        assertInstanceOf(TargetResolutionException.class, udp.getCause());
        ExecutionException ws = assertThrows(ExecutionException.class, () -> resolve("sip:a@192.0.2.1;transport=ws"));
        assertInstanceOf(TargetResolutionException.class, ws.getCause());
    }

    @Test
    void rfc3263_sipsUriWithTransportTcp_meansTls() throws Exception {
        assertEquals(Transport.TLS, resolve("sips:a@192.0.2.1;transport=tcp").get(0).transport());
    }
}
