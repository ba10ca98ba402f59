package io.ferry.runtime.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipResourceInjectionTest {

    @Test
    void jsr289_18_resourceFieldsAndSetters_ofSipServiceTypes_areFound_superclassFirst() {
        List<SipResourcePoint> points = SipResourceInjection.points(TestComponents.Injected.class);
        List<String> names = points.stream().map(SipResourcePoint::referenceName).toList();
        // Java EE 5.2.5 default names: <declaring class>/<field or property>; @Resource(name) wins
        assertEquals(List.of(
                TestComponents.Base.class.getName() + "/inherited",
                TestComponents.Injected.class.getName() + "/factory",
                "sip/timers",
                TestComponents.Injected.class.getName() + "/sessions"), names);
    }

    @Test
    void jsr289_18_inject_setsEachPointToTheApplicationsService_andLeavesOthersAlone() throws Exception {
        FakeApplicationHandle handle = new FakeApplicationHandle("app", new ArrayList<>());
        TestComponents.Injected target = new TestComponents.Injected();
        SipResourceInjection.inject(target, handle);
        assertSame(handle.sipFactory(), target.factory);
        assertSame(handle.timerService(), target.timers);
        assertSame(handle.sipSessionsUtil(), target.viaSetter);
        assertSame(handle.sipSessionsUtil(), target.inherited());
        assertNull(TestComponents.Injected.staticFactory, "static members are not injected (JSR 250)");
        assertNull(target.unrelated, "a @Resource of another type is the web container's");
    }

    @Test
    void jsr289_18_overriddenSetter_isInjectedOnce_throughTheOverride() throws Exception {
        List<String> names = SipResourceInjection.points(TestComponents.Overriding.class).stream()
                .map(SipResourcePoint::referenceName).toList();
        assertEquals(List.of(
                TestComponents.Base.class.getName() + "/inherited",
                TestComponents.Injected.class.getName() + "/factory",
                "sip/timers",
                TestComponents.Overriding.class.getName() + "/sessions"), names);
        TestComponents.Overriding target = new TestComponents.Overriding();
        FakeApplicationHandle handle = new FakeApplicationHandle("app", new ArrayList<>());
        SipResourceInjection.inject(target, handle);
        assertEquals(1, target.calls);
        assertSame(handle.sipSessionsUtil(), target.viaSetter);
    }

    @Test
    void jsr289_18_classWithoutSipResources_hasNoPoints() {
        assertEquals(List.of(), SipResourceInjection.points(javax.servlet.sip.SipServlet.class));
    }
}
