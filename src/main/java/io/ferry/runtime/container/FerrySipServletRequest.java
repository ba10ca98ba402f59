package io.ferry.runtime.container;

import io.ferry.runtime.api.ServletAddress;
import io.ferry.runtime.api.ServletURI;
import io.ferry.runtime.transport.Flow;
import io.ferry.sip.MaxForwards;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipUri;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.ReadListener;
import javax.servlet.RequestDispatcher;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.sip.Address;
import javax.servlet.sip.B2buaHelper;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TooManyHopsException;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;

/**
 * A {@code SipServletRequest} (JSR 289 §5, §11): incoming (the container received it, the
 * application answers it) or outgoing (the application created it and sends it).
 */
final class FerrySipServletRequest extends FerrySipServletMessage implements SipServletRequest {

    /** Where the responses of an incoming request go: its server transaction, or the application that sent it. */
    interface ResponseSink {
        /** Sends {@code response}; false when the transport refused it. */
        boolean respond(SipResponse response);
    }

    /** JSR 289 §10.1, §12: a request is proxied or handled by a B2BUA, never both. */
    enum UaMode { UNDECIDED, PROXY, B2BUA }

    private final boolean incoming;
    private final boolean initial;
    private final ResponseSink sink;
    private final Address poppedRoute;
    private Address initialPoppedRoute;
    private boolean finalResponseSent;
    private boolean sent;
    private boolean provisionalReceived;
    private boolean finalReceived;
    private boolean cancelPending;
    // JSR 289 §15: routing state
    private SipApplicationRoutingDirective directive = SipApplicationRoutingDirective.NEW;
    private SipApplicationRoutingRegion region;
    private URI subscriberURI;
    private Serializable stateInfo;
    /** For an outgoing request routed to another application of this node: that application's incoming request. */
    private volatile FerrySipServletRequest internalTarget;
    /** For an outgoing CANCEL: the INVITE it cancels. */
    private FerrySipServletRequest cancelled;
    /** getProxy and getB2buaHelper exclude each other (JSR 289 §10.1, §12). */
    private UaMode uaMode = UaMode.UNDECIDED;
    /** JSR 289 §12: the request of the other leg this one was created from (or that was created from it). */
    private volatile FerrySipServletRequest linkedRequest;
    /** JSR 289 §4.1.3: the parts of a Contact the application chose (user, display name, parameters); the container fills host and port. */
    private volatile NameAddr contactTemplate;
    /** The final response sent was a 2xx: more 2xx may follow through B2buaHelper.createResponseToOriginalRequest. */
    private boolean final2xxSent;
    /** Whether any response was sent for this incoming request. */
    private boolean responded;
    /** The proxy of this incoming request, once getProxy made it. */
    private FerryProxy proxy;
    /** For a request a proxy sends on one of its branches (or a CANCEL of it): that branch. */
    private FerryProxyBranch proxyBranch;
    /** For a subsequent request a record-routing proxy forwards: the request it received (RFC 3261 §16). */
    private volatile FerrySipServletRequest proxiedFrom;
    /** For a subsequent request a record-routing proxy received: the request it forwarded (RFC 3261 §16.10: a CANCEL follows it). */
    private volatile FerrySipServletRequest proxiedTo;
    /** For a subsequent request of a record-routed proxy dialog: the dialog's proxy (guarded by {@code this}). */
    private FerryProxy dialogProxy;

    /** An incoming request. */
    FerrySipServletRequest(SipContainer container, SipRequest request, FerrySipSession session, Flow flow,
                           boolean initial, ResponseSink sink, Address poppedRoute) {
        super(container, request, session, flow);
        this.incoming = true;
        this.initial = initial;
        this.sink = sink;
        this.poppedRoute = poppedRoute;
        this.initialPoppedRoute = poppedRoute;
    }

    /** An outgoing request created by the application. */
    FerrySipServletRequest(SipContainer container, SipRequest request, FerrySipSession session, boolean initial) {
        super(container, request, session, null);
        this.incoming = false;
        this.initial = initial;
        this.sink = null;
        this.poppedRoute = null;
    }

    boolean incoming() {
        return incoming;
    }

    SipRequest request() {
        return (SipRequest) message();
    }

    synchronized void routingState(SipApplicationRoutingRegion region, URI subscriberURI, Serializable stateInfo) {
        this.region = region;
        this.subscriberURI = subscriberURI;
        this.stateInfo = stateInfo;
    }

    synchronized Serializable stateInfo() {
        return stateInfo;
    }

    synchronized void initialPoppedRoute(Address route) {
        this.initialPoppedRoute = route;
    }

