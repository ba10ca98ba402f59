package io.ferry.runtime.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import org.junit.jupiter.api.Test;

/** {@link FerryTimerService}: the rules of JSR 289 {@code TimerService.createTimer}. */
class FerryTimerServiceTest {

    private static final long WALL_MS = 1_764_000_000_000L;

    private final FakeTimerScheduler clock = new FakeTimerScheduler(42_000_000_000L);
    private final FerryTimerService service =
            new FerryTimerService(clock, Clock.fixed(Instant.ofEpochMilli(WALL_MS), ZoneOffset.UTC));
    private final RecordingTimerListener listener = new RecordingTimerListener(clock);

    @Test
    void jsr289_createTimer_invalidApplicationSession_throwsIllegalState() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);
        host.invalidate();

        assertThrows(IllegalStateException.class, () -> service.createTimer(host.session(), 10, false, null));
        assertThrows(IllegalStateException.class, () -> service.createTimer(host.session(), 10, 10, true, false, null));
        assertEquals(List.of(), host.events());
        assertEquals(0, clock.pending());
    }

    @Test
    void jsr289_timerService_applicationWithoutTimerListener_throwsIllegalState() {
        FakeTimerHost host = FakeTimerHost.inline();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> service.createTimer(host.session(), 10, false, null));
        assertTrue(e.getMessage().contains("TimerListener"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> service.createTimer(host.session(), 10, 10, false, false, null));
        assertEquals(List.of(), host.events());
        assertEquals(0, clock.pending());
    }

    @Test
    void createTimer_sessionOfAnotherContainer_throwsIllegalArgument() {
        SipApplicationSession foreign = (SipApplicationSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SipApplicationSession.class}, (p, m, a) -> {
                    throw new UnsupportedOperationException(m.getName());
                });

        assertThrows(IllegalArgumentException.class, () -> service.createTimer(foreign, 10, false, null));
        assertThrows(IllegalArgumentException.class, () -> service.createTimer(null, 10, false, null));
        assertThrows(IllegalArgumentException.class, () -> service.createTimer(null, 10, 10, false, false, null));
        assertEquals(0, clock.pending());
    }

    @Test
    void javaUtilTimer_negativeDelay_throwsIllegalArgument() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        assertThrows(IllegalArgumentException.class, () -> service.createTimer(host.session(), -1, false, null));
        assertThrows(IllegalArgumentException.class, () -> service.createTimer(host.session(), -1, 10, false, false, null));
        assertEquals(List.of(), host.events());
    }

    @Test
    void javaUtilTimer_periodNotPositive_throwsIllegalArgument() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        assertThrows(IllegalArgumentException.class, () -> service.createTimer(host.session(), 10, 0, false, false, null));
        assertThrows(IllegalArgumentException.class, () -> service.createTimer(host.session(), 10, -5, true, false, null));
        assertEquals(List.of(), host.events());
    }

    @Test
    void delayOrPeriodBeyondClockRange_throwsIllegalArgument() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        assertThrows(IllegalArgumentException.class, () -> service.createTimer(host.session(), Long.MAX_VALUE, false, null));
        assertThrows(IllegalArgumentException.class,
                () -> service.createTimer(host.session(), 10, FerryTimerService.MAX_MILLIS + 1, false, false, null));
        ServletTimer longest = service.createTimer(host.session(), FerryTimerService.MAX_MILLIS, false, null);
        assertEquals(FerryTimerService.MAX_MILLIS, longest.getTimeRemaining());
    }

    @Test
    void jsr289_getTimers_listsTimerFromCreationUntilItEnds() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 100, false, "x");

        assertEquals(List.of("scheduled " + timer.getId()), host.events());
        assertEquals(List.of(timer), List.copyOf(host.session().getTimers()));
        assertSame(timer, host.session().getTimer(timer.getId()));
        clock.advanceMillis(100);
        assertEquals(List.of("scheduled " + timer.getId(), "ended " + timer.getId()), host.events());
        assertTrue(host.session().getTimers().isEmpty());
        assertNull(host.session().getTimer(timer.getId()));
    }

    @Test
    void jsr289_zeroDelayTimer_isListedBeforeItCanEnd() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        ServletTimer timer = service.createTimer(host.session(), 0, false, null);
        clock.advanceMillis(0);

        assertEquals(1, listener.count());
        assertEquals(List.of("scheduled " + timer.getId(), "ended " + timer.getId()), host.events());
    }

    @Test
    void jsr289_1_1_getId_isUniqueAndStable() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);
        FerryTimerService other = new FerryTimerService(clock);
        Set<String> ids = new HashSet<>();

        for (int i = 0; i < 100; i++) {
            ServletTimer a = service.createTimer(host.session(), 1_000, false, null);
            ServletTimer b = other.createTimer(host.session(), 1_000, 1_000, true, false, null);
            assertTrue(ids.add(a.getId()), a.getId());
            assertTrue(ids.add(b.getId()), b.getId());
            assertEquals(a.getId(), a.getId());
        }
        ServletTimer first = host.activeTimers().iterator().next();
        String before = first.getId();
        clock.advanceMillis(1_000);
        first.cancel();
        assertEquals(before, first.getId());
    }

    @Test
    void jsr289_getInfoAndApplicationSession_areThoseGivenAtCreation() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);
        String info = "reminder #7";

        ServletTimer timer = service.createTimer(host.session(), 5, false, info);
        ServletTimer repeating = service.createTimer(host.session(), 5, 5, false, false, null);

        assertSame(info, timer.getInfo());
        assertNull(repeating.getInfo());
        assertSame(host.session(), timer.getApplicationSession());
        clock.advanceMillis(5);
        assertSame(info, listener.expirations().get(0).timer().getInfo());
    }

    @Test
    void isPersistent_flagIsAcceptedAndReported() {
        FakeTimerHost host = FakeTimerHost.inline().withListener(listener);

        FerryServletTimer persistent = assertInstanceOf(FerryServletTimer.class,
                service.createTimer(host.session(), 5, true, null));
        FerryServletTimer transientTimer = assertInstanceOf(FerryServletTimer.class,
                service.createTimer(host.session(), 5, 5, true, false, null));

        assertTrue(persistent.isPersistent());
        assertFalse(transientTimer.isPersistent());
    }
}
