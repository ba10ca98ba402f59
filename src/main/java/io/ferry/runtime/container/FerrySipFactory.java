package io.ferry.runtime.container;

import io.ferry.runtime.api.AddressFactory;
import io.ferry.runtime.api.ServletAddress;
import io.ferry.runtime.dialog.DialogRole;
import io.ferry.sip.CSeq;
import io.ferry.sip.HeaderField;
import io.ferry.sip.Headers;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipUri;
import io.ferry.sip.Uri;
import java.util.Locale;
import java.util.Set;
import javax.servlet.sip.Address;
import javax.servlet.sip.AuthInfo;
import javax.servlet.sip.Parameterable;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;

/** The {@code SipFactory} of one application (JSR 289 §4.1.2, §6). */
final class FerrySipFactory implements SipFactory {

    /** RFC 3261 §19.1.1 table 1: what a From or To URI may not carry. */
    private static final Set<String> NOT_IN_FROM_TO = Set.of("method", "maddr", "ttl", "transport", "lr");
    /** Headers createRequest(orig, ...) does not copy (javadoc of SipFactory.createRequest). */
    private static final Set<String> NOT_COPIED = Set.of("via", "v", "record-route", "call-id", "i", "cseq",
            "from", "f", "to", "t", "contact", "m", "content-length", "l", "max-forwards", "route");

    private final Application app;

    FerrySipFactory(Application app) {
        this.app = app;
    }

    @Override
    public Address createAddress(String addr) throws ServletParseException {
        return AddressFactory.createAddress(addr);
    }

    @Override
    public Address createAddress(URI uri) {
        return AddressFactory.createAddress(uri);
    }

    @Override
    public Address createAddress(URI uri, String displayName) {
        return AddressFactory.createAddress(uri, displayName);
    }

    @Override
    public URI createURI(String uri) throws ServletParseException {
        return AddressFactory.createURI(uri);
    }

    @Override
    public SipURI createSipURI(String user, String host) {
        return AddressFactory.createSipURI(user, host);
    }

    @Override
    public Parameterable createParameterable(String s) throws ServletParseException {
        return AddressFactory.createParameterable(s);
    }

    @Override
    public AuthInfo createAuthInfo() {
        return new FerryAuthInfo();
    }

    @Override
    public SipApplicationSession createApplicationSession() {
        checkStarted();
        return app.newApplicationSession(null);
    }

    @Override
    public SipApplicationSession createApplicationSessionByKey(String key) {
        checkStarted();
        if (key == null) throw new NullPointerException("key");
        return app.applicationSessionByKey(key, true);
    }

    private void checkStarted() {
        if (app.container().isClosed()) throw new IllegalStateException("the SIP container is stopped");
    }

    // ------------------------------------------------------------------ requests (UAC)

    @Override
    public SipServletRequest createRequest(SipApplicationSession appSession, String method, Address from, Address to) {
        if (from == null || to == null) throw new NullPointerException("from and to are required");
        return newRequest(appSession, method, nameAddr(from), nameAddr(to));
    }

    @Override
    public SipServletRequest createRequest(SipApplicationSession appSession, String method, String from, String to)
            throws ServletParseException {
        return createRequest(appSession, method, createAddress(from), createAddress(to));
    }

    @Override
    public SipServletRequest createRequest(SipApplicationSession appSession, String method, URI from, URI to) {
        return createRequest(appSession, method, createAddress(from), createAddress(to));
    }

    /**
     * JSR 289 §4.1.3: a new request in a new SipSession of {@code appSession}: Call-ID, CSeq and
     * From tag chosen by the container, Request-URI = the To URI, From and To without the URI
     * parameters they may not carry. ACK and CANCEL are refused (IllegalArgumentException).
     */
    private SipServletRequest newRequest(SipApplicationSession appSession, String method, NameAddr from, NameAddr to) {
        if (method == null) throw new NullPointerException("method");
        if (method.equals("ACK") || method.equals("CANCEL")) {
            throw new IllegalArgumentException("JSR 289: " + method + " is not created with SipFactory.createRequest");
        }
        FerryApplicationSession as = own(appSession);
        NameAddr f = clean(from).withoutParam("tag").withTag(SipRequest.newTag());
        NameAddr t = clean(to).withoutParam("tag");
        String callId = app.container().newCallId();
        FerrySipSession session = app.container().newSession(as, callId, f, t, DialogRole.UAC);
        Uri requestUri = requestUri(to.uri());
        SipRequest request = SipRequest.of(method, requestUri, Headers.empty()
                .with("Max-Forwards", "70")
                .with("From", f.toString())
                .with("To", t.toString())
                .with("Call-ID", callId)
                .with("CSeq", new CSeq(session.nextInitialCSeq(), method).toString()));
        return app.container().newOutgoingRequest(session, request, true);
    }

