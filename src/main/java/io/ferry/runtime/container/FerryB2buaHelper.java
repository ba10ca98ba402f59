package io.ferry.runtime.container;

import io.ferry.runtime.dialog.DialogRole;
import io.ferry.sip.HeaderField;
import io.ferry.sip.Headers;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipUri;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TooManyHopsException;
import javax.servlet.sip.UAMode;

/**
 * {@code B2buaHelper} (JSR 289 §12): the second leg of a back-to-back user agent made from the
 * first (new request, new SipSession, linked sessions and requests), subsequent requests copied to
 * the linked leg, responses to the original request (several 2xx for a forking downstream), CANCEL
 * of the other leg's INVITE, and the messages still pending on a leg. It holds no state: links
 * live on the sessions and requests, guarded by their application session's lock.
 */
final class FerryB2buaHelper implements B2buaHelper {

    /** JSR 289 §4.1.2, §5.4.2: system headers a header map may never set (From, To, Route and Contact have their own rules). */
    private static final Set<String> REFUSED = Set.of("call-id", "i", "cseq", "via", "v", "record-route", "path",
            "rack", "rseq", "content-length", "l");
    /** Headers a subsequent request takes from its session, not from the request of the other leg. */
    private static final Set<String> NOT_COPIED = Set.of("via", "v", "route", "record-route", "call-id", "i", "cseq",
            "from", "f", "to", "t", "contact", "m", "content-length", "l", "max-forwards", "path", "rack", "rseq");

    private final SipContainer container;

    FerryB2buaHelper(SipContainer container) {
        this.container = container;
    }

    // ------------------------------------------------------------------ initial requests

