package io.ferry.runtime.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The content of {@code WEB-INF/sip.xml} (JSR 289, sip-app 1.1 schema; 1.0 descriptors are read
 * too). Immutable; built by {@link SipXmlParser}.
 *
 * @param version          {@code "1.1"} (namespace {@code http://www.jcp.org/xml/ns/sipservlet})
 *                         or {@code "1.0"} (the JSR 116 DTD, no namespace)
 * @param appName          {@code app-name} (JSR 289; absent in 1.0)
 * @param displayName      {@code display-name}
 * @param description      {@code description}
 * @param distributable    {@code <distributable/>} present
 * @param contextParams    {@code context-param}s in document order
 * @param listeners        {@code listener-class} names in document order
 * @param servlets         {@code servlet}s in document order
 * @param servletSelection main servlet or mapping rules
 * @param sessionTimeout   {@code session-config/session-timeout} in minutes, if given
 * @param proxyConfig      {@code proxy-config}, if present
 * @param ignoredElements  elements of the schema Ferry reads but does not act on (security,
 *                         JNDI references…), by name, so the deployer can be told
 */
public record SipAppDescriptor(String version, Optional<String> appName, Optional<String> displayName,
                               Optional<String> description, boolean distributable,
                               Map<String, String> contextParams, List<String> listeners,
                               List<ServletDefinition> servlets, ServletSelection servletSelection,
                               OptionalInt sessionTimeout, Optional<ProxyConfig> proxyConfig,
                               List<String> ignoredElements) {

    /** {@code <proxy-config>}: the default proxy timeout in seconds ({@code proxy-timeout}, 1.0 {@code sequential-search-timeout}). */
    public record ProxyConfig(OptionalInt proxyTimeout) {
        public ProxyConfig {
            proxyTimeout = proxyTimeout == null ? OptionalInt.empty() : proxyTimeout;
        }
    }

    public SipAppDescriptor {
        if (version == null) throw new IllegalArgumentException("version is null");
        contextParams = Collections.unmodifiableMap(new LinkedHashMap<>(contextParams));
        listeners = List.copyOf(listeners);
        servlets = List.copyOf(servlets);
        ignoredElements = List.copyOf(ignoredElements);
        if (servletSelection == null) servletSelection = new ServletSelection.Unspecified();
    }

    /** The servlet named {@code name}. */
    public Optional<ServletDefinition> servlet(String name) {
        for (ServletDefinition s : servlets) if (s.name().equals(name)) return Optional.of(s);
        return Optional.empty();
    }
}