    /**
     * JSR 289 (javadoc of this method): the second leg of a B2BUA: method and most headers copied,
     * From with a new tag, To without tag, a new Call-ID unless {@code sameCallId}, no Via,
     * Record-Route or (outside REGISTER) Contact. Its routing directive is CONTINUE (§15.2.2).
     */
    @Override
    @SuppressWarnings("deprecation")
    public SipServletRequest createRequest(SipServletRequest origRequest, boolean sameCallId) {
        if (!(origRequest instanceof FerrySipServletRequest orig)) throw new IllegalArgumentException("not a request of this container");
        if (!orig.isInitial()) throw new IllegalArgumentException("JSR 289: the original request must be an initial request");
        SipRequest o = orig.request();
        String method = o.method();
        if (method.equals("ACK") || method.equals("CANCEL")) throw new IllegalArgumentException("cannot copy " + method);
        NameAddr from;
        NameAddr to;
        try {
            from = clean(o.from().orElseThrow()).withoutParam("tag").withTag(SipRequest.newTag());
            to = clean(o.to().orElseThrow()).withoutParam("tag");
        } catch (io.ferry.sip.SipParseException e) {
            throw new IllegalArgumentException("malformed From or To: " + e.getMessage(), e);
        }
        String callId = sameCallId ? o.callId().orElseThrow() : app.container().newCallId();
        FerrySipSession session = app.container().newSession(orig.session.appSessionImpl(), callId, from, to, DialogRole.UAC);
        Headers h = Headers.empty()
                .with("Max-Forwards", "70")
                .with("From", from.toString())
                .with("To", to.toString())
                .with("Call-ID", callId)
                .with("CSeq", new CSeq(session.nextInitialCSeq(), method).toString());
        boolean register = method.equals("REGISTER");
        for (HeaderField field : o.headers()) {
            String n = field.name().toLowerCase(Locale.ROOT);
            if (NOT_COPIED.contains(n) && !(register && (n.equals("contact") || n.equals("m")))) continue;
            h = h.append(field);
        }
        SipRequest request = SipRequest.of(method, o.requestUriText(), h);
        byte[] body = o.bodyBytes();
        if (body.length > 0) request = request.withBody(o.headers().firstValue("Content-Type").orElse(null), body);
        FerrySipServletRequest out = app.container().newOutgoingRequest(session, request, true);
        out.initialFlow = orig.initialFlow; // JSR 289 §15: getInitialRemoteAddr of the next application is the network client
        out.setRoutingDirective(SipApplicationRoutingDirective.CONTINUE, orig);
        return out;
    }

    private FerryApplicationSession own(SipApplicationSession appSession) {
        if (!(appSession instanceof FerryApplicationSession as) || as.application() != app) {
            throw new IllegalArgumentException("not an application session of " + app.name());
        }
        if (!as.isValid()) throw new IllegalArgumentException("application session " + as.getId() + " is invalidated");
        return as;
    }

    private static NameAddr nameAddr(Address a) {
        if (!(a instanceof ServletAddress s)) throw new IllegalArgumentException("not an address of this container: " + a);
        if (s.isWildcard()) throw new IllegalArgumentException("a wildcard is not a From or To address");
        return s.toNameAddr();
    }

    /** RFC 3261 §19.1.1 table 1: From and To URIs carry no method, maddr, ttl, transport, lr, nor headers. */
    private static NameAddr clean(NameAddr na) {
        if (na.uri() instanceof SipUri u) {
            SipUri c = u.withoutHeaders();
            for (String p : NOT_IN_FROM_TO) c = c.withoutParam(p);
            return na.withUri(c);
        }
        return na;
    }

    /** RFC 3261 §19.1.1 table 1: a Request-URI carries no method parameter and no headers. */
    private static Uri requestUri(Uri to) {
        if (to instanceof SipUri u) return u.withoutHeaders().withoutParam("method");
        return to;
    }

    @Override
    public String toString() {
        return "SipFactory[" + app.name() + "]";
    }
}
