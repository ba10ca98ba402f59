package io.ferry.runtime.container;

import io.ferry.runtime.api.ServletAddress;
import io.ferry.runtime.api.Mutability;
import io.ferry.runtime.deploy.SipListenerType;
import io.ferry.runtime.dialog.DialogId;
import io.ferry.runtime.dialog.DialogPhase;
import io.ferry.runtime.dialog.DialogRole;
import io.ferry.runtime.dialog.DialogState;
import io.ferry.runtime.transport.Flow;
import io.ferry.sip.CSeq;
import io.ferry.sip.Headers;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipRequest;
import io.ferry.sip.Uri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.servlet.ServletContext;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionAttributeListener;
import javax.servlet.sip.SipSessionBindingEvent;
import javax.servlet.sip.SipSessionBindingListener;
import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;
import javax.servlet.sip.URI;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;

/**
 * A {@code SipSession} (JSR 289 §6.2): one leg of a call or one non-dialog transaction series, as
 * one application sees it. Holds the JSR 289 state (INITIAL, EARLY, CONFIRMED, TERMINATED) and,
 * once a dialog exists, its RFC 3261 §12 {@link DialogState}. Mutations run under the session's
 * lock: the container's thread and application threads (e.g. an HTTP servlet sending in-dialog
 * requests) may both reach it.
 */
final class FerrySipSession implements SipSession {

    private final FerryApplicationSession appSession;
    private final String id;
    private final String callId;
    private final long created = System.currentTimeMillis();
    private final SessionAttributes attributes = new SessionAttributes(new SessionAttributes.Events() {
        @Override
        public void bound(String name, Object value) {
            if (value instanceof SipSessionBindingListener b) app().call(() -> b.valueBound(new SipSessionBindingEvent(FerrySipSession.this, name)));
        }

        @Override
        public void unbound(String name, Object value) {
            if (value instanceof SipSessionBindingListener b) app().call(() -> b.valueUnbound(new SipSessionBindingEvent(FerrySipSession.this, name)));
        }

        @Override
        public void set(String name, boolean replaced) {
            var event = new SipSessionBindingEvent(FerrySipSession.this, name);
            app().listeners(SipListenerType.SESSION_ATTRIBUTE, SipSessionAttributeListener.class)
                    .forEach(l -> app().call(() -> {
                        if (replaced) l.attributeReplaced(event);
                        else l.attributeAdded(event);
                    }));
        }

        @Override
        public void removed(String name) {
            var event = new SipSessionBindingEvent(FerrySipSession.this, name);
            app().listeners(SipListenerType.SESSION_ATTRIBUTE, SipSessionAttributeListener.class)
                    .forEach(l -> app().call(() -> l.attributeRemoved(event)));
        }
    });
    /** From of the requests this side sends (with our tag). */
    private final NameAddr localParty;
    /** To of the requests this side sends (without tag until the dialog exists). */
    private NameAddr remoteParty;
    private DialogRole role;
    private State state = State.INITIAL;
    private DialogState dialog;
    private String handler;
    private volatile boolean valid = true;
    private boolean invalidateWhenReady = true;
    private int pendingTransactions;
    private boolean usedOnce;
    private volatile long lastAccessed = created;
    /** The flow the session's peer is reached on (incoming requests' flow), if known. */
    private volatile Flow flow;
    /** A session of another application in this container that is the peer of this one (internal routing). */
    private volatile FerrySipSession internalPeer;
    private SipApplicationRoutingRegion region;
    private URI subscriberURI;
    private InetSocketAddress outboundInterface;
    /** The CSeq number of the last request sent outside a dialog (UAC sessions in INITIAL state). */
    private long initialCSeq;
    /** The last ACK for a 2xx this side sent, resent when the 2xx is retransmitted (RFC 3261 §13.2.2.4). */
    private SipRequest lastAck;
    /** The initial request that created a UAS session (for Join/Replaces lookups). */
    private SipRequest initialRequest;

