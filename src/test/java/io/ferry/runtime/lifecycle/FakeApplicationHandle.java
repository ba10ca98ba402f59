package io.ferry.runtime.lifecycle;

import io.ferry.runtime.api.AddressFactory;
import io.ferry.runtime.container.ApplicationHandle;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.EventListener;
import java.util.List;
import java.util.Map;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.TimerService;

/**
 * An ApplicationHandle whose services are distinct stand-ins (SipFactory creates real SIP URIs
 * through AddressFactory; other methods are unsupported) and which records start and stop in
 * a shared event list.
 */
public final class FakeApplicationHandle implements ApplicationHandle {

    private final String name;
    private final List<String> events;
    private final SipFactory sipFactory;
    private final TimerService timerService;
    private final SipSessionsUtil sipSessionsUtil;
    public Map<String, SipServlet> startedServlets;
    public List<EventListener> startedListeners = new ArrayList<>();
    public int stops;

    public FakeApplicationHandle(String name, List<String> events) {
        this.name = name;
        this.events = events;
        this.sipFactory = stub(SipFactory.class, name);
        this.timerService = stub(TimerService.class, name);
        this.sipSessionsUtil = stub(SipSessionsUtil.class, name);
    }

    private static <T> T stub(Class<T> type, String app) {
        return type.cast(Proxy.newProxyInstance(FakeApplicationHandle.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) ->
                switch (m.getName()) {
                    case "createSipURI" -> AddressFactory.createSipURI((String) a[0], (String) a[1]);
                    case "toString" -> type.getSimpleName() + "[" + app + "]";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName());
                }));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SipFactory sipFactory() {
        return sipFactory;
    }

    @Override
    public TimerService timerService() {
        return timerService;
    }

    @Override
    public SipSessionsUtil sipSessionsUtil() {
        return sipSessionsUtil;
    }

    @Override
    public void start(Map<String, SipServlet> servlets, List<EventListener> listeners) {
        startedServlets = servlets;
        startedListeners = listeners;
        events.add("start " + name + " " + servlets.keySet());
    }

    @Override
    public void stop() {
        stops++;
        events.add("stop " + name);
    }
}
