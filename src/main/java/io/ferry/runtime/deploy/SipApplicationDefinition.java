package io.ferry.runtime.deploy;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One SIP application of a WAR, as the container deploys it: annotations and sip.xml combined
 * and checked by {@link SipApplicationModel#build}.
 *
 * @param name           the application name ({@code @SipApplication.name}, sip.xml {@code app-name},
 *                       or the WAR's default name); the Default Application Router routes by it
 * @param displayName    display name (sip.xml, else {@code @SipApplication.displayName}, else the name)
 * @param description    description, if any
 * @param distributable  declared distributable by the annotation or sip.xml
 * @param sessionTimeout application session timeout in minutes (sip.xml, else {@code @SipApplication},
 *                       else JSR 289's default of 3)
 * @param proxyTimeout   default proxy timeout in seconds (sip.xml, else {@code @SipApplication}, else 180)
 * @param servlets       servlets, sorted by name
 * @param selection      how initial requests choose a servlet: {@link ServletSelection.MainServlet} or
 *                       {@link ServletSelection.Mappings}, never {@link ServletSelection.Unspecified}
 * @param listeners      listeners: sip.xml's in document order, then annotated ones by class name
 * @param applicationKey the {@code @SipApplicationKey} method, if any (public, static, String, one SipServletRequest)
 * @param contextParams  sip.xml {@code context-param}s
 */
public record SipApplicationDefinition(String name, String displayName, Optional<String> description,
                                       boolean distributable, int sessionTimeout, int proxyTimeout,
                                       List<SipServletDeclaration> servlets, ServletSelection selection,
                                       List<SipListenerDeclaration> listeners, Optional<Method> applicationKey,
                                       Map<String, String> contextParams) {

    public SipApplicationDefinition {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("application without name");
        displayName = displayName == null || displayName.isEmpty() ? name : displayName;
        description = description == null ? Optional.empty() : description;
        servlets = List.copyOf(servlets);
        if (selection == null || selection instanceof ServletSelection.Unspecified)
            throw new IllegalArgumentException("application without servlet selection");
        listeners = List.copyOf(listeners);
        applicationKey = applicationKey == null ? Optional.empty() : applicationKey;
        contextParams = Collections.unmodifiableMap(new LinkedHashMap<>(contextParams));
    }

    /** The servlet named {@code servletName}. */
    public Optional<SipServletDeclaration> servlet(String servletName) {
        for (SipServletDeclaration s : servlets) if (s.name().equals(servletName)) return Optional.of(s);
        return Optional.empty();
    }

    /** The main servlet's name, when the application selects by main servlet. */
    public Optional<String> mainServlet() {
        return selection instanceof ServletSelection.MainServlet m ? Optional.of(m.servletName()) : Optional.empty();
    }

    /** The listeners that implement {@code type}. */
    public List<SipListenerDeclaration> listeners(SipListenerType type) {
        return listeners.stream().filter(l -> l.is(type)).toList();
    }
}
