package io.ferry.runtime.lifecycle;

import io.ferry.flow.SipFlows;
import io.ferry.runtime.container.ApplicationHandle;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.servlet.ServletContext;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipURI;

/**
 * The ServletContext one SIP application sees: the WAR's context, plus the attributes JSR 289
 * defines for SIP applications (the {@code SipServlet} constants: {@code javax.servlet.sip.SipFactory},
 * {@code .TimerService}, {@code .SipSessionsUtil}, {@code .supported}, {@code .supportedRfcs},
 * {@code .100rel}, {@code .outboundInterfaces}), Ferry's {@link SipFlows#CONTEXT_ATTRIBUTE}, and
 * the application's sip.xml {@code context-param}s. Everything else goes to the WAR's context,
 * which all applications of the WAR share.
 *
 * <p>The container attributes are read-only: {@code setAttribute} and {@code removeAttribute} of
 * one of their names throw {@code IllegalArgumentException}, so that an application cannot replace
 * its SipFactory for the other components of the application.
 */
public final class SipApplicationContext implements InvocationHandler {

    private final ServletContext war;
    private final String applicationName;
    private final Map<String, String> contextParams;
    private final ServletContext proxy;
    private volatile Map<String, Object> containerAttributes = Map.of();

    /**
     * @param war             the WAR's ServletContext
     * @param applicationName the SIP application's name (for toString and messages)
     * @param contextParams   the application's sip.xml context-params; they hide WAR init parameters of the same name
     */
    public SipApplicationContext(ServletContext war, String applicationName, Map<String, String> contextParams) {
        this.war = war;
        this.applicationName = applicationName;
        this.contextParams = Collections.unmodifiableMap(new LinkedHashMap<>(contextParams));
        this.proxy = (ServletContext) Proxy.newProxyInstance(SipApplicationContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, this);
    }

    /** The per-application ServletContext. */
    public ServletContext context() {
        return proxy;
    }

    /** Adds the container attributes, once the application is registered and its services exist. */
    public void attach(ApplicationHandle handle, ContainerAttributes attributes) {
        containerAttributes = containerAttributes(handle, attributes);
    }

    /** The JSR 289 attributes (and Ferry's flow directory) for {@code handle}, by name. */
    static Map<String, Object> containerAttributes(ApplicationHandle handle, ContainerAttributes attributes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(SipServlet.SIP_FACTORY, handle.sipFactory());
        m.put(SipServlet.TIMER_SERVICE, handle.timerService());
        m.put(SipServlet.SIP_SESSIONS_UTIL, handle.sipSessionsUtil());
        m.put(SipServlet.SUPPORTED, attributes.supported());
        m.put(SipServlet.SUPPORTED_RFCs, attributes.supportedRfcs());
        // deprecated by JSR 289 in favour of "supported", still read by JSR 116 applications
        m.put(SipServlet.PRACK_SUPPORTED, attributes.supported().contains("100rel"));
        m.put(SipServlet.OUTBOUND_INTERFACES, outboundInterfaces(handle.sipFactory(), attributes.outboundInterfaces()));
        attributes.flows().ifPresent(f -> m.put(SipFlows.CONTEXT_ATTRIBUTE, f));
        return Collections.unmodifiableMap(m);
    }

    private static List<SipURI> outboundInterfaces(SipFactory factory, List<ContainerAttributes.OutboundInterface> interfaces) {
        List<SipURI> out = new ArrayList<>();
        for (ContainerAttributes.OutboundInterface i : interfaces) {
            SipURI uri = factory.createSipURI(null, i.host());
            uri.setPort(i.port());
            uri.setTransportParam(i.transport().toLowerCase(Locale.ROOT));
            out.add(uri);
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public Object invoke(Object self, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        int n = method.getParameterCount();
        if (method.getDeclaringClass() == Object.class) {
            return switch (name) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "SipApplicationContext[" + applicationName + " in " + war.getContextPath() + "]";
            };
        }
        Map<String, Object> attrs = containerAttributes;
        switch (name) {
            case "getAttribute" -> {
                if (n == 1 && attrs.containsKey((String) args[0])) return attrs.get((String) args[0]);
            }
            case "getAttributeNames" -> {
                if (n == 0) return union(war.getAttributeNames(), attrs.keySet());
            }
            case "setAttribute", "removeAttribute" -> {
                if (args != null && args.length > 0 && attrs.containsKey((String) args[0])) {
                    throw new IllegalArgumentException(args[0] + " is set by the SIP container and cannot be changed");
                }
            }
            case "getInitParameter" -> {
                if (n == 1 && contextParams.containsKey((String) args[0])) return contextParams.get((String) args[0]);
            }
            case "getInitParameterNames" -> {
                if (n == 0) return union(war.getInitParameterNames(), contextParams.keySet());
            }
            case "setInitParameter" -> {
                // Servlet 4 §4.4.1: false when a parameter of that name exists
                if (n == 2 && contextParams.containsKey((String) args[0])) return false;
            }
            default -> {
            }
        }
        try {
            return method.invoke(war, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Enumeration<String> union(Enumeration<String> first, Set<String> more) {
        Set<String> all = new LinkedHashSet<>(more);
        if (first != null) while (first.hasMoreElements()) all.add(first.nextElement());
        return Collections.enumeration(all);
    }
}
