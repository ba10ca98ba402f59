package io.ferry.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ferry.runtime.deploy.ServletSelection;
import io.ferry.runtime.deploy.SipApplicationDefinition;
import io.ferry.runtime.deploy.SipApplicationModel;
import io.ferry.runtime.deploy.SipDeploymentException;
import io.ferry.runtime.deploy.SipListenerDeclaration;
import io.ferry.runtime.deploy.SipListenerType;
import io.ferry.runtime.deploy.SipServletDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.servlet.sip.SipServlet;
import org.junit.jupiter.api.Test;

class SipApplicationsTest {

    private final List<String> events = new ArrayList<>();
    private final Map<String, FakeApplicationHandle> handles = new LinkedHashMap<>();
    private final FakeServletContext war = new FakeServletContext("ferry");
    private final ContainerAttributes attributes = new ContainerAttributes(List.of(), List.of("3261"), List.of(), Optional.empty());

    private static SipServletDeclaration servlet(String name, Class<? extends SipServlet> type, Integer loadOnStartup) {
        return new SipServletDeclaration(name, type, loadOnStartup == null ? OptionalInt.empty() : OptionalInt.of(loadOnStartup),
                Optional.empty(), Map.of("param", name + "-value"));
    }

    private static SipApplicationDefinition app(String name, List<SipServletDeclaration> servlets, List<SipListenerDeclaration> listeners) {
        return new SipApplicationDefinition(name, name, Optional.empty(), false, 3, 180, servlets,
                new ServletSelection.MainServlet(servlets.get(0).name()), listeners, Optional.empty(), Map.of("ctx", name));
    }

    private static SipListenerDeclaration servletListener() {
        return new SipListenerDeclaration(TestComponents.ServletListener.class, Set.of(SipListenerType.SERVLET), Optional.empty());
    }

    private SipApplications start(SipApplicationDefinition... apps) {
        return SipApplications.start(new SipApplicationModel(List.of(apps)), war.context(), getClass().getClassLoader(),
                (definition, context, loader) -> {
                    events.add("register " + definition.name());
                    FakeApplicationHandle h = new FakeApplicationHandle(definition.name(), events);
                    handles.put(definition.name(), h);
                    return h;
                }, attributes, new FakeComponentFactory(events));
    }

    @Test
    void servlet4_loadOnStartup_lowerFirst_thenServletsWithoutValue_tiesByName() {
        List<SipServletDeclaration> order = SipApplications.initOrder(List.of(
                servlet("c", TestComponents.First.class, null), servlet("a", TestComponents.First.class, 5),
                servlet("b", TestComponents.First.class, 1), servlet("d", TestComponents.First.class, null),
                servlet("e", TestComponents.First.class, 1), servlet("f", TestComponents.First.class, 0)));
        assertEquals(List.of("f", "b", "e", "a", "c", "d"), order.stream().map(SipServletDeclaration::name).toList());
    }

    @Test
    void start_registersThenListenersThenServletsInLoadOrder_thenStartsTheHandles() {
        start(app("one", List.of(servlet("late", TestComponents.First.class, null), servlet("early", TestComponents.Second.class, 2)),
                List.of(servletListener())));
        assertEquals(List.of("register one", "contextInitialized", "init early", "init late", "start one [early, late]"), events);
    }

    @Test
    void start_makesApplicationsRoutableOnlyOnceAllAreInitialised() {
        start(app("one", List.of(servlet("a", TestComponents.First.class, 1)), List.of()),
                app("two", List.of(servlet("b", TestComponents.Second.class, 1)), List.of()));
        assertEquals(List.of("register one", "init a", "register two", "init b", "start one [a]", "start two [b]"), events);
    }

    @Test
    void jsr289_servletsAreInitialisedWithTheApplicationsContextAndInitParams() {
        start(app("one", List.of(servlet("s", TestComponents.First.class, 1)), List.of()));
        FakeApplicationHandle h = handles.get("one");
        TestComponents.RecordingServlet s = (TestComponents.RecordingServlet) h.startedServlets.get("s");
        assertEquals("s", s.seenConfig.getServletName());
        assertEquals("s-value", s.getInitParameter("param"));
        assertSame(h.sipFactory(), s.getServletContext().getAttribute(SipServlet.SIP_FACTORY));
        assertEquals("one", s.getServletContext().getInitParameter("ctx"), "sip.xml context-param");
        assertSame(h.sipFactory(), s.sipFactory, "JSR 289 §18 @Resource SipFactory");
    }

    @Test
    void jsr289_18_listenersAreInjectedAndHandedToTheHandle() {
        start(app("one", List.of(servlet("s", TestComponents.First.class, 1)), List.of(servletListener())));
        FakeApplicationHandle h = handles.get("one");
        assertEquals(1, h.startedListeners.size());
        TestComponents.ServletListener l = (TestComponents.ServletListener) h.startedListeners.get(0);
        assertSame(h.timerService(), l.timerService);
    }

    @Test
    void jsr289_sipServletListener_isToldOfEachServlet_whenServletsInitializedIsCalled() {
        SipApplications apps = start(app("one", List.of(servlet("a", TestComponents.First.class, 1),
                servlet("b", TestComponents.Second.class, 2)), List.of(servletListener())));
        events.clear();
        apps.servletsInitialized();
        assertEquals(List.of("servletInitialized a", "servletInitialized b"), events);
    }

    @Test
    void stop_undeploysInReverse_handleFirst_thenServletsInReverseInitOrder() {
        SipApplications apps = start(
                app("one", List.of(servlet("a", TestComponents.First.class, 1)), List.of()),
                app("two", List.of(servlet("b", TestComponents.Second.class, 1), servlet("c", TestComponents.Third.class, 2)),
                        List.of(servletListener())));
        events.clear();
        apps.stop();
        apps.stop();
        assertEquals(List.of("stop two", "destroy c", "destroy b", "contextDestroyed",
                "release Third", "release Second", "release ServletListener",
                "stop one", "destroy a", "release First"), events);
    }

    @Test
    void failingInit_failsTheDeployment_namingTheServlet_andUndeploysEverything() {
        SipDeploymentException e = assertThrows(SipDeploymentException.class, () -> start(
                app("one", List.of(servlet("a", TestComponents.First.class, 1)), List.of()),
                app("two", List.of(servlet("ok", TestComponents.Second.class, 1), servlet("bad", TestComponents.Failing.class, 2)),
                        List.of())));
        assertTrue(e.getMessage().contains("two") && e.getMessage().contains("bad") && e.getMessage().contains("cannot start"),
                e.getMessage());
        assertEquals(1, handles.get("one").stops);
        assertEquals(1, handles.get("two").stops);
        assertTrue(events.containsAll(List.of("destroy ok", "destroy a")), events.toString());
        assertTrue(events.stream().noneMatch(x -> x.startsWith("start ")), "no application was made routable: " + events);
    }
}
