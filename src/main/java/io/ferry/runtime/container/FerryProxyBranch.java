package io.ferry.runtime.container;

import io.ferry.sip.SipResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;

/**
 * One branch of a {@link FerryProxy} (JSR 289 §10.2.2, RFC 3261 §16.6): a copy of the proxied
 * request sent to one target in its own client transaction. All state changes run on the
 * application session's queue.
 */
final class FerryProxyBranch implements ProxyBranch {

    private final FerryProxy proxy;
    private final URI target;
    private final FerrySipServletRequest request;
    private final FerryProxyBranch parent;
    private final List<FerryProxyBranch> recursed = new ArrayList<>();
    private boolean started;
    private boolean cancelled;
    private boolean recurse;
    private int timeoutSeconds;
    /** The application's addToPath for this branch; null: the proxy's. */
    private Boolean addToPath;
    /** The last response of the branch (JSR 289 {@code getResponse}). */
    private FerrySipServletResponse response;
    /** The final response that counts for best-response selection, once the branch has one. */
    private SipResponse finalResponse;
    private boolean provisional;
    private io.ferry.runtime.txn.TimerScheduler.TimerHandle timer;

    FerryProxyBranch(FerryProxy proxy, URI target, FerrySipServletRequest request, FerryProxyBranch parent) {
        this.proxy = proxy;
        this.target = target;
        this.request = request;
        this.parent = parent;
        this.recurse = proxy.getRecurse();
        this.timeoutSeconds = proxy.getProxyTimeout();
        request.proxyBranch(this);
    }

    URI target() {
        return target;
    }

    FerrySipServletRequest requestImpl() {
        return request;
    }

    FerryProxyBranch parent() {
        return parent;
    }

    synchronized boolean started() {
        return started;
    }

    synchronized void markStarted() {
        started = true;
    }

    synchronized boolean cancelled() {
        return cancelled;
    }

    synchronized void markCancelled() {
        cancelled = true;
    }

    synchronized SipResponse finalResponse() {
        return finalResponse;
    }

    synchronized void finalResponse(SipResponse r) {
        finalResponse = r;
    }

    synchronized boolean provisional() {
        return provisional;
    }

    synchronized void provisional(boolean p) {
        provisional = p;
    }

    synchronized void response(FerrySipServletResponse r) {
        response = r;
    }

    synchronized void timer(io.ferry.runtime.txn.TimerScheduler.TimerHandle t) {
        if (timer != null) timer.cancel();
        timer = t;
    }

    synchronized void addRecursed(FerryProxyBranch b) {
        recursed.add(b);
    }

    /** Whether the branch is started and still waits for its final response. */
    synchronized boolean pending() {
        return started && finalResponse == null;
    }

    // ------------------------------------------------------------------ ProxyBranch

    @Override
    public void cancel() {
        proxy.cancelBranch(this, List.of());
    }

    /** JSR 289 §10.2: {@link #cancel()} with one RFC 3326 Reason header per index on the CANCEL. */
    @Override
    public void cancel(String[] protocol, int[] reasonCode, String[] reasonText) {
        proxy.cancelBranch(this, FerryProxy.reasons(protocol, reasonCode, reasonText));
    }

    /** The branch's own choice, or the proxy's when the application made none. */
    @Override
    public synchronized boolean getAddToPath() {
        return addToPath != null ? addToPath : proxy.getAddToPath();
    }

    /** JSR 289 §10.2: the proxy's Path URI (one per proxy); IllegalStateException when this branch adds no Path. */
    @Override
    public SipURI getPathURI() {
        if (!getAddToPath()) throw new IllegalStateException("JSR 289 §10.2: no Path URI: addToPath is off for this branch");
        return (SipURI) proxy.pathUri();
    }

    @Override
    public Proxy getProxy() {
        return proxy;
    }

    @Override
    public synchronized int getProxyBranchTimeout() {
        return timeoutSeconds;
    }

    @Override
    public boolean getRecordRoute() {
        return proxy.getRecordRoute();
    }

    @Override
    public synchronized boolean getRecurse() {
        return recurse;
    }

    @Override
    public SipURI getRecordRouteURI() {
        return proxy.getRecordRouteURI();
    }

    @Override
    public synchronized List<ProxyBranch> getRecursedProxyBranches() {
        return List.copyOf(recursed);
    }

    @Override
    public SipServletRequest getRequest() {
        return request;
    }

    @Override
    public synchronized SipServletResponse getResponse() {
        return response;
    }

    @Override
    public synchronized boolean isStarted() {
        return started;
    }

    @Override
    public void setRecordRoute(boolean rr) {
        if (rr != proxy.getRecordRoute()) {
            throw new IllegalStateException("Ferry sets Record-Route per proxy, not per branch (docs/sip-servlet-compliance.md): use Proxy.setRecordRoute");
        }
    }

    @Override
    public synchronized void setRecurse(boolean recurse) {
        this.recurse = recurse;
    }

    /** JSR 289 §10.2: whether this branch's REGISTER gets Ferry's Path entry (RFC 3327); other methods get none. */
    @Override
    public synchronized void setAddToPath(boolean p) {
        addToPath = p;
    }

    /** As {@link FerryProxy#setOutboundInterface(InetAddress)}: validated; the branch leaves on the listener of its transport. */
    @Override
    public void setOutboundInterface(InetAddress address) {
        if (address == null) throw new NullPointerException("address");
        setOutboundInterface(new InetSocketAddress(address, 0));
    }

    @Override
    public void setOutboundInterface(InetSocketAddress address) {
        FerryProxy.checkOutboundInterface(proxy.container(), proxy.session(), address);
    }

    @Override
    public synchronized void setProxyBranchTimeout(int seconds) {
        if (seconds <= 0) throw new IllegalArgumentException("the branch timeout must be positive: " + seconds);
        this.timeoutSeconds = seconds;
    }
}