    // JSR 289 §12: B2BUA state
    /** The session linked to this one (B2buaHelper), guarded by the application session's lock. */
    private FerrySipSession linked;
    /** A UAS session's original request: the initial request that created it (or its original session). */
    private volatile FerrySipServletRequest originalRequest;
    /** Requests without a final response (received or sent) and received 2xx to INVITE not yet acknowledged. */
    private final List<FerrySipServletMessage> pending = new ArrayList<>();

    FerrySipSession(FerryApplicationSession appSession, String id, String callId, NameAddr localParty, NameAddr remoteParty,
                    DialogRole role) {
        this.appSession = appSession;
        this.id = id;
        this.callId = callId;
        this.localParty = localParty;
        this.remoteParty = remoteParty;
        this.role = role;
        this.initialCSeq = ThreadLocalRandom.current().nextInt(1, 1 << 16);
    }

    Application app() {
        return appSession.application();
    }

    FerryApplicationSession appSessionImpl() {
        return appSession;
    }

    // ------------------------------------------------------------------ container view

    synchronized DialogRole role() {
        return role;
    }

    synchronized Optional<DialogState> dialog() {
        return Optional.ofNullable(dialog);
    }

    synchronized void dialog(DialogState next) {
        this.dialog = next;
        if (next != null) remoteParty = next.id().remoteTag().isEmpty() ? remoteParty : remoteParty.withTag(next.id().remoteTag());
    }

    String localTag() {
        return localParty.tag();
    }

    synchronized NameAddr localNameAddr() {
        return localParty;
    }

    synchronized NameAddr remoteNameAddr() {
        return remoteParty;
    }

    synchronized void remoteParty(NameAddr party) {
        this.remoteParty = party;
    }

    synchronized void state(State next) {
        this.state = next;
    }

    synchronized State stateNow() {
        return state;
    }

    Optional<Flow> flow() {
        return Optional.ofNullable(flow);
    }

    void flow(Flow f) {
        this.flow = f;
    }

    Optional<FerrySipSession> internalPeer() {
        return Optional.ofNullable(internalPeer);
    }

    void internalPeer(FerrySipSession peer) {
        this.internalPeer = peer;
    }

    synchronized void routing(SipApplicationRoutingRegion region, URI subscriberURI) {
        this.region = region;
        this.subscriberURI = subscriberURI;
    }

    synchronized Optional<InetSocketAddress> outboundInterface() {
        return Optional.ofNullable(outboundInterface);
    }

    synchronized long nextInitialCSeq() {
        return ++initialCSeq;
    }

    synchronized void initialRequest(SipRequest request) {
        this.initialRequest = request;
    }

    synchronized Optional<SipRequest> initialRequest() {
        return Optional.ofNullable(initialRequest);
    }

    /** The CSeq number of the last ACK received for a 2xx this side sent; -1 before any. */
    private long ackedCSeq = -1;

    /** An ACK for the 2xx of {@code cseq} arrived: true the first time, false for a retransmission (RFC 3261 §13.3.1.4). */
    synchronized boolean ackReceived(long cseq) {
        if (cseq <= ackedCSeq) return false;
        ackedCSeq = cseq;
        return true;
    }

    synchronized void lastAck(SipRequest ack) {
        this.lastAck = ack;
    }

    synchronized Optional<SipRequest> lastAck() {
        return Optional.ofNullable(lastAck);
    }

    synchronized void transactionStarted() {
        pendingTransactions++;
        usedOnce = true;
    }

    /** A transaction of this session ended: the session may now be ready to invalidate. */
    void transactionEnded() {
        synchronized (this) {
            if (pendingTransactions > 0) pendingTransactions--;
        }
        appSession.queue().execute(this::checkReadyToInvalidate);
    }

    void accessed() {
        lastAccessed = System.currentTimeMillis();
        appSession.accessed();
    }

