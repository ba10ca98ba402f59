package io.ferry.sipapps.timers;

import io.ferry.sipapps.events.SipAppEvents;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.TimerService;

/** Starts timers on {@code timer N ms}; records the answers to the OPTIONS that {@link TimerFired} sends. */
@javax.servlet.sip.annotation.SipServlet(name = "timers")
public class TimerServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern COMMAND = Pattern.compile("timer (\\d{1,6}) ms");

    @Inject
    transient SipAppEvents events;

    @Override
    protected void doMessage(SipServletRequest req) throws ServletException, IOException {
        byte[] raw = req.getRawContent();
        Matcher m = COMMAND.matcher(raw == null ? "" : new String(raw, java.nio.charset.StandardCharsets.UTF_8).strip());
        if (!m.matches()) {
            req.createResponse(488, "Say: timer N ms").send();
            return;
        }
        long delay = Long.parseLong(m.group(1));
        TimerService timers = (TimerService) getServletContext().getAttribute(TimerService.class.getName());
        Address contact = req.getAddressHeader("Contact");
        String replyTo = (contact != null ? contact.getURI() : req.getFrom().getURI()).toString();
        req.createResponse(200).send();
        ServletTimer t = timers.createTimer(req.getApplicationSession(), delay, false,
                new TimerRequest(replyTo, delay, System.nanoTime(), req.getHeader("X-Ferry-Test")));
        Map<String, Object> d = SipAppEvents.describe(req);
        d.put("delay-ms", delay);
        d.put("timer-id", t.getId());
        d.put("reply-to", replyTo);
        events.add("timers", "timer-created", d);
    }

    @Override
    protected void doSuccessResponse(SipServletResponse resp) throws ServletException, IOException {
        Map<String, Object> d = SipAppEvents.describe(resp);
        d.put("status", resp.getStatus());
        d.put("test", resp.getRequest().getHeader("X-Ferry-Test")); // the OPTIONS's, which the UAS does not echo
        events.add("timers", "response", d);
        resp.getApplicationSession().invalidate();
    }

    @Override
    protected void doErrorResponse(SipServletResponse resp) throws ServletException, IOException {
        doSuccessResponse(resp);
    }
}
