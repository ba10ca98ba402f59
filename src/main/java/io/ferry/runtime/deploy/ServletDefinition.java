package io.ferry.runtime.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code <servlet>} of sip.xml (sip-app 1.1 schema).
 *
 * @param name          {@code servlet-name}, unique in the application
 * @param servletClass  {@code servlet-class}
 * @param displayName   {@code display-name}, if any
 * @param initParams    {@code init-param}s in document order
 * @param loadOnStartup {@code load-on-startup}, if given (Servlet 4 §14.4: a negative or absent
 *                      value lets the container choose)
 */
public record ServletDefinition(String name, String servletClass, Optional<String> displayName,
                                Map<String, String> initParams, OptionalInt loadOnStartup) {

    public ServletDefinition {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("servlet without name");
        if (servletClass == null || servletClass.isEmpty()) throw new IllegalArgumentException("servlet without class");
        displayName = displayName == null ? Optional.empty() : displayName;
        initParams = Collections.unmodifiableMap(new LinkedHashMap<>(initParams));
        loadOnStartup = loadOnStartup == null ? OptionalInt.empty() : loadOnStartup;
    }
}