    synchronized String handlerName() {
        return handler;
    }

    void handlerName(String name) {
        synchronized (this) {
            this.handler = name;
        }
    }

    // ------------------------------------------------------------------ B2BUA bookkeeping (JSR 289 §12)

    FerrySipSession linkedSession() {
        synchronized (appSession) {
            return linked;
        }
    }

    /** Sets both ends of the link (or clears them with {@code null}); called under the application session's lock. */
    void linked(FerrySipSession other) {
        this.linked = other;
    }

    void originalRequest(FerrySipServletRequest request) {
        this.originalRequest = request;
    }

    Optional<FerrySipServletRequest> originalRequest() {
        return Optional.ofNullable(originalRequest);
    }

    /** A request was received or sent in this session (pending until its final response), or a 2xx to INVITE received (until ACKed). */
    synchronized void pending(FerrySipServletMessage message) {
        pending.add(message);
    }

    /** The final response of {@code request} was sent or received. */
    synchronized void finalResponse(FerrySipServletRequest request) {
        pending.remove(request);
    }

    /** An ACK for the 2xx to the INVITE of CSeq {@code cseq} was sent. */
    synchronized void acked(long cseq) {
        pending.removeIf(m -> m instanceof FerrySipServletResponse r && r.cseqNumber() == cseq);
    }

    synchronized List<FerrySipServletMessage> pendingMessages() {
        return List.copyOf(pending);
    }

    // ------------------------------------------------------------------ SipSession

    private void checkValid() {
        if (!valid) throw new IllegalStateException("SIP session " + id + " is invalidated");
    }

    /**
     * JSR 289 §6.2.1: a request in this session. In a dialog: RFC 3261 §12.2.1.1 (route set,
     * remote target, CSeq + 1); a UAC session outside a dialog (INITIAL, e.g. after a failure
     * response or for MESSAGE): same Call-ID, From and To, the next CSeq.
     */
    @Override
    public SipServletRequest createRequest(String method) {
        checkValid();
        if (method == null) throw new NullPointerException("method");
        if (method.equals("ACK") || method.equals("CANCEL")) {
            throw new IllegalArgumentException(method + " is created from the response or the request (SipServletResponse.createAck, SipServletRequest.createCancel)");
        }
        SipRequest request;
        synchronized (this) {
            if (state == State.TERMINATED) throw new IllegalStateException("SIP session " + id + " is terminated");
            if (dialog != null && dialog.phase() != DialogPhase.TERMINATED && !(state == State.INITIAL && role == DialogRole.UAC)) {
                var created = dialog.createRequest(method);
                dialog = created.dialog();
                request = created.request();
            } else if (role == DialogRole.UAC || role == null) {
                long cseq = nextInitialCSeq();
                Uri target = remoteParty.uri();
                request = SipRequest.of(method, target, Headers.empty()
                        .with("Max-Forwards", "70")
                        .with("From", localParty.toString())
                        .with("To", remoteParty.withoutParam("tag").toString())
                        .with("Call-ID", callId)
                        .with("CSeq", new CSeq(cseq, method).toString()));
            } else {
                throw new IllegalStateException("a UAS session creates requests only within its dialog (state " + state + ")");
            }
        }
        return app().container().newOutgoingRequest(this, request, false);
    }

    @Override
    public SipApplicationSession getApplicationSession() {
        return appSession;
    }

    @Override
    public Object getAttribute(String name) {
        checkValid();
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        checkValid();
        return Collections.enumeration(attributes.names());
    }

