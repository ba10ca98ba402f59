package io.ferry.runtime.container;

import java.time.Duration;
import java.util.List;

/**
 * The container's settings for one node.
 *
 * @param nodeId    the node id (used in generated session ids)
 * @param host      the host name Ferry puts in the URIs it generates (Contact, Via and Call-ID fallback)
 * @param supported the option tags Ferry supports (ServletContext attribute {@code javax.servlet.sip.supported})
 * @param t1        RFC 3261 T1 (2xx retransmission by the UAS core, §13.3.1.4)
 * @param t2        RFC 3261 T2
 */
public record ContainerSettings(String nodeId, String host, List<String> supported, Duration t1, Duration t2) {

    public ContainerSettings {
        if (nodeId == null || nodeId.isBlank()) throw new IllegalArgumentException("node id is empty");
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is empty");
        supported = List.copyOf(supported);
        if (t1 == null || t1.isNegative() || t1.isZero()) throw new IllegalArgumentException("T1 must be positive");
        if (t2 == null || t2.compareTo(t1) < 0) throw new IllegalArgumentException("T2 must be at least T1");
    }

    /** Settings with RFC 3261's default timers (T1 500 ms, T2 4 s). */
    public ContainerSettings(String nodeId, String host, List<String> supported) {
        this(nodeId, host, supported, Duration.ofMillis(500), Duration.ofSeconds(4));
    }
}
