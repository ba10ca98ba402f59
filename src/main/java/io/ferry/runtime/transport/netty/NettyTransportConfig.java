package io.ferry.runtime.transport.netty;

import io.ferry.sip.SipLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the Netty SIP listeners (UDP, TCP, TLS) and of outgoing connections.
 *
 * @param bindHost              address the listeners bind to. Default {@code 0.0.0.0}
 * @param udpPort               UDP port; 0 picks an ephemeral port (tests). Default 5060
 * @param tcpPort               TCP port; 0 picks an ephemeral port. Default 5060
 * @param tlsPort               TLS port; 0 picks an ephemeral port. Default 5061
 * @param udpEnabled            listen on UDP. Default true
 * @param tcpEnabled            listen on TCP. Default true
 * @param tlsEnabled            listen on TLS (needs {@code tls}). Default false
 * @param tls                   certificates and client-certificate policy; also used by outgoing
 *                              TLS connections. Default empty
 * @param idleTimeout           a TCP/TLS connection without traffic in either direction for this
 *                              long is closed ({@code IDLE_TIMEOUT}); a UDP flow without traffic
 *                              for this long is forgotten. Default 10 minutes
 * @param maxOutboundQueueBytes bytes a flow may have queued but not yet written to the socket; past
 *                              it, sending fails and the flow closes as {@code SLOW_CONSUMER}. Default 1 MiB
 * @param maxDatagramFlows      UDP remote addresses tracked at once; datagrams from further new
 *                              addresses are dropped. Default 100,000
 * @param limits                message size limits, applied by the stream framer and to datagrams
 * @param workerThreads         I/O threads shared by all listeners and outgoing connections;
 *                              0 means the number of processors. Default 0
 * @param connectTimeout        outgoing TCP connect timeout (the TLS handshake has its own 10 s). Default 5 s
 * @param shutdownTimeout       how long {@code close()} waits for the event loops to stop. Default 5 s
 */
