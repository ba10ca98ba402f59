package io.ferry.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipApplicationSessionAttributeListener;
import javax.servlet.sip.SipApplicationSessionBindingEvent;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionAttributeListener;
import javax.servlet.sip.SipSessionBindingEvent;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions of the container: listeners, invalidation, timers, encoded URIs and application keys (JSR 289 §6, §15.11). */
class ContainerSessionsTest {

    private static final String DAR = "MESSAGE: (\"app\", \"DAR:To\", \"TERMINATING\", \"\", \"NO_ROUTE\", \"0\")\n";

    private ContainerFixtures node;

    @AfterEach
    void close() {
        if (node != null) node.close();
    }

    /** Records every session and attribute event under its name. */
    static final class Listeners implements SipSessionListener, SipApplicationSessionListener, SipSessionAttributeListener,
            SipApplicationSessionAttributeListener, TimerListener {
        private final Recorder rec;

        Listeners(Recorder rec) {
            this.rec = rec;
        }

        @Override public void sessionCreated(SipSessionEvent se) { rec.record("sipSessionCreated", se.getSession()); }
        @Override public void sessionDestroyed(SipSessionEvent se) { rec.record("sipSessionDestroyed", se.getSession()); }
        @Override public void sessionReadyToInvalidate(SipSessionEvent se) { rec.record("sipSessionReady", se.getSession()); }
        @Override public void sessionCreated(SipApplicationSessionEvent ev) { rec.record("appSessionCreated", ev.getApplicationSession()); }
        @Override public void sessionDestroyed(SipApplicationSessionEvent ev) { rec.record("appSessionDestroyed", ev.getApplicationSession()); }
        @Override public void sessionExpired(SipApplicationSessionEvent ev) { rec.record("appSessionExpired", ev.getApplicationSession()); }
        @Override public void sessionReadyToInvalidate(SipApplicationSessionEvent ev) { rec.record("appSessionReady", ev.getApplicationSession()); }
        @Override public void attributeAdded(SipSessionBindingEvent ev) { rec.record("sipAttributeAdded", ev.getName()); }
        @Override public void attributeRemoved(SipSessionBindingEvent ev) { rec.record("sipAttributeRemoved", ev.getName()); }
        @Override public void attributeReplaced(SipSessionBindingEvent ev) { rec.record("sipAttributeReplaced", ev.getName()); }
        @Override public void attributeAdded(SipApplicationSessionBindingEvent ev) { rec.record("appAttributeAdded", ev.getName()); }
        @Override public void attributeRemoved(SipApplicationSessionBindingEvent ev) { rec.record("appAttributeRemoved", ev.getName()); }
        @Override public void attributeReplaced(SipApplicationSessionBindingEvent ev) { rec.record("appAttributeReplaced", ev.getName()); }
        @Override public void timeout(ServletTimer timer) { rec.record("timeout", timer.getInfo()); }
    }

    private ScriptedServlet deploy(Optional<java.lang.reflect.Method> key) {
        node = new ContainerFixtures(DAR);
        ScriptedServlet s = new ScriptedServlet(node.recorder, "");
        handle = node.deploy("app", key, s, List.of(new Listeners(node.recorder)));
        return s;
    }

    private io.ferry.runtime.container.ApplicationHandle handle;

    @Test
    void jsr289_6_2_4_invalidateWhenReady_messageTransactionCompleted_sessionsDestroyed() {
        ScriptedServlet s = deploy(Optional.empty());
        Recorder rec = node.recorder;
        s.on("MESSAGE", req -> {
            req.getSession().setAttribute("s", "1");
            req.getSession().setAttribute("s", "2");
            req.getApplicationSession().setAttribute("a", "1");
            req.createResponse(200).send();
        });
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").text(flow));
        flow.channel().awaitResponse(200, "MESSAGE");

        SipServletRequest req = rec.await("doMessage");
        assertSame(req.getSession(), rec.await("sipSessionCreated"));
        assertSame(req.getApplicationSession(), rec.await("appSessionCreated"));
        assertEquals("s", rec.await("sipAttributeAdded"));
        assertEquals("s", rec.await("sipAttributeReplaced"));
        assertEquals("a", rec.await("appAttributeAdded"));
        // JSR 289 §6.2.4.1.2: a non-dialog session is ready to invalidate once its transaction completed
        assertSame(req.getSession(), rec.await("sipSessionReady"));
        assertSame(req.getSession(), rec.await("sipSessionDestroyed"));
        assertEquals("s", rec.await("sipAttributeRemoved"));
        assertSame(req.getApplicationSession(), rec.await("appSessionDestroyed"));
        assertEquals("a", rec.await("appAttributeRemoved"));
        assertFalse(req.getSession().isValid());
        // sessionDestroyed and attributeRemoved come while the session is still valid; invalid right after
        awaitTrue(() -> !req.getApplicationSession().isValid(), "application session still valid");
    }

