package io.ferry.runtime.deploy;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One listener of a SIP application, from {@code @SipListener} or sip.xml {@code <listener>}.
 *
 * @param listenerClass the class the container instantiates
 * @param types         the SIP listener interfaces it implements; empty only for a sip.xml listener
 *                      that implements other {@code java.util.EventListener}s (e.g. ServletContextListener)
 * @param description   {@code @SipListener.description}, if any
 */
public record SipListenerDeclaration(Class<?> listenerClass, Set<SipListenerType> types, Optional<String> description) {

    public SipListenerDeclaration {
        if (listenerClass == null) throw new IllegalArgumentException("listener without class");
        types = types.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(types));
        description = description == null ? Optional.empty() : description;
    }

    /** True when the listener implements {@code type}. */
    public boolean is(SipListenerType type) {
        return types.contains(type);
    }
}
