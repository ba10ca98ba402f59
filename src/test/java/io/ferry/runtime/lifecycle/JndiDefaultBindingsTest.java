package io.ferry.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.naming.Context;
import javax.naming.ContextNotEmptyException;
import javax.naming.NameAlreadyBoundException;
import javax.naming.NameNotFoundException;
import javax.naming.OperationNotSupportedException;
import org.junit.jupiter.api.Test;

class JndiDefaultBindingsTest {

    /** A naming context with string names, subcontexts that must exist before a bind, and Liberty's errors. */
    private static final class FakeNaming {
        final Map<String, Object> bindings = new TreeMap<>();
        final Set<String> contexts = new TreeSet<>();
        boolean refuse;

        Context context() {
            return (Context) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Context.class}, (p, m, a) -> {
                String name = a != null && a.length > 0 && a[0] instanceof String s ? s : null;
                switch (m.getName()) {
                    case "lookup" -> {
                        if (contexts.contains(name)) return p;
                        if (bindings.containsKey(name)) return bindings.get(name);
                        throw new NameNotFoundException(name);
                    }
                    case "createSubcontext" -> {
                        if (refuse) throw new OperationNotSupportedException("read-only");
                        if (!contexts.add(name)) throw new NameAlreadyBoundException(name);
                        return null;
                    }
                    case "bind" -> {
                        if (refuse) throw new OperationNotSupportedException("read-only");
                        int slash = name.lastIndexOf('/');
                        if (slash > 0 && !contexts.contains(name.substring(0, slash))) {
                            throw new NameNotFoundException("Intermediate context does not exist: " + name);
                        }
                        if (bindings.putIfAbsent(name, a[1]) != null) throw new NameAlreadyBoundException(name);
                        return null;
                    }
                    case "unbind" -> {
                        bindings.remove(name);
                        return null;
                    }
                    case "destroySubcontext" -> {
                        boolean used = bindings.keySet().stream().anyMatch(k -> k.startsWith(name + "/"))
                                || contexts.stream().anyMatch(k -> k.startsWith(name + "/"));
                        if (used) throw new ContextNotEmptyException(name);
                        contexts.remove(name);
                        return null;
                    }
                    case "close" -> {
                        return null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                }
            });
        }
    }

    private final FakeNaming naming = new FakeNaming();
    private final FakeApplicationHandle handle = new FakeApplicationHandle("app", new ArrayList<>());

    @Test
    void defaultBindingNames_areBoundToTheApplicationsServices_whileOpen_andGoneAfterClose() throws Exception {
        String injected = TestComponents.Injected.class.getName();
        try (JndiDefaultBindings b = JndiDefaultBindings.bind(SipResourceInjection.points(TestComponents.Injected.class), handle,
                naming::context)) {
            assertSame(handle.sipFactory(), naming.bindings.get(injected + "/factory"));
            assertSame(handle.timerService(), naming.bindings.get("sip/timers"));
            assertSame(handle.sipSessionsUtil(), naming.bindings.get(injected + "/sessions"));
            assertSame(handle.sipSessionsUtil(), naming.bindings.get(TestComponents.Base.class.getName() + "/inherited"));
            assertTrue(naming.contexts.contains("sip") && naming.contexts.contains(injected), naming.contexts.toString());
        }
        assertEquals(Map.of(), naming.bindings);
        assertEquals(Set.of(), naming.contexts);
    }

    @Test
    void aContextThatExistedBefore_isLeftInPlace() throws Exception {
        naming.contexts.add("sip");
        naming.bindings.put("sip/other", "someone else's");
        try (JndiDefaultBindings b = JndiDefaultBindings.bind(SipResourceInjection.points(TestComponents.Injected.class), handle,
                naming::context)) {
            assertSame(handle.timerService(), naming.bindings.get("sip/timers"));
        }
        assertEquals(Map.of("sip/other", "someone else's"), naming.bindings);
        assertEquals(Set.of("sip"), naming.contexts);
    }

    @Test
    void aReferenceWithLookup_isLeftToTheServer() throws Exception {
        try (JndiDefaultBindings b = JndiDefaultBindings.bind(SipResourceInjection.points(TestComponents.LookedUp.class), handle,
                naming::context)) {
            assertEquals(Map.of(), naming.bindings);
        }
    }

    @Test
    void aServerThatRefusesBinding_getsNothingBound_andNoError() throws Exception {
        naming.refuse = true;
        try (JndiDefaultBindings b = JndiDefaultBindings.bind(SipResourceInjection.points(TestComponents.Injected.class), handle,
                naming::context)) {
            assertEquals(Map.of(), naming.bindings);
        }
    }
}
