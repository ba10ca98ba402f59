package io.ferry.runtime.container;

import java.util.Locale;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;

/** The {@code SipSessionsUtil} of one application (JSR 289 §6.1.4). */
final class FerrySipSessionsUtil implements SipSessionsUtil {

    private final Application app;

    FerrySipSessionsUtil(Application app) {
        this.app = app;
    }

    @Override
    public SipApplicationSession getApplicationSessionById(String applicationSessionId) {
        if (applicationSessionId == null) throw new NullPointerException("applicationSessionId");
        return app.applicationSession(applicationSessionId).orElse(null);
    }

    @Override
    public SipApplicationSession getApplicationSessionByKey(String applicationSessionKey, boolean create) {
        if (applicationSessionKey == null) throw new NullPointerException("applicationSessionKey");
        return app.applicationSessionByKey(applicationSessionKey, create);
    }

    /**
     * The session of this application that the Join (RFC 3911) or Replaces (RFC 3891) header of
     * a request in {@code session} names: {@code call-id;to-tag=...;from-tag=...}, where to-tag is
     * the tag of the dialog's end that receives the header's request's peer... i.e. the local tag
     * of the named dialog as seen by this node.
     */
    @Override
    public SipSession getCorrespondingSipSession(SipSession session, String headerName) {
        if (session == null || headerName == null) throw new NullPointerException("session and headerName are required");
        String h = headerName.toLowerCase(Locale.ROOT);
        if (!h.equals("join") && !h.equals("replaces")) {
            throw new IllegalArgumentException("JSR 289: only Join and Replaces name a corresponding session, not " + headerName);
        }
        if (!(session instanceof FerrySipSession s)) throw new IllegalArgumentException("not a session of this container");
        return app.container().correspondingSession(app, s, headerName).orElse(null);
    }
}