    synchronized void directiveInternal(SipApplicationRoutingDirective d) {
        this.directive = d;
    }

    synchronized boolean finalResponseSent() {
        return finalResponseSent;
    }

    /** An outgoing request was handed to the network or another application. */
    synchronized void sent() {
        this.sent = true;
    }

    /** An outgoing request's response arrived: returns true when a CANCEL waited for the first provisional. */
    synchronized boolean responseReceived(int status) {
        if (status >= 200) {
            finalReceived = true;
            cancelPending = false;
            return false;
        }
        provisionalReceived = true;
        boolean go = cancelPending;
        cancelPending = false;
        return go;
    }

    synchronized boolean finalReceived() {
        return finalReceived;
    }

    void internalTarget(FerrySipServletRequest target) {
        this.internalTarget = target;
    }

    FerrySipServletRequest internalTarget() {
        return internalTarget;
    }

    FerrySipServletRequest cancelledRequest() {
        return cancelled;
    }

    // ------------------------------------------------------------------ responses (UAS)

    @Override
    public SipServletResponse createResponse(int statusCode) {
        return createResponse(statusCode, null);
    }

    @Override
    public SipServletResponse createResponse(int statusCode, String reasonPhrase) {
        if (!incoming) throw new IllegalStateException("JSR 289 §5.2: responses are created only for incoming requests");
        if (getMethod().equals("ACK")) throw new IllegalStateException("JSR 289: ACK gets no response");
        if (getMethod().equals("CANCEL")) throw new IllegalStateException("JSR 289 §11.2.5: the container has answered the CANCEL");
        if (statusCode < 100 || statusCode > 699) throw new IllegalArgumentException("status out of range: " + statusCode);
        synchronized (this) {
            if (finalResponseSent) throw new IllegalStateException("a final response has been sent for this request");
            if (proxy != null && statusCode >= 200 && proxy.isStarted()) {
                throw new IllegalStateException("JSR 289 §10.2: the request is being proxied: its final response is the proxy's");
            }
        }
        SipResponse response = ((SipRequest) edits.original()).createResponse(statusCode, reasonPhrase, session::localTag);
        return new FerrySipServletResponse(container, response, session, this, false);
    }

    /** Sends a response of this incoming request (called by {@link FerrySipServletResponse#send}). */
    boolean respond(SipResponse response) {
        synchronized (this) {
            boolean another2xx = response.statusClass() == 2 && final2xxSent && getMethod().equals("INVITE");
            if (finalResponseSent && !another2xx) throw new IllegalStateException("a final response has been sent for this request");
            responded = true;
            if (response.status() >= 200) {
                finalResponseSent = true;
                final2xxSent = response.statusClass() == 2;
                edits.commit();
            }
        }
        return sink.respond(response);
    }

    // ------------------------------------------------------------------ sending (UAC)

    @Override
    public void send() throws IOException {
        if (incoming) throw new IllegalStateException("JSR 289: an incoming request is answered, not sent (proxying is Proxy's)");
        synchronized (this) {
            if (sent || edits.isCommitted()) throw new IllegalStateException("the request has been sent");
            sent = true;
        }
        session.accessed();
        if (!getMethod().equals("ACK") && !getMethod().equals("CANCEL")) session.pending(this);
        container.send(this);
    }

    @Override
    public SipServletRequest createCancel() {
        if (incoming || !getMethod().equals("INVITE")) throw new IllegalStateException("JSR 289: CANCEL is created for an INVITE the application sent");
        synchronized (this) {
            if (!sent) throw new IllegalStateException("the INVITE has not been sent");
            if (finalReceived) throw new IllegalStateException("the INVITE has a final response");
        }
        // RFC 3261 §9.1: Request-URI, Call-ID, To, From, CSeq number, Route and the top Via of the INVITE
        SipRequest invite = request();
        var h = io.ferry.sip.Headers.empty();
        for (String name : new String[] {"Via", "Route"}) {
            for (var f : invite.headers().all(name)) h = h.append(f);
        }
        if (!invite.headers().all("Via").isEmpty()) {
            h = h.without("Via").append("Via", invite.headers().all("Via").get(0).value());
        }
        h = h.with("Max-Forwards", "70")
                .with("From", invite.headers().firstValue("From").orElseThrow())
                .with("To", invite.headers().firstValue("To").orElseThrow())
                .with("Call-ID", invite.callId().orElseThrow())
                .with("CSeq", cseqNumber(invite) + " CANCEL");
        SipRequest cancel = SipRequest.of("CANCEL", invite.requestUriText(), h);
        FerrySipServletRequest out = new FerrySipServletRequest(container, cancel, session, false);
        out.cancelled = this;
        return out;
    }

