package io.ferry.runtime.container;

import io.ferry.runtime.api.ServletURI;
import io.ferry.runtime.transport.Flow;
import io.ferry.sip.NameAddr;
import io.ferry.sip.Parameters;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;

/**
 * A stateful proxy (JSR 289 §10, RFC 3261 §16) for one incoming initial request: branches are
 * copies of the request sent to their targets in their own client transactions; their responses
 * go through the response context of RFC 3261 §16.7 (best response, CANCEL of the others).
 *
 * <p>Threads: the proxy's state is touched only on its application session's queue (servlet
 * callbacks, branch responses and timers all run there).
 */
final class FerryProxy implements Proxy {

    /** JSR 289 §10.2: the default proxy timeout, in seconds (RFC 3261 Timer C is "greater than 3 minutes"). */
    static final int DEFAULT_TIMEOUT = 180;

    private final SipContainer container;
    private final FerrySipServletRequest original;
    private final FerrySipSession session;
    /** Branches the application created, in order. */
    private final List<FerryProxyBranch> top = new ArrayList<>();
    /** All branches, recursed ones included, in order of creation. */
    private final List<FerryProxyBranch> all = new ArrayList<>();
    /** Final (non-2xx) responses of the branches, in the order they arrived: the response context. */
    private final List<SipResponse> finals = new ArrayList<>();
    private boolean parallel = true;
    private boolean recurse = true;
    private boolean supervised = true;
    private boolean noCancel;
    private int timeout = DEFAULT_TIMEOUT;
    private boolean recordRoute;
    private ServletURI recordRouteUri;
    private boolean addToPath;
    private ServletURI pathUri;
    /** For a record-routed dialog: the flow of the branch whose 2xx established it. */
    private Flow downstream;
    /** RFC 3261 §16.7 step 5: after a 2xx or 6xx (or a CANCEL) no new branches. */
    private boolean searchEnded;
    /** A 2xx was forwarded upstream. */
    private boolean success;
    /** The final response was forwarded upstream. */
    private boolean done;

    FerryProxy(SipContainer container, FerrySipServletRequest original) {
        this.container = container;
        this.original = original;
        this.session = original.session;
    }

    // ------------------------------------------------------------------ the JSR 289 controls

    @Override
    public void proxyTo(URI uri) {
        if (uri == null) throw new NullPointerException("uri");
        proxyTo(List.of(uri));
    }

    @Override
    public void proxyTo(List<? extends URI> uris) {
        createProxyBranches(uris);
        startProxy();
    }

    @Override
    public List<ProxyBranch> createProxyBranches(List<? extends URI> targets) {
        if (done) throw new IllegalStateException("the proxy has sent its final response upstream");
        List<ProxyBranch> created = new ArrayList<>();
        for (URI target : targets) {
            FerryProxyBranch b = newBranch(target, null);
            if (b == null) continue;
            top.add(b);
            created.add(b);
        }
        return created;
    }

    @Override
    public void startProxy() {
        if (done) throw new IllegalStateException("the proxy has sent its final response upstream");
        if (searchEnded) throw new IllegalStateException("RFC 3261 §16.7: the search has ended (2xx, 6xx or CANCEL): no new branches");
        if (looped()) {
            // RFC 3261 §16.3 step 4: one of our Vias carries the branch we would compute for this request
            done = true;
            session.state(javax.servlet.sip.SipSession.State.TERMINATED);
            forward(original.request().createResponse(482, "Loop Detected", SipRequest::newTag));
            return;
        }
        List<String> required = original.request().headers().values("Proxy-Require");
        if (!required.isEmpty()) {
            // RFC 3261 §16.3 step 5: Ferry's proxy understands no proxy extension: 420, Unsupported lists them
            done = true;
            session.state(javax.servlet.sip.SipSession.State.TERMINATED);
            forward(original.request().createResponse(420, "Bad Extension", SipRequest::newTag)
                    .withHeader("Unsupported", String.join(", ", required)));
            return;
        }
        if (parallel) {
            for (FerryProxyBranch b : List.copyOf(all)) if (!b.started()) start(b);
        } else {
            next();
        }
    }