    @Test
    void jsr289_6_1_2_applicationSessionInvalidate_cancelsTimers() {
        deploy(Optional.empty());
        SipApplicationSession as = handle.sipFactory().createApplicationSession();
        ServletTimer t = handle.timerService().createTimer(as, 200, false, "late");
        ServletTimer probe = handle.timerService().createTimer(handle.sipFactory().createApplicationSession(), 400, false, "probe");
        assertEquals(List.of(t), List.copyOf(as.getTimers()));
        as.invalidate();
        assertFalse(as.isValid());
        assertThrows(IllegalStateException.class, as::getTimers);
        // the probe on another session fires after the cancelled timer's time: it alone times out
        assertEquals("probe", node.recorder.await("timeout"));
        assertEquals(1, node.recorder.count("timeout"));
        assertFalse(((io.ferry.runtime.timer.FerryServletTimer) t).isActive(), "JSR 289 §6.1.2.2: invalidation cancels the timers");
        assertFalse(((io.ferry.runtime.timer.FerryServletTimer) probe).isActive(), "a one-time timer that fired is no longer active");
    }

    @Test
    void jsr289_15_11_2_encodedUri_requestReachesTheSameApplicationSession() throws Exception {
        ScriptedServlet s = deploy(Optional.empty());
        s.on("MESSAGE", req -> req.createResponse(200).send());
        SipApplicationSession as = handle.sipFactory().createApplicationSession();
        as.setInvalidateWhenReady(false);
        SipURI uri = handle.sipFactory().createSipURI("svc", "ferry.test");
        as.encodeURI(uri);
        assertTrue(uri.toString().contains("sipappsessionid="), uri.toString());

        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", uri.toString()).to("<" + uri + ">").text(flow));
        flow.channel().awaitResponse(200, "MESSAGE");
        SipServletRequest req = node.recorder.await("doMessage");
        assertSame(as, req.getApplicationSession());
    }

    /** Polls {@code condition} (bounded: 5 s) for a state change that no event announces. */
    static void awaitTrue(java.util.function.BooleanSupplier condition, String message) {
        long deadline = System.currentTimeMillis() + FakeFlowChannel.WAIT_MS;
        java.util.concurrent.CountDownLatch tick = new java.util.concurrent.CountDownLatch(1);
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError(message);
            try {
                tick.await(5, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(message, e);
            }
        }
    }

    /** JSR 289 §15.11.3: the key is the To URI's user. */
    public static String keyOf(SipServletRequest request) {
        return ((SipURI) request.getTo().getURI()).getUser();
    }

    @Test
    void jsr289_15_11_3_sipApplicationKey_twoRequestsShareOneApplicationSession() throws Exception {
        ScriptedServlet s = deploy(Optional.of(ContainerSessionsTest.class.getMethod("keyOf", SipServletRequest.class)));
        s.on("MESSAGE", req -> {
            req.getApplicationSession().setInvalidateWhenReady(false);
            req.createResponse(200).send();
        });
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:conf1@ferry.test").to("<sip:conf1@ferry.test>").text(flow));
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:conf1@ferry.test").to("<sip:conf1@ferry.test>").text(flow));
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:conf2@ferry.test").to("<sip:conf2@ferry.test>").text(flow));
        List<SipServletRequest> reqs = node.recorder.awaitAll("doMessage", 3);
        SipServletRequest conf1 = reqs.stream().filter(r -> keyOf(r).equals("conf1")).findFirst().orElseThrow();
        SipServletRequest conf1b = reqs.stream().filter(r -> keyOf(r).equals("conf1") && r != conf1).findFirst().orElseThrow();
        SipServletRequest conf2 = reqs.stream().filter(r -> keyOf(r).equals("conf2")).findFirst().orElseThrow();
        assertSame(conf1.getApplicationSession(), conf1b.getApplicationSession());
        assertNotSame(conf1.getApplicationSession(), conf2.getApplicationSession());
        assertNotSame(conf1.getSession(), conf1b.getSession(), "two transactions outside a dialog: two SipSessions");
        assertSame(conf1.getApplicationSession(), handle.sipSessionsUtil().getApplicationSessionByKey("conf1", false));
    }

