package io.ferry.runtime.deploy;

import javax.servlet.sip.SipApplicationSessionActivationListener;
import javax.servlet.sip.SipApplicationSessionAttributeListener;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipSessionActivationListener;
import javax.servlet.sip.SipSessionAttributeListener;
import javax.servlet.sip.SipSessionListener;
import javax.servlet.sip.TimerListener;
import java.util.EnumSet;
import java.util.Set;

/**
 * The SIP listener interfaces the container registers (JSR 289 listeners). The binding listeners
 * are absent: they are implemented by attribute values, not registered.
 */
public enum SipListenerType {
    APPLICATION_SESSION(SipApplicationSessionListener.class),
    APPLICATION_SESSION_ATTRIBUTE(SipApplicationSessionAttributeListener.class),
    APPLICATION_SESSION_ACTIVATION(SipApplicationSessionActivationListener.class),
    SESSION(SipSessionListener.class),
    SESSION_ATTRIBUTE(SipSessionAttributeListener.class),
    SESSION_ACTIVATION(SipSessionActivationListener.class),
    ERROR(SipErrorListener.class),
    SERVLET(SipServletListener.class),
    TIMER(TimerListener.class);

    private final Class<?> type;

    SipListenerType(Class<?> type) {
        this.type = type;
    }

    /** The listener interface. */
    public Class<?> type() {
        return type;
    }

    /** The interfaces {@code listenerClass} implements. */
    public static Set<SipListenerType> of(Class<?> listenerClass) {
        Set<SipListenerType> out = EnumSet.noneOf(SipListenerType.class);
        for (SipListenerType t : values()) if (t.type.isAssignableFrom(listenerClass)) out.add(t);
        return out;
    }
}