    @Override
    public void cancel() {
        cancel(List.of());
    }

    /** JSR 289 §10.2: {@link #cancel()} with one RFC 3326 Reason header per index on each CANCEL. */
    @Override
    public void cancel(String[] protocol, int[] reasonCode, String[] reasonText) {
        cancel(reasons(protocol, reasonCode, reasonText));
    }

    private void cancel(List<String> reasons) {
        if (done) throw new IllegalStateException("the proxy has sent its final response upstream");
        searchEnded = true;
        cancelPending(null, reasons);
    }

    /**
     * RFC 3326 §2: {@code Reason: protocol ;cause=code ;text="text"}, one value per index of the
     * three arrays (a null text, or a text array shorter than the others, leaves {@code text} out).
     */
    static List<String> reasons(String[] protocol, int[] reasonCode, String[] reasonText) {
        if (protocol == null || reasonCode == null) throw new NullPointerException("protocol and reasonCode are required");
        if (protocol.length != reasonCode.length) {
            throw new IllegalArgumentException("protocol and reasonCode differ in length: " + protocol.length + " and " + reasonCode.length);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < protocol.length; i++) {
            String p = protocol[i];
            if (p == null || p.isEmpty() || !p.chars().allMatch(FerryProxy::isTokenChar)) {
                throw new IllegalArgumentException("RFC 3326 §2: the protocol must be a token: " + p);
            }
            if (reasonCode[i] < 0) throw new IllegalArgumentException("RFC 3326 §2: the cause must be a non-negative number: " + reasonCode[i]);
            StringBuilder v = new StringBuilder(p).append(";cause=").append(reasonCode[i]);
            String text = reasonText != null && i < reasonText.length ? reasonText[i] : null;
            if (text != null) {
                if (text.chars().anyMatch(c -> c == '\r' || c == '\n')) throw new IllegalArgumentException("RFC 3326 §2: the text is one line");
                v.append(";text=\"").append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            values.add(v.toString());
        }
        return values;
    }

    /** RFC 3261 §25.1 token characters. */
    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    @Override
    public SipServletRequest getOriginalRequest() {
        return original;
    }

    @Override
    public ProxyBranch getProxyBranch(URI uri) {
        for (FerryProxyBranch b : all) if (b.target().equals(uri)) return b;
        return null;
    }

    @Override
    public List<ProxyBranch> getProxyBranches() {
        return List.copyOf(top);
    }

    @Override
    public boolean getParallel() {
        return parallel;
    }

    @Override
    public void setParallel(boolean parallel) {
        this.parallel = parallel;
    }

    @Override
    public int getProxyTimeout() {
        return timeout;
    }

    @Override
    public void setProxyTimeout(int seconds) {
        if (seconds <= 0) throw new IllegalArgumentException("the proxy timeout must be positive: " + seconds);
        this.timeout = seconds;
    }

    @Override
    public int getSequentialSearchTimeout() {
        return timeout;
    }

    @Override
    public void setSequentialSearchTimeout(int seconds) {
        setProxyTimeout(seconds);
    }

    @Override
    public boolean getRecurse() {
        return recurse;
    }

    @Override
    public void setRecurse(boolean recurse) {
        this.recurse = recurse;
    }

    @Override
    public boolean getSupervised() {
        return supervised;
    }

    @Override
    public void setSupervised(boolean supervised) {
        this.supervised = supervised;
    }

    @Override
    public boolean getNoCancel() {
        return noCancel;
    }

    @Override
    public void setNoCancel(boolean noCancel) {
        this.noCancel = noCancel;
    }

    @Override
    public boolean getStateful() {
        return true;
    }

    @Override
    public void setStateful(boolean stateful) {
        if (!stateful) throw new UnsupportedOperationException("Ferry proxies statefully only (JSR 289 deprecates stateless proxying)");
    }

    @Override
    public boolean getRecordRoute() {
        return recordRoute;
    }

    @Override
    public void setRecordRoute(boolean rr) {
        if (all.stream().anyMatch(FerryProxyBranch::started)) {
            throw new IllegalStateException("JSR 289 §10.2.3: Record-Route is decided before the proxy starts");
        }
        this.recordRoute = rr;
    }

    /**
     * JSR 289 §10.2.3: the URI Ferry record-routes with; the parameters the application sets on it
     * come back as {@code getPoppedRoute()} of the dialog's subsequent requests. Host, port and
     * transport are those of the flow each branch leaves on.
     */
    @Override
    public SipURI getRecordRouteURI() {
        if (!recordRoute) throw new IllegalStateException("JSR 289 §10.2.3: no Record-Route URI: record-routing is off");
        if (recordRouteUri == null) {
            recordRouteUri = ServletURI.of(new SipUri(false, null, null, container.settings().host(), -1,
                    Parameters.empty().with("lr", null), List.of()));
        }
        return (SipURI) recordRouteUri;
    }

    /**
     * RFC 3261 §16.6 step 4 and RFC 5658: the Record-Route of a branch leaving on {@code out}:
     * one entry with the address and transport of {@code out}; two when the request came in on
     * another transport or address, the lower one naming the incoming flow, so that requests
     * from either side reach Ferry on the flow they can use.
     */
    SipRequest withRecordRoute(SipRequest m, Flow out) {
        if (!recordRoute) return m;
        SipUri base = (SipUri) ((ServletURI) getRecordRouteURI()).toUri();
        Flow in = original.flow;
        if (in != null && (in.transport() != out.transport() || !in.localAddress().equals(out.localAddress()))) {
            m = m.withPrependedHeader("Record-Route", recordRouteEntry(base, in));
        }
        return m.withPrependedHeader("Record-Route", recordRouteEntry(base, out));
    }

    /**
     * RFC 3327 §5.1 and JSR 289 §10.2: a REGISTER leaving on {@code out} from a branch with
     * {@code addToPath} gets Ferry's Path entry on top: the address and transport of {@code out},
     * {@code lr}, and the parameters the application set on {@link #getPathURI()}. Other methods
     * are left alone (the javadoc scopes Path to REGISTER).
     */
    SipRequest withPath(SipRequest m, Flow out, FerryProxyBranch b) {
        if (!m.isMethod("REGISTER") || !b.getAddToPath()) return m;
        return m.withPrependedHeader("Path", recordRouteEntry((SipUri) pathUri().toUri(), out));
    }

    private String recordRouteEntry(SipUri base, Flow f) {
        String host = SipContainer.localHost(f).orElse(base.host());
        Parameters params = base.params().without("transport").without("lr")
                .with("transport", f.transport().token().toLowerCase(java.util.Locale.ROOT)).with("lr", null);
        return NameAddr.of(new SipUri(false, null, null, host, container.advertisedPort(f), params, List.of())).toString();
    }

    /** The flow the 2xx came from (downstream side of the record-routed dialog), once there is one. */
    Flow downstream() {
        return downstream;
    }

    /** The From tag of the original request: subsequent requests with it go downstream. */
    String callerTag() {
        try {
            return original.request().from().map(NameAddr::tag).orElse(null);
        } catch (SipParseException e) {
            return null;
        }
    }

    FerrySipServletRequest original() {
        return original;
    }

    @Override
    public boolean getAddToPath() {
        return addToPath;
    }

    /** JSR 289 §10.2: whether the REGISTERs of branches sent from now on get Ferry's Path entry (RFC 3327); other methods get none. */
    @Override
    public void setAddToPath(boolean p) {
        this.addToPath = p;
    }

    /**
     * JSR 289 §10.2: the URI whose parameters go into Ferry's Path entry and come back as
     * {@code getPoppedRoute()} of requests routed through it. Host, port and transport are those of
     * the flow each branch leaves on.
     */
    @Override
    public SipURI getPathURI() {
        if (!addToPath) throw new IllegalStateException("JSR 289 §10.2: no Path URI: addToPath is off");
        return (SipURI) pathUri();
    }

    /** The Path URI whose parameters the application sets (shared by the proxy and its branches). */
    ServletURI pathUri() {
        if (pathUri == null) {
            pathUri = ServletURI.of(new SipUri(false, null, null, container.settings().host(), -1,
                    Parameters.empty().with("lr", null), List.of()));
        }
        return pathUri;
    }

    /**
     * JSR 289 §10.2: accepts an address of one of this node's listeners (port 0: any of them on
     * that address). Ferry has one listener per transport, so the branches leave on the listener
     * (or the flow) of their transport whatever is chosen, and Via and Record-Route carry that
     * flow's address (docs/sip-servlet-compliance.md).
     */
    @Override
    public void setOutboundInterface(InetAddress address) {
        if (address == null) throw new NullPointerException("address");
        setOutboundInterface(new InetSocketAddress(address, 0));
    }

    @Override
    public void setOutboundInterface(InetSocketAddress address) {
        checkOutboundInterface(container, session, address);
    }

    /** The validation of {@code setOutboundInterface} shared by {@link FerryProxy} and {@link FerryProxyBranch}. */
    static void checkOutboundInterface(SipContainer container, FerrySipSession session, InetSocketAddress address) {
        if (address == null) throw new NullPointerException("address");
        if (!session.isValid()) throw new IllegalStateException("the proxy's session is invalidated");
        if (!container.isOutboundInterface(address)) {
            throw new IllegalArgumentException(address + " is not one of this node's outbound interfaces");
        }
    }

    // ------------------------------------------------------------------ loop detection (RFC 3261 §16.3 step 4, §16.6 step 8)

    /** The loop-detection hash of the request as received (computed once: every branch carries it). */
    private String loopHash;

    private String poppedRouteText() {
        javax.servlet.sip.Address popped = original.getPoppedRoute();
        return popped == null ? null : popped.toString();
    }

    /** RFC 3261 §16.6 step 8: the Via branch of a branch's request: {@code unique} plus the loop-detection hash. */
    String viaBranch(String unique) {
        if (loopHash == null) {
            try {
                loopHash = LoopDetection.hash(original.request(), original.request().topVia().orElse(null), poppedRouteText());
            } catch (SipParseException e) {
                return unique; // a request whose routing fields do not parse carries no loop-detection part
            }
        }
        return LoopDetection.branch(unique, loopHash);
    }

    /** RFC 3261 §16.3 step 4: the request went through this proxy before, unchanged: it has looped. */
    private boolean looped() {
        try {
            return LoopDetection.looped(original.request(), poppedRouteText(), container::isOwnSentBy);
        } catch (SipParseException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ branches (RFC 3261 §16.6)

    /** A new branch to {@code target}, or null when a branch to that URI exists (JSR 289 §10.2.2: one branch per URI). */
    private FerryProxyBranch newBranch(URI target, FerryProxyBranch parent) {
        if (!(target instanceof ServletURI u)) throw new IllegalArgumentException("not a URI of this container: " + target);
        if (getProxyBranch(target) != null) return null;
        // RFC 3261 §16.6 steps 1-3: a copy, Request-URI = target, Max-Forwards decremented (70 when absent)
        SipRequest m = original.request().withRequestUri(u.toUri());
        m = m.withHeader("Max-Forwards", String.valueOf(maxForwards(m) - 1));
        FerrySipServletRequest r = container.newOutgoingRequest(session, m, true);
        // a flow the application named on the original request (not the flow it arrived on)
        Object flow = original.edits.getAttribute(io.ferry.flow.SipFlows.ATTRIBUTE);
        if (flow != null) r.setAttribute(io.ferry.flow.SipFlows.ATTRIBUTE, flow);
        FerryProxyBranch b = new FerryProxyBranch(this, target, r, parent);
        all.add(b);
        return b;
    }

    /** The Max-Forwards of {@code m}; 71 when absent (so that the copy gets the default 70, RFC 3261 §16.6 step 3). */
    static int maxForwards(SipRequest m) {
        try {
            return m.headers().firstValue("Max-Forwards").map(v -> Integer.parseInt(v.trim())).orElse(71);
        } catch (NumberFormatException e) {
            return 71;
        }
    }

    private void start(FerryProxyBranch b) {
        if (searchEnded || done) return;
        b.markStarted();
        armTimer(b);
        container.sendProxyBranch(b.requestImpl());
    }

    /** The branch's proxy timer (RFC 3261 Timer C), from now; replaces a running one. */
    private void armTimer(FerryProxyBranch b) {
        Duration t = Duration.ofSeconds(b.getProxyBranchTimeout());
        b.timer(container.scheduler().schedule(() -> session.appSessionImpl().queue().execute(() -> timedOut(b)), t));
    }

    /**
     * RFC 3261 §16.8 (Timer C) and JSR 289 §10.2.3: the branch had no final response in time: it
     * is cancelled, counts as a 408 for best-response selection, and a sequential search goes on.
     */
    private void timedOut(FerryProxyBranch b) {
        if (b.finalResponse() != null || done) return;
        // made from the request as received (without our Via): it goes upstream as it is
        b.finalResponse(original.request().createResponse(408, "Request Timeout", SipRequest::newTag));
        finals.add(b.finalResponse());
        sendCancel(b);
        next();
    }

    /** Sequential search: the next branch when none is pending; then, when nothing is pending, the best response. */
    private void next() {
        if (done) return;
        if (!parallel && !searchEnded && all.stream().noneMatch(FerryProxyBranch::pending)) {
            for (FerryProxyBranch b : all) {
                if (!b.started()) {
                    start(b);
                    return;
                }
            }
        }
        if (all.stream().anyMatch(FerryProxyBranch::pending)) return;
        if (success) {
            done = true;
            return;
        }
        complete();
    }

    /** RFC 3261 §16.7 step 6: every branch has its final response: the best one goes upstream. */
    private void complete() {
        FerryProxyBranch from = finals.isEmpty() ? null : branchOf(finals.get(BestResponse.bestIndex(finals)));
        SipResponse best = BestResponse.select(original.request(), finals);
        if (supervised) {
            FerrySipServletResponse view = new FerrySipServletResponse(container, best, session,
                    from == null ? original : from.requestImpl(), true, true);
            view.proxyBranch(from, false);
            container.dispatchProxyResponse(session, view);
            view.edits.commit();
            // JSR 289 §10.2.4.1: the application may have started new branches from doResponse
            if (all.stream().anyMatch(FerryProxyBranch::pending)) return;
            // JSR 289 §10.2.4: what the application made of the best response goes upstream
            best = view.response();
        }
        done = true;
        // JSR 289 §6.2.1: a proxy session whose search failed has no dialog to follow
        session.state(javax.servlet.sip.SipSession.State.TERMINATED);
        forward(best);
    }

    private static boolean hasToTag(SipResponse r) {
        try {
            return r.to().map(t -> t.tag() != null).orElse(false);
        } catch (SipParseException e) {
            return false;
        }
    }

    FerrySipSession session() {
        return session;
    }

    SipContainer container() {
        return container;
    }

    private FerryProxyBranch branchOf(SipResponse r) {
        for (FerryProxyBranch b : all) {
            SipResponse f = b.finalResponse();
            if (f == r) return b;
        }
        return null;
    }

    private void forward(SipResponse r) {
        container.forwardUpstream(original, r);
    }

    // ------------------------------------------------------------------ responses (RFC 3261 §16.7)

    /** A response (or the container's 408/430/503 for a failed transaction) of branch {@code b}, on the queue. */
    void received(FerryProxyBranch b, SipResponse received) {
        int status = received.status();
        // RFC 3261 §16.7 step 9: upstream without our Via (a response the container made up for a
        // branch that never left has none)
        SipResponse r = b.requestImpl().flow != null ? received.withoutTopVia() : received;
        // RFC 3261 §16.7 step 3: 100 is hop by hop
        if (status == 100) return;
        // JSR 289 §10.2.4: the application may change the response it is shown before it goes upstream
        FerrySipServletResponse view = new FerrySipServletResponse(container, received, session, b.requestImpl(), true, true);
        view.proxyBranch(b, false);
        b.response(view);
        if (status < 200) {
            b.provisional(true);
            if (done || b.finalResponse() != null) {
                view.edits.commit();
                return;
            }
            // RFC 3261 §16.7 step 2 (Timer C) and JSR 289 proxyTimeout: a provisional response
            // restarts the branch's timer
            armTimer(b);
            if (recordRoute && hasToTag(r) && session.stateNow() == javax.servlet.sip.SipSession.State.INITIAL) {
                session.state(javax.servlet.sip.SipSession.State.EARLY);
            }
            // RFC 3261 §16.7 step 5: provisional responses go upstream at once, minus our Via
            forward(supervise(b, view, supervised));
            return;
        }
        if (r.statusClass() == 2) {
            boolean first = b.finalResponse() == null || b.finalResponse().statusClass() != 2;
            b.finalResponse(r);
            b.timer(null);
            if (!success) {
                // RFC 3261 §16.7 step 10: the other branches are cancelled; no new ones
                success = true;
                searchEnded = true;
                if (!noCancel) cancelPending(b);
            }
            if (original.getMethod().equals("INVITE") && b.requestImpl().flow != null) container.acceptedBranch(this, received);
            if (recordRoute && original.getMethod().equals("INVITE") && hasToTag(r)) {
                // the dialog's subsequent requests pass through this proxy (RFC 3261 §16.6 step 4)
                if (downstream == null) downstream = b.requestImpl().flow;
                session.state(javax.servlet.sip.SipSession.State.CONFIRMED);
                container.proxyDialog(this, r);
            }
            // RFC 3261 §16.7 step 5: every 2xx (of any branch, retransmissions too) is forwarded at once
            forward(supervise(b, view, supervised && first));
            next();
            return;
        }
        view.edits.commit();
        if (b.finalResponse() != null) return; // a late response of a branch that timed out
        b.finalResponse(r);
        b.timer(null);
        finals.add(r);
        if (r.statusClass() == 3 && b.getRecurse() && !searchEnded) recurse(b, r);
        if (r.statusClass() == 6) {
            // RFC 3261 §16.7 step 5: a 6xx ends the search; pending branches are cancelled
            searchEnded = true;
            if (!noCancel) cancelPending(null);
        }
        if (supervised) {
            FerrySipServletResponse branchView = new FerrySipServletResponse(container, received, session, b.requestImpl(), true, true);
            branchView.proxyBranch(b, true);
            // JSR 289 §10.2.4.1: intermediate final responses of branches reach doBranchResponse;
            // what the application made of it takes part in best-response selection
            SipResponse changed = supervise(b, branchView, true);
            for (int i = 0; i < finals.size(); i++) if (finals.get(i) == r) finals.set(i, changed);
            b.finalResponse(changed);
        }
        next();
    }

    /**
     * JSR 289 §10.2.4: {@code view} goes to the application when {@code dispatch}, then is
     * committed; returns the response to send upstream: as the application left it (system
     * headers cannot change), minus our Via (RFC 3261 §16.7 step 9).
     */
    private SipResponse supervise(FerryProxyBranch b, FerrySipServletResponse view, boolean dispatch) {
        if (dispatch) container.dispatchProxyResponse(session, view);
        view.edits.commit();
        SipResponse m = view.response();
        return b.requestImpl().flow != null ? m.withoutTopVia() : m;
    }

    /**
     * RFC 6026 §7.3 and RFC 3261 §16.7 step 5: a 2xx of one of our INVITE branches that arrived
     * after its client transaction ended goes upstream statelessly, minus our Via, on the flow
     * the request came in on (the application does not see retransmissions).
     */
    void retransmitted2xx(SipResponse response) {
        Flow in = original.flow;
        if (!session.isValid() || in == null) return;
        if (!in.send(response.withoutTopVia())) {
            System.getLogger(FerryProxy.class.getName()).log(System.Logger.Level.DEBUG, "2xx retransmission not forwarded: the flow refused it");
        }
    }

    /** RFC 3261 §16.7 step 4: the Contacts of a 3xx become new branches (JSR 289 setRecurse). */
    private void recurse(FerryProxyBranch b, SipResponse r) {
        List<NameAddr> contacts;
        try {
            contacts = r.contacts();
        } catch (SipParseException e) {
            return;
        }
        for (NameAddr c : contacts) {
            if (c.isWildcard()) continue;
            FerryProxyBranch child = newBranch(ServletURI.of(c.uri()), b);
            if (child == null) continue;
            b.addRecursed(child);
            if (parallel) start(child);
        }
    }

    // ------------------------------------------------------------------ CANCEL (RFC 3261 §16.10, §9.1)

    void cancelBranch(FerryProxyBranch b, List<String> reasons) {
        if (!b.started()) throw new IllegalStateException("the branch has not been started");
        if (b.finalResponse() != null) throw new IllegalStateException("the branch has its final response");
        b.markCancelled();
        sendCancel(b, reasons);
    }

    private void cancelPending(FerryProxyBranch except) {
        cancelPending(except, List.of());
    }

    private void cancelPending(FerryProxyBranch except, List<String> reasons) {
        for (FerryProxyBranch b : List.copyOf(all)) {
            if (b != except && b.pending()) {
                b.markCancelled();
                sendCancel(b, reasons);
            }
        }
    }

    private void sendCancel(FerryProxyBranch b) {
        sendCancel(b, List.of());
    }

    /** RFC 3261 §9.1 CANCEL of branch {@code b}, with RFC 3326 Reason headers {@code reasons}. */
    private void sendCancel(FerryProxyBranch b, List<String> reasons) {
        if (!b.requestImpl().getMethod().equals("INVITE")) return; // RFC 3261 §9: only INVITE is cancelled
        try {
            FerrySipServletRequest cancel = (FerrySipServletRequest) b.requestImpl().createCancel();
            for (String r : reasons) cancel.edits.containerEdit(m -> ((SipRequest) m).withAppendedHeader("Reason", r));
            container.send(cancel);
        } catch (IllegalStateException e) {
            // not sent yet or answered already: nothing to cancel
        }
    }

    /**
     * RFC 3261 §16.10: the UAC cancelled: every pending branch is cancelled and the best response
     * (487s) goes upstream once they have answered. Returns false when no branch is pending (the
     * container answers 487 itself then).
     */
    boolean cancelledUpstream() {
        searchEnded = true;
        if (done || all.stream().noneMatch(FerryProxyBranch::pending)) return false;
        cancelPending(null);
        return true;
    }

    /** Whether a branch was started (the request is being proxied). */
    boolean isStarted() {
        return done || all.stream().anyMatch(FerryProxyBranch::started);
    }

    /** Whether the final response went upstream. */
    boolean isDone() {
        return done;
    }
}
