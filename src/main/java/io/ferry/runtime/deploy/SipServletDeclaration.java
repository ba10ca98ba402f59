package io.ferry.runtime.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One servlet of a SIP application, from {@code @SipServlet}, sip.xml, or both (sip.xml wins for
 * what it declares).
 *
 * @param name          servlet name, unique in the WAR
 * @param servletClass  a subclass of {@code javax.servlet.sip.SipServlet}
 * @param loadOnStartup load order, if non-negative (a negative or absent value lets the container choose)
 * @param description   {@code @SipServlet.description}, or sip.xml's display-name, if any
 * @param initParams    sip.xml {@code init-param}s
 */
public record SipServletDeclaration(String name, Class<? extends javax.servlet.sip.SipServlet> servletClass,
                                    OptionalInt loadOnStartup, Optional<String> description,
                                    Map<String, String> initParams) {

    public SipServletDeclaration {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("servlet without name");
        if (servletClass == null) throw new IllegalArgumentException("servlet without class");
        loadOnStartup = loadOnStartup == null || (loadOnStartup.isPresent() && loadOnStartup.getAsInt() < 0)
                ? OptionalInt.empty() : loadOnStartup;
        description = description == null ? Optional.empty() : description;
        initParams = Collections.unmodifiableMap(new LinkedHashMap<>(initParams));
    }
}