    /** RFC 3261 §9.1: no CANCEL before a provisional response: it waits for one. */
    synchronized boolean cancelWhenProvisional() {
        if (finalReceived) return false;
        if (provisionalReceived) return true;
        cancelPending = true;
        return false;
    }

    private static long cseqNumber(SipRequest r) {
        try {
            return r.cseq().orElseThrow().number();
        } catch (SipParseException e) {
            throw new IllegalStateException("malformed CSeq: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ digest credentials (JSR 289 §4.1.4)

    @Override
    public void addAuthHeader(SipServletResponse challengeResponse, javax.servlet.sip.AuthInfo authInfo) {
        if (!(authInfo instanceof FerryAuthInfo info)) throw new IllegalArgumentException("not an AuthInfo of this container");
        addAuth(challengeResponse, info::credentials);
    }

    @Override
    public void addAuthHeader(SipServletResponse challengeResponse, String username, String password) {
        if (username == null || password == null) throw new NullPointerException("username and password are required");
        addAuth(challengeResponse, (status, realm) -> java.util.Optional.of(new FerryAuthInfo.Credentials(username, password)));
    }

    private void addAuth(SipServletResponse challenge,
                         java.util.function.BiFunction<Integer, String, java.util.Optional<FerryAuthInfo.Credentials>> lookup) {
        if (incoming) throw new IllegalStateException("credentials are added to requests the application sends");
        int status = challenge.getStatus();
        if (status != 401 && status != 407) throw new IllegalArgumentException("not a challenge: " + status);
        String name = status == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        java.util.List<String> challenges = new java.util.ArrayList<>();
        challenge.getHeaders(name).forEachRemaining(challenges::add);
        DigestAnswer.Answer answer = DigestAnswer.answer(status, challenges, lookup, getMethod(),
                request().requestUriText(), getRawContent());
        for (String v : answer.values()) edits.addHeader(answer.header(), v);
    }

    // ------------------------------------------------------------------ request line and routing headers

    @Override
    public URI getRequestURI() {
        try {
            return ServletURI.of(request().requestUri(), edits.isCommitted() || incoming && initial && finalResponseSent());
        } catch (SipParseException e) {
            throw new IllegalStateException("malformed Request-URI: " + e.getMessage(), e);
        }
    }

    @Override
    public void setRequestURI(URI uri) {
        if (uri == null) throw new NullPointerException("uri");
        if (!(uri instanceof ServletURI s)) throw new IllegalArgumentException("not a URI of this container: " + uri);
        edits.containerEdit(m -> ((SipRequest) m).withRequestUri(s.toUri()));
    }

    @Override
    public int getMaxForwards() {
        try {
            return request().maxForwards().map(MaxForwards::hops).orElse(-1);
        } catch (SipParseException e) {
            return -1;
        }
    }

    @Override
    public void setMaxForwards(int n) {
        if (n < 0 || n > 255) throw new IllegalArgumentException("Max-Forwards out of range (RFC 3261 §20.22): " + n);
        edits.containerEdit(m -> ((SipRequest) m).withHeader("Max-Forwards", Integer.toString(n)));
    }

    @Override
    public void pushRoute(SipURI uri) {
        pushRoute(container.createAddress(uri));
    }

    @Override
    public void pushRoute(Address uri) {
        if (incoming) throw new IllegalStateException("pushRoute applies to requests the application sends");
        if (!(uri instanceof ServletAddress a) || !(a.getURI() instanceof SipURI)) {
            throw new IllegalArgumentException("a Route is a SIP or SIPS URI: " + uri);
        }
        NameAddr na = a.toNameAddr();
        if (na.uri() instanceof SipUri sip && !sip.lr()) na = na.withUri(sip.withParam("lr", ""));
        NameAddr route = na;
        edits.containerEdit(m -> ((SipRequest) m).withPrependedHeader("Route", route.toString()));
    }

    @Override
    public void pushPath(Address uri) {
        if (incoming || !getMethod().equals("REGISTER")) {
            throw new IllegalStateException("pushPath applies to REGISTER requests the application sends (RFC 3327)");
        }
        if (!(uri instanceof ServletAddress a)) throw new IllegalArgumentException("not an address of this container: " + uri);
        edits.containerEdit(m -> ((SipRequest) m).withPrependedHeader("Path", a.toNameAddr().toString()));
    }

    @Override
    public Address getPoppedRoute() {
        return poppedRoute == null ? null : poppedRoute;
    }

    @Override
    public synchronized Address getInitialPoppedRoute() {
        return initialPoppedRoute;
    }

    @Override
    public boolean isInitial() {
        return initial;
    }

    // ------------------------------------------------------------------ application routing, JSR 289 §15

    @Override
    public synchronized SipApplicationRoutingRegion getRegion() {
        if (!initial) throw new IllegalStateException("JSR 289 §15: only initial requests have a routing region");
        return region;
    }

    @Override
    public synchronized URI getSubscriberURI() {
        if (!initial) throw new IllegalStateException("JSR 289 §15: only initial requests have a subscriber URI");
        return subscriberURI;
    }

    @Override
    public synchronized SipApplicationRoutingDirective getRoutingDirective() {
        if (!initial) throw new IllegalStateException("JSR 289 §15: only initial requests have a routing directive");
        return directive;
    }

    @Override
    public void setRoutingDirective(SipApplicationRoutingDirective d, SipServletRequest origRequest) {
        if (d == null) throw new NullPointerException("directive");
        synchronized (this) {
            if (incoming || sent || !initial) {
                throw new IllegalStateException("JSR 289 §15.2.2: the directive is set on an initial request before it is sent");
            }
        }
        if (d != SipApplicationRoutingDirective.NEW) {
            if (!(origRequest instanceof FerrySipServletRequest orig) || !orig.incoming || !orig.initial) {
                throw new IllegalStateException("JSR 289 §15.2.2: CONTINUE and REVERSE need the received initial request");
            }
            synchronized (orig) {
                routingState(orig.region, orig.subscriberURI, orig.stateInfo);
            }
        }
        synchronized (this) {
            directive = d;
        }
    }

    // ------------------------------------------------------------------ proxy and B2BUA (JSR 289 §10, §12)

    synchronized FerryProxy proxyOrNull() {
        return proxy;
    }

    void proxiedFrom(FerrySipServletRequest in) {
        this.proxiedFrom = in;
    }

    FerrySipServletRequest proxiedFrom() {
        return proxiedFrom;
    }

    void proxiedTo(FerrySipServletRequest out) {
        this.proxiedTo = out;
    }

    FerrySipServletRequest proxiedTo() {
        return proxiedTo;
    }

    /** Marks this subsequent request as one the container proxies in {@code p}'s dialog: getProxy returns {@code p}, getB2buaHelper throws. */
    synchronized void dialogProxy(FerryProxy p) {
        dialogProxy = p;
        uaMode = UaMode.PROXY;
    }

    synchronized void proxyBranch(FerryProxyBranch branch) {
        this.proxyBranch = branch;
    }

    /** The proxy branch this request (or the INVITE this CANCEL cancels) was sent on, if any. */
    synchronized FerryProxyBranch proxyBranch() {
        if (proxyBranch == null && cancelled != null) return cancelled.proxyBranch();
        return proxyBranch;
    }

    /**
     * RFC 3261 §16.7 step 8: a proxy forwards a response upstream; after a 2xx further 2xx of
     * other branches still pass (the server transaction takes them in its Accepted state).
     */
    boolean forwardUpstream(SipResponse response) {
        synchronized (this) {
            responded = true;
            if (response.status() >= 200) {
                finalResponseSent = true;
                edits.commit();
            }
        }
        return sink.respond(response);
    }

    /** JSR 289 §10.2.1: the proxy of an incoming initial request (RFC 3261 §16.3: 483 when Max-Forwards is 0). */
    @Override
    public Proxy getProxy() throws TooManyHopsException {
        return getProxy(true);
    }

    /**
     * JSR 289 §10.2.1 and the {@code getProxy} javadoc: on a subsequent request of a record-routed
     * proxy dialog (the container proxies it), the dialog's proxy (for {@code getRecordRouteURI},
     * {@code getSupervised} ...): it has sent its final response, so starting it again throws.
     */
    @Override
    public Proxy getProxy(boolean create) throws TooManyHopsException {
        synchronized (this) {
            if (proxy != null) return proxy;
            if (dialogProxy != null) return dialogProxy;
            if (!create) return null;
            if (!incoming || !initial) throw new IllegalStateException("JSR 289 §10.2.1: only an incoming initial request is proxied");
            String m = getMethod();
            if (m.equals("ACK") || m.equals("CANCEL")) throw new IllegalStateException("JSR 289 §10.2.1: " + m + " is not proxied by the application");
            if (uaMode == UaMode.B2BUA) throw new IllegalStateException("JSR 289 §12.1: getB2buaHelper was called on this request: it cannot be proxied");
            if (responded) throw new IllegalStateException("JSR 289 §10.2.1: a response has been sent for this request");
            if (FerryProxy.maxForwards(request()) <= 0) {
                // RFC 3261 §16.3 step 3: the container answers 483 when the servlet lets this propagate
                throw new TooManyHopsException("Max-Forwards is 0");
            }
            uaMode = UaMode.PROXY;
            proxy = new FerryProxy(container, this);
            return proxy;
        }
    }

    /** JSR 289 §12: the helper; IllegalStateException once the request is proxied. */
    @Override
    public B2buaHelper getB2buaHelper() {
        synchronized (this) {
            if (uaMode == UaMode.PROXY) throw new IllegalStateException("JSR 289 §12: the request is proxied (getProxy was called): no B2buaHelper");
            uaMode = UaMode.B2BUA;
        }
        return new FerryB2buaHelper(container);
    }

    synchronized UaMode uaMode() {
        return uaMode;
    }

    synchronized boolean final2xxSent() {
        return final2xxSent;
    }

    /** The linked request of the other leg while the two sessions stay linked (unlinking sessions unlinks their requests). */
    FerrySipServletRequest linkedRequest() {
        FerrySipServletRequest other = linkedRequest;
        if (other == null || session == null || other.session == null) return null;
        return session.linkedSession() == other.session ? other : null;
    }

    void linkedRequest(FerrySipServletRequest other) {
        this.linkedRequest = other;
    }

    Optional<NameAddr> contactTemplate() {
        return Optional.ofNullable(contactTemplate);
    }

    void contactTemplate(NameAddr template) {
        this.contactTemplate = template;
    }

    // ------------------------------------------------------------------ content as a stream

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(getRawContent() == null ? new byte[0] : getRawContent());
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener readListener) {
                throw new IllegalStateException("SIP content is complete when the request arrives: no asynchronous reading");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String enc = getCharacterEncoding();
        Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
        return new BufferedReader(new InputStreamReader(getInputStream(), cs));
    }

    // ------------------------------------------------------------------ javax.servlet.ServletRequest

    @Override
    public String getMethod() {
        return edits.getMethod();
    }

    /** Parameters of a SIP request are those of its Request-URI (JSR 289 §5.6.1). */
    @Override
    public String getParameter(String name) {
        URI u = getRequestURI();
        return u.getParameter(name);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        String v = getParameter(name);
        return v == null ? null : new String[] {v};
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.unmodifiableMap(parameterMap());
    }

    private Map<String, String[]> parameterMap() {
        Map<String, String[]> out = new LinkedHashMap<>();
        URI u = getRequestURI();
        for (var it = u.getParameterNames(); it.hasNext(); ) {
            String n = it.next();
            out.put(n, new String[] {u.getParameter(n)});
        }
        return out;
    }

    @Override
    public long getContentLengthLong() {
        return getContentLength();
    }

    @Override
    public String getScheme() {
        return getRequestURI().getScheme();
    }

    @Override
    public String getServerName() {
        return getRequestURI() instanceof SipURI s ? s.getHost() : null;
    }

    @Override
    public int getServerPort() {
        return getRequestURI() instanceof SipURI s ? s.getPort() : -1;
    }

    @Override
    public String getRemoteHost() {
        return getRemoteAddr();
    }

    @Override
    public Enumeration<Locale> getLocales() {
        return Collections.enumeration(Collections.list(asEnumeration(getAcceptLanguages())));
    }

    private static <T> Enumeration<T> asEnumeration(java.util.Iterator<T> it) {
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return it.hasNext();
            }

            @Override
            public T nextElement() {
                return it.next();
            }
        };
    }

    @Override
    public RequestDispatcher getRequestDispatcher(String path) {
        return getServletContext().getNamedDispatcher(path);
    }

    @Override
    @Deprecated
    public String getRealPath(String path) {
        return getServletContext().getRealPath(path);
    }

    @Override
    public String getLocalName() {
        return getLocalAddr();
    }

    @Override
    public AsyncContext startAsync() {
        throw new IllegalStateException("SIP requests are asynchronous already: respond later from any thread");
    }

    @Override
    public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
        return startAsync();
    }

    @Override
    public boolean isAsyncStarted() {
        return false;
    }

    @Override
    public boolean isAsyncSupported() {
        return false;
    }

    @Override
    public AsyncContext getAsyncContext() {
        throw new IllegalStateException("no asynchronous context for SIP requests");
    }

    @Override
    public DispatcherType getDispatcherType() {
        return DispatcherType.REQUEST;
    }
}