    /** JSR 289 §12: a new leg (new SipSession, new Call-ID), not linked. */
    @Override
    public SipServletRequest createRequest(SipServletRequest origRequest) {
        try {
            return createRequest(origRequest, false, null);
        } catch (TooManyHopsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * JSR 289 §12: as {@code SipFactory.createRequest(orig, false)}, Max-Forwards one less than
     * the original's (0 → 483 upstream and TooManyHopsException), the header map applied (From
     * and To: URI and display name only, the container's tags; Contact: user part, display name
     * and parameters; Route; non-system headers), and the sessions and requests linked if asked.
     */
    @Override
    public SipServletRequest createRequest(SipServletRequest origRequest, boolean linked, Map<String, List<String>> headerMap)
            throws TooManyHopsException {
        if (origRequest == null) throw new NullPointerException("origRequest");
        FerrySipServletRequest orig = own(origRequest);
        if (!orig.isInitial()) throw new IllegalArgumentException("JSR 289 §12: the original request must be an initial request");
        if (orig.incoming() && orig.getMaxForwards() == 0) {
            // RFC 3261 §16.3 step 3 (which JSR 289 §12 applies to B2BUA legs): no hops left
            if (!orig.finalResponseSent()) container.sendResponse((FerrySipServletResponse) orig.createResponse(483, "Too Many Hops"));
            throw new TooManyHopsException("Max-Forwards of the original request is 0: 483 sent");
        }
        if (linked) {
            FerrySipSession first = orig.session;
            synchronized (first.appSessionImpl()) {
                if (first.linkedSession() != null || orig.linkedRequest() != null) {
                    throw new IllegalArgumentException("JSR 289 §12: the original request or its session is linked to another one already");
                }
            }
        }
        Map<String, List<String>> map = headerMap == null ? Map.of() : headerMap;
        checkMap(map, true);
        FerrySipServletRequest out = (FerrySipServletRequest) orig.session.app().factory().createRequest(orig, false);
        int hops = orig.getMaxForwards();
        if (hops > 0) out.edits.containerEdit(m -> ((SipRequest) m).withHeader("Max-Forwards", Integer.toString(hops - 1)));
        applyMap(out, map, true);
        if (linked) link(orig, out);
        return out;
    }

    // ------------------------------------------------------------------ subsequent requests

    /**
     * JSR 289 §12: a request of {@code origRequest}'s method in {@code session} (its dialog: route
     * set, remote target, next CSeq), with the other leg's non-system headers and content, the
     * header map applied; sessions and requests linked.
     */
    @Override
    public SipServletRequest createRequest(SipSession session, SipServletRequest origRequest, Map<String, List<String>> headerMap) {
        if (session == null) throw new NullPointerException("session");
        if (origRequest == null) throw new NullPointerException("origRequest");
        FerrySipServletRequest orig = own(origRequest);
        FerrySipSession leg = own(session);
        if (leg.appSessionImpl() != orig.session.appSessionImpl()) {
            throw new IllegalArgumentException("JSR 289 §12: the session and the original request belong to different application sessions");
        }
        if (leg == orig.session) throw new IllegalArgumentException("JSR 289 §12: the session is the original request's own session");
        synchronized (leg.appSessionImpl()) {
            FerrySipSession a = orig.session.linkedSession();
            FerrySipSession b = leg.linkedSession();
            if ((a != null && a != leg) || (b != null && b != orig.session)) {
                throw new IllegalArgumentException("JSR 289 §12: the session or the original request's session is linked to another session");
            }
        }
        Map<String, List<String>> map = headerMap == null ? Map.of() : headerMap;
        checkMap(map, false);
        FerrySipServletRequest out = (FerrySipServletRequest) leg.createRequest(orig.getMethod());
        SipRequest source = orig.request();
        out.edits.containerEdit(m -> {
            SipRequest r = (SipRequest) m;
            Headers h = r.headers();
            for (HeaderField field : source.headers()) {
                if (!NOT_COPIED.contains(field.name().toLowerCase(Locale.ROOT)) && !field.name().equalsIgnoreCase("Content-Type")) {
                    h = h.append(field);
                }
            }
            r = r.withHeaders(h);
            byte[] body = source.bodyBytes();
            return body.length > 0 ? r.withBody(source.headers().firstValue("Content-Type").orElse(null), body) : r;
        });
        applyMap(out, map, false);
        link(orig, out);
        return out;
    }

    // ------------------------------------------------------------------ responses upstream

    /**
     * JSR 289 §12: a response to the original request of {@code session} (the initial request
     * that created its UAS leg). Before a final response it is that request's response, except
     * that a 1xx asked for on the original session once it has an early dialog opens another
     * early dialog (a derived session with its own To tag), and that a derived session answers on
     * its own early dialog. Once a
     * 2xx has been sent, a further 2xx belongs to a new dialog: a derived SipSession with its own
     * To tag (forking downstream). Other responses after the final one are refused.
     */
    @Override
    public SipServletResponse createResponseToOriginalRequest(SipSession session, int status, String reasonPhrase) {
        if (session == null) throw new NullPointerException("session");
        FerrySipSession s = own(session);
        if (!s.isValid()) throw new IllegalArgumentException("JSR 289 §12: the session is invalidated");
        FerrySipServletRequest original = s.originalRequest()
                .orElseThrow(() -> new IllegalArgumentException("JSR 289 §12: the session has no original request (it is not a UAS leg)"));
        if (status < 100 || status > 699) throw new IllegalArgumentException("status out of range: " + status);
        if (!original.finalResponseSent()) {
            if (s != original.session) {
                // a derived UAS session made for an early dialog: its further 1xx and its final response
                if (s.originalRequest().orElse(null) != original || s.dialog().isEmpty()) {
                    throw new IllegalStateException("JSR 289 §12: before its first final response the original request is answered in its own session or an early dialog of it");
                }
                SipResponse r = ((SipRequest) original.edits.original()).createResponse(status, reasonPhrase, s::localTag);
                return new FerrySipServletResponse(container, r, s, original, false);
            }
            if (status > 100 && status < 200 && original.getMethod().equals("INVITE")
                    && s.stateNow() == SipSession.State.EARLY) {
                // JSR 289 §12 (UAS-side forking): the original session has its early dialog already,
                // so a further 1xx opens another early dialog upstream, in a derived session
                FerrySipSession derived = deriveUas(s);
                SipResponse r = ((SipRequest) original.edits.original()).createResponse(status, reasonPhrase, derived::localTag);
                return new FerrySipServletResponse(container, r, derived, original, false);
            }
            return original.createResponse(status, reasonPhrase);
        }
        if (status / 100 != 2 || !original.final2xxSent() || !original.getMethod().equals("INVITE")) {
            throw new IllegalStateException("JSR 289 §12: after the final response only further 2xx to an INVITE (new dialogs) may be sent");
        }
        FerrySipSession derived = deriveUas(original.session);
        SipResponse r = ((SipRequest) original.edits.original()).createResponse(status, reasonPhrase, derived::localTag);
        return new FerrySipServletResponse(container, r, derived, original, false);
    }

    /** JSR 289 §6.2.3.2, §12: a clone of the UAS leg for another dialog of its original request: same data, its own To tag. */
    private FerrySipSession deriveUas(FerrySipSession original) {
        NameAddr local = original.localNameAddr().withoutParam("tag").withTag(SipRequest.newTag());
        FerrySipSession d = container.newSession(original.appSessionImpl(), original.getCallId(), local,
                original.remoteNameAddr(), DialogRole.UAS);
        d.handlerName(original.handlerName());
        d.copyAttributes(original.attributesSnapshot());
        original.flow().ifPresent(d::flow);
        original.originalRequest().ifPresent(d::originalRequest);
        original.initialRequest().ifPresent(d::initialRequest);
        return d;
    }

    // ------------------------------------------------------------------ CANCEL

    /** JSR 289 §12: CANCEL for the INVITE of {@code session} that has no final response yet. */
    @Override
    public SipServletRequest createCancel(SipSession session) {
        if (session == null) throw new NullPointerException("session");
        FerrySipSession s = own(session);
        for (FerrySipServletMessage m : s.pendingMessages()) {
            if (m instanceof FerrySipServletRequest r && !r.incoming() && r.isInitial() && r.getMethod().equals("INVITE")) {
                return r.createCancel();
            }
        }
        throw new IllegalStateException("JSR 289 §12: session " + s.getId() + " has no INVITE waiting for its final response");
    }

    // ------------------------------------------------------------------ links

    @Override
    public SipSession getLinkedSession(SipSession session) {
        if (session == null) throw new NullPointerException("session");
        FerrySipSession s = own(session);
        if (!s.isValid()) throw new IllegalArgumentException("JSR 289 §12: the session is invalidated");
        return s.linkedSession();
    }

    @Override
    public SipServletRequest getLinkedSipServletRequest(SipServletRequest req) {
        if (req == null) throw new NullPointerException("req");
        return own(req).linkedRequest();
    }

    /**
     * JSR 289 §12: a 1-1 link between two sessions of one application session. Linking sessions
     * linked to each other is a no-op; a terminated or invalidated session, sessions of different
     * application sessions, or a session linked to a third one: IllegalArgumentException.
     */
    @Override
    public void linkSipSessions(SipSession session1, SipSession session2) {
        if (session1 == null || session2 == null) throw new NullPointerException("sessions");
        FerrySipSession a = own(session1);
        FerrySipSession b = own(session2);
        if (a == b) throw new IllegalArgumentException("JSR 289 §12: a session is not linked to itself");
        if (a.appSessionImpl() != b.appSessionImpl()) {
            throw new IllegalArgumentException("JSR 289 §12: linked sessions belong to the same application session");
        }
        checkLinkable(a);
        checkLinkable(b);
        synchronized (a.appSessionImpl()) {
            FerrySipSession la = a.linkedSession();
            FerrySipSession lb = b.linkedSession();
            if (la == b && lb == a) return;
            if (la != null || lb != null) {
                throw new IllegalArgumentException("JSR 289 §12: a session is linked to another session already");
            }
            a.linked(b);
            b.linked(a);
        }
    }

    /** JSR 289 §12: ends the link of {@code session} (and so of their requests). */
    @Override
    public void unlinkSipSessions(SipSession session) {
        if (session == null) throw new NullPointerException("session");
        FerrySipSession s = own(session);
        checkLinkable(s);
        synchronized (s.appSessionImpl()) {
            FerrySipSession other = s.linkedSession();
            if (other == null) throw new IllegalArgumentException("JSR 289 §12: session " + s.getId() + " is not linked");
            s.linked(null);
            other.linked(null);
        }
    }

    private static void checkLinkable(FerrySipSession s) {
        if (!s.isValid()) throw new IllegalArgumentException("JSR 289 §12: session " + s.getId() + " is invalidated");
        if (s.stateNow() == SipSession.State.TERMINATED) {
            throw new IllegalArgumentException("JSR 289 §12: session " + s.getId() + " is terminated");
        }
    }

    /** Links the sessions of both requests (if not linked already) and the two requests. */
    private static void link(FerrySipServletRequest orig, FerrySipServletRequest out) {
        FerrySipSession a = orig.session;
        FerrySipSession b = out.session;
        synchronized (a.appSessionImpl()) {
            if (a.linkedSession() != b) {
                a.linked(b);
                b.linked(a);
            }
        }
        orig.linkedRequest(out);
        out.linkedRequest(orig);
    }

    // ------------------------------------------------------------------ pending messages

    /**
     * JSR 289 §12: in UAS mode, the requests received in {@code session} that have no final
     * response yet; in UAC mode, the requests sent that have no final response yet and the 2xx to
     * INVITE received that are not acknowledged yet; by increasing CSeq.
     */
    @Override
    public List<SipServletMessage> getPendingMessages(SipSession session, UAMode mode) {
        if (session == null) throw new NullPointerException("session");
        if (mode == null) throw new NullPointerException("mode");
        FerrySipSession s = own(session);
        if (!s.isValid()) throw new IllegalArgumentException("JSR 289 §12: the session is invalidated");
        List<FerrySipServletMessage> out = new ArrayList<>();
        for (FerrySipServletMessage m : s.pendingMessages()) {
            boolean uas = m instanceof FerrySipServletRequest r && r.incoming();
            if ((mode == UAMode.UAS) == uas) out.add(m);
        }
        out.sort(Comparator.comparingLong(FerrySipServletMessage::cseqNumber));
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ header maps

    /** JSR 289 §12 (createRequest javadoc): which headers a map may name. */
    private static void checkMap(Map<String, List<String>> map, boolean initial) {
        for (var e : map.entrySet()) {
            if (e.getKey() == null) throw new IllegalArgumentException("a header name is null");
            String key = e.getKey().trim().toLowerCase(Locale.ROOT);
            if (REFUSED.contains(key)) {
                throw new IllegalArgumentException("JSR 289 §4.1.2: " + e.getKey() + " is a system header and cannot be set through the header map");
            }
            if ((key.equals("route")) && !initial) {
                throw new IllegalArgumentException("JSR 289 §12: Route of a subsequent request comes from the dialog's route set");
            }
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            if (Set.of("from", "f", "to", "t", "contact", "m").contains(key) && values.size() != 1) {
                throw new IllegalArgumentException("JSR 289 §12: " + e.getKey() + " takes exactly one value in the header map");
            }
        }
    }

    private static void applyMap(FerrySipServletRequest out, Map<String, List<String>> map, boolean initial) {
        for (var e : map.entrySet()) {
            String key = e.getKey().trim().toLowerCase(Locale.ROOT);
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            switch (key) {
                case "from", "f" -> replaceParty(out, "From", parse(e.getKey(), values.get(0)));
                case "to", "t" -> replaceParty(out, "To", parse(e.getKey(), values.get(0)));
                case "contact", "m" -> {
                    NameAddr c = parse(e.getKey(), values.get(0));
                    if (c.isWildcard()) throw new IllegalArgumentException("JSR 289 §4.1.3: a wildcard is not a request's Contact");
                    out.contactTemplate(c);
                }
                case "route" -> {
                    List<NameAddr> routes = new ArrayList<>();
                    for (String v : values) routes.add(parse(e.getKey(), v));
                    out.edits.containerEdit(m -> {
                        Headers h = m.headers().without("Route");
                        for (NameAddr r : routes) h = h.append("Route", r.toString());
                        return ((SipRequest) m).withHeaders(h);
                    });
                }
                default -> {
                    out.edits.removeHeader(e.getKey());
                    for (String v : values) out.edits.addHeader(e.getKey(), v);
                }
            }
        }
    }

    /** JSR 289 §4.1.2: From and To take the URI and display name (and other parameters) of the map; the tag stays the container's. */
    private static void replaceParty(FerrySipServletRequest out, String header, NameAddr wanted) {
        if (wanted.isWildcard()) throw new IllegalArgumentException("a wildcard is not a " + header + " address");
        out.edits.containerEdit(m -> {
            SipRequest r = (SipRequest) m;
            String current = r.headers().firstValue(header).orElseThrow();
            String tag;
            try {
                tag = NameAddr.parse(current).tag();
            } catch (SipParseException e) {
                throw new IllegalStateException("malformed " + header + ": " + e.getMessage(), e);
            }
            NameAddr next = wanted.withoutParam("tag");
            if (next.uri() instanceof SipUri u) next = next.withUri(u.withoutHeaders());
            if (tag != null) next = next.withTag(tag);
            return r.withHeader(header, next.toString());
        });
        FerrySipSession s = out.session;
        if (header.equals("To") && out.isInitial()) {
            try {
                s.remoteParty(NameAddr.parse(out.request().headers().firstValue("To").orElseThrow()));
            } catch (SipParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static NameAddr parse(String header, String value) {
        if (value == null) throw new IllegalArgumentException("a null value for " + header);
        try {
            return NameAddr.parse(value);
        } catch (SipParseException e) {
            throw new IllegalArgumentException("malformed " + header + " in the header map: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ ownership

    private FerrySipServletRequest own(SipServletRequest request) {
        if (!(request instanceof FerrySipServletRequest r) || r.container != container || r.session == null) {
            throw new IllegalArgumentException("not a request of this container's applications");
        }
        return r;
    }

    private FerrySipSession own(SipSession session) {
        if (!(session instanceof FerrySipSession s) || s.app().container() != container) {
            throw new IllegalArgumentException("not a SIP session of this container");
        }
        return s;
    }
}
