package io.ferry.sipapps.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.enterprise.context.ApplicationScoped;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;

/**
 * The event log of the sample applications: lines of {@code app=... event=... key=value ...},
 * in the order they happened. The ITs match on {@code key=value} pairs, so values never contain
 * spaces (they are replaced by {@code _}).
 */
@ApplicationScoped
public class SipAppEvents {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** Records one event; {@code details} keep their insertion order (use a LinkedHashMap or Map.of for one pair). */
    public void add(String app, String event, Map<String, ?> details) {
        String rest = details.entrySet().stream()
                .map(e -> e.getKey() + "=" + clean(e.getValue()))
                .collect(Collectors.joining(" "));
        lines.add("app=" + app + " event=" + event + (rest.isEmpty() ? "" : " " + rest));
    }

    /** Every event so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * The dialog-related facts of a message, as the ITs check them: Call-ID, CSeq, tags, the
     * transport it came over ({@link SipServletMessage#getTransport()}), the remote address, the
     * session state, and the test id a client put in {@code X-Ferry-Test}.
     */
    public static Map<String, Object> describe(SipServletMessage m) {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("method", m.getMethod());
        if (m instanceof SipServletRequest r) {
            d.put("initial", r.isInitial());
        }
        d.put("transport", m.getTransport());
        d.put("remote", m.getRemoteAddr());
        d.put("call-id", m.getCallId());
        d.put("cseq", m.getHeader("CSeq"));
        d.put("from-tag", m.getFrom().getParameter("tag"));
        d.put("to-tag", m.getTo().getParameter("tag"));
        SipSession s = m.getSession(false);
        d.put("state", s == null ? null : s.getState());
        d.put("test", m.getHeader("X-Ferry-Test"));
        return d;
    }

    private static String clean(Object value) {
        return value == null ? "-" : value.toString().replaceAll("\\s+", "_");
    }
}