    @Test
    void jsr289_concurrency_requestsOfOneApplicationSession_neverRunAtOnce() throws Exception {
        ScriptedServlet s = deploy(Optional.of(ContainerSessionsTest.class.getMethod("keyOf", SipServletRequest.class)));
        java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        s.on("MESSAGE", req -> {
            req.getApplicationSession().setInvalidateWhenReady(false);
            int now = active.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            for (int i = 0; i < 1000; i++) Thread.onSpinWait();
            active.decrementAndGet();
            req.createResponse(200).send();
        });
        FakeFlow flow = node.udp();
        int n = 30;
        for (int i = 0; i < n; i++) {
            node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:room@ferry.test").to("<sip:room@ferry.test>").text(flow));
        }
        flow.channel().awaitCount(FakeFlowChannel.isResponse(200, "MESSAGE"), n);
        assertEquals(1, most.get(), "two requests of one application session ran at once");
        List<SipServletRequest> reqs = node.recorder.awaitAll("doMessage", n);
        assertEquals(1, reqs.stream().map(SipServletRequest::getApplicationSession).distinct().count());
    }

    @Test
    void jsr289_15_11_3_keyedSessionInvalidatedWhenReady_nextRequestGetsAValidSession() throws Exception {
        ScriptedServlet s = deploy(Optional.of(ContainerSessionsTest.class.getMethod("keyOf", SipServletRequest.class)));
        s.on("MESSAGE", req -> {
            req.getApplicationSession().setAttribute("seen", Boolean.TRUE);
            req.createResponse(200).send();
        });
        FakeFlow flow = node.udp();
        int n = 40;
        for (int i = 0; i < n; i++) {
            node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:room@ferry.test").to("<sip:room@ferry.test>").text(flow));
        }
        flow.channel().awaitCount(m -> m instanceof io.ferry.sip.SipResponse r && r.status() >= 200, n);
        assertEquals(n, flow.channel().matching(FakeFlowChannel.isResponse(200, "MESSAGE")).size(),
                "a request was dispatched into an invalidated application session: " + flow.channel().summary());
    }

    @Test
    void jsr289_6_1_2_2_pendingTimer_keepsApplicationSession_untilItFires() throws Exception {
        ScriptedServlet s = deploy(Optional.empty());
        Recorder rec = node.recorder;
        s.on("MESSAGE", req -> {
            handle.timerService().createTimer(req.getApplicationSession(), 300, false, "later");
            req.createResponse(200).send();
        });
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").text(flow));
        flow.channel().awaitResponse(200, "MESSAGE");
        SipServletRequest req = rec.await("doMessage");
        rec.await("sipSessionDestroyed");
        assertEquals(0, rec.count("appSessionDestroyed"), "JSR 289 §6.1.2.2.2: a pending timer keeps the application session");
        assertEquals("later", rec.await("timeout"));
        assertSame(req.getApplicationSession(), rec.await("appSessionDestroyed"));
        assertEquals(List.of("timeout", "appSessionReady", "appSessionDestroyed"),
                rec.labels().stream().filter(l -> l.equals("timeout") || l.startsWith("appSession") && !l.equals("appSessionCreated")).toList());
    }

    @Test
    void jsr289_6_2_4_1_2_answerLaterFromAnotherThread_sessionKeptUntilAnswered() throws Exception {
        ScriptedServlet s = deploy(Optional.empty());
        s.on("MESSAGE", req -> { });
        FakeFlow flow = node.udp();
        node.receive(flow, ContainerFixtures.request("MESSAGE", "sip:bob@ferry.test").text(flow));
        SipServletRequest req = node.recorder.await("doMessage");
        assertTrue(req.getSession().isValid(), "a session with a pending transaction is not ready to invalidate");
        req.createResponse(200).send();
        flow.channel().awaitResponse(200, "MESSAGE");
        assertSame(req.getSession(), node.recorder.await("sipSessionDestroyed"));
    }
}