    @Override
    public void setAttribute(String name, Object value) {
        checkValid();
        attributes.set(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        checkValid();
        attributes.remove(name);
    }

    /** Attributes copied into a derived session (JSR 289 §6.2.3.2). */
    Map<String, Object> attributesSnapshot() {
        return attributes.snapshot();
    }

    void copyAttributes(Map<String, Object> from) {
        attributes.copy(from);
    }

    @Override
    public String getCallId() {
        return callId;
    }

    @Override
    public long getCreationTime() {
        checkValid();
        return created;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean getInvalidateWhenReady() {
        checkValid();
        synchronized (this) {
            return invalidateWhenReady;
        }
    }

    @Override
    public void setInvalidateWhenReady(boolean flag) {
        checkValid();
        synchronized (this) {
            invalidateWhenReady = flag;
        }
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessed;
    }

    @Override
    public Address getLocalParty() {
        return ServletAddress.of(localNameAddr(), Mutability.READ_ONLY);
    }

    @Override
    public Address getRemoteParty() {
        return ServletAddress.of(remoteNameAddr(), Mutability.READ_ONLY);
    }

    @Override
    public synchronized SipApplicationRoutingRegion getRegion() {
        checkValid();
        return region;
    }

    @Override
    public synchronized URI getSubscriberURI() {
        checkValid();
        return subscriberURI;
    }

    @Override
    public ServletContext getServletContext() {
        return app().context();
    }

    @Override
    public synchronized State getState() {
        checkValid();
        return state;
    }

    @Override
    public void invalidate() {
        checkValid();
        valid = false;
        app().listeners(SipListenerType.SESSION, SipSessionListener.class)
                .forEach(l -> app().call(() -> l.sessionDestroyed(new SipSessionEvent(this))));
        attributes.clear();
        synchronized (appSession) {
            // JSR 289 §12: an invalidated session is linked to nothing
            if (linked != null) linked.linked(null);
            linked = null;
        }
        app().container().forget(this);
        appSession.removeSession(this);
        appSession.queue().execute(appSession::checkReadyToInvalidate);
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    /**
     * JSR 289 §6.2.4.1.2: a dialog session is ready once TERMINATED with no transaction pending; a
     * session outside any dialog (INITIAL) once it has been used and no transaction is pending.
     */
    @Override
    public synchronized boolean isReadyToInvalidate() {
        checkValid();
        if (pendingTransactions > 0) return false;
        return state == State.TERMINATED || (state == State.INITIAL && usedOnce && dialog == null);
    }

    /** Called serialised after a transaction or the dialog ended. */
    void checkReadyToInvalidate() {
        if (!valid) return;
        boolean ready;
        synchronized (this) {
            ready = invalidateWhenReady && isReadyToInvalidate();
        }
        if (!ready) return;
        app().listeners(SipListenerType.SESSION, SipSessionListener.class)
                .forEach(l -> app().call(() -> l.sessionReadyToInvalidate(new SipSessionEvent(this))));
        boolean still;
        synchronized (this) {
            still = valid && invalidateWhenReady && isReadyToInvalidate();
        }
        if (still) invalidate();
    }

    @Override
    public void setHandler(String name) throws ServletException {
        checkValid();
        if (app().servlet(name).isEmpty()) throw new ServletException("no servlet named '" + name + "' in application " + app().name());
        handlerName(name);
    }

    @Override
    public void setOutboundInterface(InetAddress address) {
        checkValid();
        if (address == null) throw new NullPointerException("address");
        setOutboundInterface(new InetSocketAddress(address, 0));
    }

    @Override
    public void setOutboundInterface(InetSocketAddress address) {
        checkValid();
        if (address == null) throw new NullPointerException("address");
        if (!app().container().isOutboundInterface(address)) {
            throw new IllegalArgumentException(address + " is not one of this node's outbound interfaces");
        }
        synchronized (this) {
            outboundInterface = address;
        }
    }

    /** The dialog key this session is found by for requests it receives. */
    synchronized Optional<DialogId> dialogId() {
        return dialog == null ? Optional.empty() : Optional.of(dialog.id());
    }

    @Override
    public String toString() {
        return "SipSession[" + id + " " + callId + " " + state + "]";
    }
}