public record NettyTransportConfig(String bindHost, int udpPort, int tcpPort, int tlsPort,
                                   boolean udpEnabled, boolean tcpEnabled, boolean tlsEnabled,
                                   Optional<TlsConfig> tls, Duration idleTimeout, int maxOutboundQueueBytes,
                                   int maxDatagramFlows, SipLimits limits, int workerThreads,
                                   Duration connectTimeout, Duration shutdownTimeout) {

    public NettyTransportConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        requirePort("udpPort", udpPort);
        requirePort("tcpPort", tcpPort);
        requirePort("tlsPort", tlsPort);
        if (tlsEnabled && tls.isEmpty()) {
            throw new IllegalArgumentException("tlsEnabled: a TLS listener needs tls (a key store)");
        }
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("shutdownTimeout", shutdownTimeout);
        if (maxOutboundQueueBytes < limits.maxMessageBytes()) {
            throw new IllegalArgumentException("maxOutboundQueueBytes must hold one message (limits.maxMessageBytes="
                    + limits.maxMessageBytes() + "): " + maxOutboundQueueBytes);
        }
        if (maxDatagramFlows < 1) throw new IllegalArgumentException("maxDatagramFlows must be >= 1: " + maxDatagramFlows);
        if (workerThreads < 0) throw new IllegalArgumentException("workerThreads must be >= 0: " + workerThreads);
    }

    private static void requirePort(String key, int port) {
        if (port < 0 || port > 65535) throw new IllegalArgumentException(key + " must be 0..65535: " + port);
    }

    private static void requirePositive(String key, Duration d) {
        Objects.requireNonNull(d, key);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(key + " must be positive: " + d);
    }

    /** UDP and TCP on 0.0.0.0:5060, no TLS, the documented defaults. */
    public static NettyTransportConfig defaults() {
        return new NettyTransportConfig("0.0.0.0", 5060, 5060, 5061, true, true, false, Optional.empty(),
                Duration.ofMinutes(10), 1024 * 1024, 100_000, SipLimits.defaults(), 0,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** The I/O thread count after applying the 0 = processors rule. */
    public int effectiveWorkerThreads() {
        return workerThreads == 0 ? Runtime.getRuntime().availableProcessors() : workerThreads;
    }

    public NettyTransportConfig withBindHost(String v) {
        return new NettyTransportConfig(v, udpPort, tcpPort, tlsPort, udpEnabled, tcpEnabled, tlsEnabled, tls, idleTimeout,
                maxOutboundQueueBytes, maxDatagramFlows, limits, workerThreads, connectTimeout, shutdownTimeout);
    }

    /** Sets the UDP and TCP ports (SIP uses one port number for both). */
    public NettyTransportConfig withPorts(int udp, int tcp, int tlsP) {
        return new NettyTransportConfig(bindHost, udp, tcp, tlsP, udpEnabled, tcpEnabled, tlsEnabled, tls, idleTimeout,
                maxOutboundQueueBytes, maxDatagramFlows, limits, workerThreads, connectTimeout, shutdownTimeout);
    }

    public NettyTransportConfig withEnabled(boolean udp, boolean tcp, boolean tlsOn) {
        return new NettyTransportConfig(bindHost, udpPort, tcpPort, tlsPort, udp, tcp, tlsOn, tls, idleTimeout,
                maxOutboundQueueBytes, maxDatagramFlows, limits, workerThreads, connectTimeout, shutdownTimeout);
    }

    public NettyTransportConfig withTls(TlsConfig v) {
        return new NettyTransportConfig(bindHost, udpPort, tcpPort, tlsPort, udpEnabled, tcpEnabled, tlsEnabled, Optional.of(v),
                idleTimeout, maxOutboundQueueBytes, maxDatagramFlows, limits, workerThreads, connectTimeout, shutdownTimeout);
    }

    public NettyTransportConfig withIdleTimeout(Duration v) {
        return new NettyTransportConfig(bindHost, udpPort, tcpPort, tlsPort, udpEnabled, tcpEnabled, tlsEnabled, tls, v,
                maxOutboundQueueBytes, maxDatagramFlows, limits, workerThreads, connectTimeout, shutdownTimeout);
    }

    public NettyTransportConfig withMaxOutboundQueueBytes(int v) {
        return new NettyTransportConfig(bindHost, udpPort, tcpPort, tlsPort, udpEnabled, tcpEnabled, tlsEnabled, tls, idleTimeout,
                v, maxDatagramFlows, limits, workerThreads, connectTimeout, shutdownTimeout);
    }

    public NettyTransportConfig withMaxDatagramFlows(int v) {
        return new NettyTransportConfig(bindHost, udpPort, tcpPort, tlsPort, udpEnabled, tcpEnabled, tlsEnabled, tls, idleTimeout,
                maxOutboundQueueBytes, v, limits, workerThreads, connectTimeout, shutdownTimeout);
    }

    public NettyTransportConfig withLimits(SipLimits v) {
        return new NettyTransportConfig(bindHost, udpPort, tcpPort, tlsPort, udpEnabled, tcpEnabled, tlsEnabled, tls, idleTimeout,
                maxOutboundQueueBytes, maxDatagramFlows, v, workerThreads, connectTimeout, shutdownTimeout);
    }

    public NettyTransportConfig withWorkerThreads(int v) {
        return new NettyTransportConfig(bindHost, udpPort, tcpPort, tlsPort, udpEnabled, tcpEnabled, tlsEnabled, tls, idleTimeout,
                maxOutboundQueueBytes, maxDatagramFlows, limits, v, connectTimeout, shutdownTimeout);
    }

    public NettyTransportConfig withConnectTimeout(Duration v) {
        return new NettyTransportConfig(bindHost, udpPort, tcpPort, tlsPort, udpEnabled, tcpEnabled, tlsEnabled, tls, idleTimeout,
                maxOutboundQueueBytes, maxDatagramFlows, limits, workerThreads, v, shutdownTimeout);
    }

    public NettyTransportConfig withShutdownTimeout(Duration v) {
        return new NettyTransportConfig(bindHost, udpPort, tcpPort, tlsPort, udpEnabled, tcpEnabled, tlsEnabled, tls, idleTimeout,
                maxOutboundQueueBytes, maxDatagramFlows, limits, workerThreads, connectTimeout, v);
    }
}
