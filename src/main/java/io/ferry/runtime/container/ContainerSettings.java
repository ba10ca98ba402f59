package io.ferry.runtime.container;

import java.util.List;

/**
 * The container's settings for one node.
 *
 * @param nodeId    the node id (used in generated tags, Call-IDs and session ids)
 * @param host      the host name Ferry puts in the URIs it generates (Contact, Via sent-by fallback)
 * @param supported the option tags Ferry supports (ServletContext attribute {@code javax.servlet.sip.supported})
 */
public record ContainerSettings(String nodeId, String host, List<String> supported) {

    public ContainerSettings {
        if (nodeId == null || nodeId.isBlank()) throw new IllegalArgumentException("node id is empty");
        if (host == null || host.isBlank()) throw new IllegalArgumentException("host is empty");
        supported = List.copyOf(supported);
    }
}
