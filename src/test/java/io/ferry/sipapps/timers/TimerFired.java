package io.ferry.sipapps.timers;

import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Resource;
import javax.inject.Inject;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.annotation.SipListener;

/** The {@code timers} application's TimerListener: records how late the timer fired and tells the sender. */
@SipListener
public class TimerFired implements TimerListener {

    @Resource
    SipFactory factory;

    @Inject
    SipAppEvents events;

    @Override
    public void timeout(ServletTimer timer) {
        if (!(timer.getInfo() instanceof TimerRequest r)) {
            return;
        }
        long elapsedMs = (System.nanoTime() - r.startNanos()) / 1_000_000;
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("timer-id", timer.getId());
        d.put("delay-ms", r.delayMs());
        d.put("elapsed-ms", elapsedMs);
        d.put("app-session-valid", timer.getApplicationSession().isValid());
        d.put("test", r.test());
        events.add("timers", "timer-fired", d);
        try {
            SipServletRequest options = factory.createRequest(timer.getApplicationSession(), "OPTIONS",
                    factory.createAddress("<sip:timers@ferry.example>"), factory.createAddress("<" + r.replyTo() + ">"));
            options.setHeader("X-Ferry-Test", r.test());
            options.setHeader("X-Ferry-Timer", "fired after " + elapsedMs + " ms");
            options.send();
        } catch (ServletParseException e) {
            events.add("timers", "reply-failed", Map.of("reason", e.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
