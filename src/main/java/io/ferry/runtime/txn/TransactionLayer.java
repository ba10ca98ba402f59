package io.ferry.runtime.txn;

import io.ferry.runtime.transport.CloseReason;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.transport.FlowListener;
import io.ferry.sip.CSeq;
import io.ferry.sip.NameAddr;
import io.ferry.sip.Parameters;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipSerializer;
import io.ferry.sip.Via;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The transaction layer (RFC 3261 §17, RFC 6026): matches every inbound request and response to a
 * transaction, creates server transactions for new requests, runs client transactions for
 * outgoing requests, and reports to one {@link TransactionUser}.
 *
 * <p>The transports call {@link #onRequest} and {@link #onResponse} with parsed, sanity-checked
 * messages whose top Via already carries {@code received}/{@code rport}. Register the layer with
 * the {@code FlowTable} ({@code flowTable.addListener(layer)}) so that a closing flow fails its
 * pending client transactions at once (RFC 5626 §5.3) instead of after Timer B or F.
 *
 * <p>Threading: the tables are {@link ConcurrentHashMap}s and there is no global lock; each
 * transaction serializes its own state changes (see {@link Transaction}). Any thread may call any
 * method.
 */
public final class TransactionLayer implements FlowListener, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TransactionLayer.class.getName());

    private final TransactionConfig config;
    private final TimerScheduler scheduler;
    private final TransactionUser user;
    private final SipSerializer serializer = new SipSerializer();
    private final ConcurrentHashMap<Matching.ClientKey, ClientTransaction> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Object, ServerTransaction> servers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Matching.MergeKey, ServerTransaction> merges = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Flow, Set<Transaction>> byFlow = new ConcurrentHashMap<>();
    private final TransactionCounters counters = new TransactionCounters();
    private volatile boolean closed;

    public TransactionLayer(TransactionConfig config, TimerScheduler scheduler, TransactionUser user) {
        this.config = Objects.requireNonNull(config, "config");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.user = Objects.requireNonNull(user, "user");
    }

    TransactionConfig config() {
        return config;
    }

    TimerScheduler scheduler() {
        return scheduler;
    }

    TransactionUser user() {
        return user;
    }

    /** This layer's counters, for metrics. */
    public TransactionCounters counters() {
        return counters;
    }

    ByteBuffer wire(SipMessage message) {
        return ByteBuffer.wrap(serializer.toBytes(message));
    }

    // ---------------------------------------------------------------- outgoing requests

    /** As {@link #sendRequest(SipRequest, Target)} on {@code flow}. */
    public ClientTransaction sendRequest(SipRequest request, Flow flow) {
        return sendRequest(request, Target.of(flow));
    }

    /**
     * Starts a client transaction: sends {@code request} on the target's flow now and retransmits
     * it there on unreliable transports. The top Via must be this node's (a proxy prepends its own,
     * RFC 3261 §16.6 step 8). A top Via without a branch gets a new one, and a request
     * without Via gets {@code Via: SIP/2.0/<transport> <local address>;branch=...} (RFC 3261
     * §8.1.1.7: {@code z9hG4bK} and 128 random bits). Failures (a refused send, timeout, closed
     * flow) reach the TU as {@link TransactionUser#onClientFailure}, possibly before this method
     * returns.
     *
     * @throws IllegalArgumentException for an ACK (the ACK for a 2xx is sent on the flow directly,
     *                                  RFC 3261 §17.1.1.3), a request without CSeq, a CSeq method
     *                                  other than the request's, or a malformed Via or CSeq
     * @throws IllegalStateException    when a client transaction with the same branch and method
     *                                  exists, or the layer is closed
     */
    public ClientTransaction sendRequest(SipRequest request, Target target) {
        if (closed) throw new IllegalStateException("transaction layer closed");
        Flow flow = target.flow();
        if (request.isMethod("ACK")) {
            throw new IllegalArgumentException("ACK creates no client transaction (RFC 3261 §17.1.1.3): send it on the flow");
        }
        Via top;
        CSeq cseq;
        try {
            top = request.topVia().orElse(null);
            cseq = request.cseq().orElseThrow(() -> new IllegalArgumentException("request without CSeq"));
        } catch (SipParseException e) {
            throw new IllegalArgumentException("malformed Via or CSeq: " + e.getMessage(), e);
        }
        if (!cseq.method().equals(request.method())) {
            throw new IllegalArgumentException("CSeq method " + cseq.method() + " differs from " + request.method());
        }
        if (top == null) {
            top = new Via("SIP", "2.0", flow.transport().token(), host(flow.localAddress()), flow.localAddress().getPort(),
                    Parameters.empty().with("branch", Matching.newBranch()));
            request = request.withTopVia(top);
        } else if (top.branch() == null || top.branch().isEmpty()) {
            top = top.withParam("branch", Matching.newBranch());
            request = request.withTopVia(top);
        }
        Matching.ClientKey key = new Matching.ClientKey(top.branch(), request.method());
        ClientTransaction txn = request.isMethod("INVITE")
                ? new InviteClientTransaction(this, flow, request, top, cseq)
                : new NonInviteClientTransaction(this, flow, request, top.branch());
        txn.key = key;
        attach(txn);
        if (clients.putIfAbsent(key, txn) != null) {
            detach(txn);
            throw new IllegalStateException("a client transaction for branch " + top.branch() + " " + request.method() + " exists");
        }
        counters.clientTransactions.increment();
        txn.start();
        return txn;
    }

    private static String host(InetSocketAddress address) {
        String h = address.getAddress().getHostAddress();
        return address.getAddress() instanceof Inet6Address ? "[" + h + "]" : h;
    }

    // ---------------------------------------------------------------- inbound

    /**
     * A request from {@code flow}: a retransmission goes to its server transaction; an ACK to its
     * INVITE transaction or, for a 2xx or when nothing matches, to the TU; a CANCEL is answered
     * (200 or 481, RFC 3261 §9.2); a merged request gets 482 (§8.2.2.2); any other request creates
     * a server transaction and goes to the TU.
     */
    public void onRequest(Flow flow, SipRequest request) {
        if (closed) return;
        try {
            Via top = request.topVia().orElse(null);
            CSeq cseq = request.cseq().orElse(null);
            if (top == null || cseq == null) {
                LOG.log(Level.DEBUG, "flow={0}: request without Via or CSeq dropped", flow.id());
                return;
            }
            switch (request.method()) {
                case "ACK" -> ack(flow, request, top, cseq);
                case "CANCEL" -> cancel(flow, request, top, cseq);
                default -> request(flow, request, top, cseq);
            }
        } catch (SipParseException e) {
            LOG.log(Level.DEBUG, "flow={0}: request with malformed matching headers dropped: {1}", flow.id(), e.getMessage());
        }
    }

    private void ack(Flow flow, SipRequest ack, Via top, CSeq cseq) throws SipParseException {
        Object key = Matching.serverKey(ack, top, cseq, "INVITE");
        if (servers.get(key) instanceof InviteServerTransaction invite
                && (key instanceof Matching.ServerKey || Matching.legacyMatches(ack, invite.request, invite.localTag()))) {
            invite.ack(flow, ack);
            return;
        }
        counters.strayAcks.increment();
        try {
            user.onAck(flow, ack, Optional.empty());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "flow=" + flow.id() + ": transaction user failed on ACK", e);
        }
    }

    private void cancel(Flow flow, SipRequest cancel, Via top, CSeq cseq) throws SipParseException {
        Object key = Matching.serverKey(cancel, top, cseq, "CANCEL");
        NonInviteServerTransaction txn = new NonInviteServerTransaction(this, flow, cancel, top.branch());
        if (!register(key, txn, cancel)) return;
        txn.start(false);
        // RFC 3261 §9.2: the transaction the CANCEL cancels matches it by §17.2.3, method aside
        Object inviteKey = Matching.serverKey(cancel, top, cseq, "INVITE");
        InviteServerTransaction invite = servers.get(inviteKey) instanceof InviteServerTransaction i
                && (inviteKey instanceof Matching.ServerKey || Matching.legacyMatches(cancel, i.request, Matching.toTag(i.request)))
                ? i : null;
        if (invite == null) {
            counters.unmatchedCancels.increment();
            txn.respond(cancel.createResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }
        // RFC 3261 §9.2: the CANCEL's 200 should carry the To tag of the INVITE's responses
        String tag = invite.localTag();
        txn.respond(tag == null ? cancel.createResponse(200, "OK") : cancel.createResponse(200, "OK", () -> tag));
        invite.cancelled(cancel);
    }

    private void request(Flow flow, SipRequest request, Via top, CSeq cseq) throws SipParseException {
        Object key = Matching.serverKey(request, top, cseq, request.method());
        ServerTransaction txn = request.isMethod("INVITE")
                ? new InviteServerTransaction(this, flow, request, top.branch())
                : new NonInviteServerTransaction(this, flow, request, top.branch());
        Matching.MergeKey mergeKey = config.rejectMergedRequests() ? mergeKey(request, cseq) : null;
        // set before the transaction is published: once in the server table it can end at any time
        txn.mergeKey = mergeKey;
        // RFC 3261 §8.2.2.2 applies only to a request that matches no transaction (§17.2.3), so the
        // server table decides first: a copy of the request racing the first one on another thread
        // is a retransmission. Asked the other way round, the copy found the first copy's entry in
        // the merge table (482) and then won the server table, and the TU never saw the request.
        if (!register(key, txn, request)) return;
        if (mergeKey != null && isMerged(mergeKey, txn, request)) {
            // RFC 3261 §8.2.2.2: the transaction absorbs retransmissions of the 482
            LOG.log(Level.DEBUG, "flow={0} branch={1}: merged request, answering 482", flow.id(), top.branch());
            counters.merged.increment();
            txn.start(false);
            txn.respond(request.createResponse(482, "Loop Detected"));
            return;
        }
        txn.start(true);
        // the flow may have closed before the transaction was attached to it
        if (!flow.isOpen()) txn.onFlowClosed();
    }

    /**
     * Puts {@code txn} in the server table (attached to its flow first, so that a closing flow
     * finds every transaction it could reach), or hands a retransmission to the transaction it
     * matches; returns true when {@code txn} is new.
     */
    private boolean register(Object key, ServerTransaction txn, SipRequest request) {
        txn.key = key;
        attach(txn);
        ServerTransaction existing = servers.putIfAbsent(key, txn);
        if (existing == null) {
            counters.serverTransactions.increment();
            return true;
        }
        detach(txn);
        if (key instanceof Matching.ServerKey
                || Matching.legacyMatches(request, existing.request, Matching.toTag(existing.request))) {
            counters.retransmissionsReceived.increment();
            existing.retransmission();
        } else {
            LOG.log(Level.DEBUG, "flow={0}: RFC 2543 request collides with a transaction it does not match, dropped", txn.flow.id());
        }
        return false;
    }

    /** RFC 3261 §8.2.2.2 applies to requests without a To tag; CANCEL and ACK are matched otherwise. */
    private static Matching.MergeKey mergeKey(SipRequest request, CSeq cseq) throws SipParseException {
        if (Matching.toTag(request) != null) return null;
        NameAddr from = request.from().orElse(null);
        return new Matching.MergeKey(from == null ? null : from.tag(), request.callId().orElse(""), cseq.number(), cseq.method());
    }

    /**
     * RFC 3261 §8.2.2.2: same From tag, Call-ID and CSeq as an ongoing transaction that the request
     * does not match. A spiral (the request left through one of this layer's client transactions,
     * so its second Via carries that branch) is not a merge.
     *
     * <p>{@code txn} is the request's new server transaction, already registered (so the request
     * matched no transaction). It claims the merge key atomically when no live transaction holds
     * it, so that of two racing requests with one key exactly one is first.
     */
    private boolean isMerged(Matching.MergeKey mergeKey, ServerTransaction txn, SipRequest request) {
        ServerTransaction other;
        while ((other = merges.putIfAbsent(mergeKey, txn)) != null && other.isTerminated()) {
            // ended, and its removed() has not run yet or ran before it was published
            merges.remove(mergeKey, other);
        }
        if (other == null) {
            // a transaction that ended before it claimed the key has left the tables already
            if (txn.isTerminated()) merges.remove(mergeKey, txn);
            return false;
        }
        return !isSpiral(request);
    }

    /** Whether the request's second Via carries the branch of one of this layer's client transactions. */
    private boolean isSpiral(SipRequest request) {
        List<Via> vias;
        try {
            vias = request.vias();
        } catch (SipParseException e) {
            // the transaction is published already; an unreadable Via is no evidence of a spiral
            return false;
        }
        String below = vias.size() > 1 ? vias.get(1).branch() : null;
        return below != null && clients.containsKey(new Matching.ClientKey(below, request.method()));
    }

    /**
     * A response from {@code flow}: to its client transaction (RFC 3261 §17.1.3), or to the TU as
     * stray when none matches.
     */
    public void onResponse(Flow flow, SipResponse response) {
        if (closed) return;
        Via top;
        CSeq cseq;
        try {
            top = response.topVia().orElse(null);
            cseq = response.cseq().orElse(null);
        } catch (SipParseException e) {
            LOG.log(Level.DEBUG, "flow={0}: response with malformed Via or CSeq dropped: {1}", flow.id(), e.getMessage());
            return;
        }
        if (top == null || cseq == null) {
            LOG.log(Level.DEBUG, "flow={0}: response without Via or CSeq dropped", flow.id());
            return;
        }
        if (top.branch() != null) {
            ClientTransaction txn = clients.get(new Matching.ClientKey(top.branch(), cseq.method()));
            if (txn != null && txn.receive(response)) return;
        }
        counters.strayResponses.increment();
        try {
            user.onStrayResponse(flow, response);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "flow=" + flow.id() + ": transaction user failed on a stray response", e);
        }
    }

    // ---------------------------------------------------------------- flows and bookkeeping

    /** RFC 5626 §5.3: the flow's pending client transactions fail at once (430); the others end. */
    @Override
    public void flowClosed(Flow flow, CloseReason reason) {
        Set<Transaction> txns = byFlow.remove(flow);
        if (txns == null) return;
        LOG.log(Level.DEBUG, "flow={0} closed ({1}): ending {2} transactions", flow.id(), reason, txns.size());
        for (Transaction t : txns) t.onFlowClosed();
    }

    private void attach(Transaction txn) {
        byFlow.compute(txn.flow, (f, set) -> {
            Set<Transaction> s = set == null ? ConcurrentHashMap.newKeySet() : set;
            s.add(txn);
            return s;
        });
    }

    /** Called by a transaction entering Terminated, under its monitor. */
    void removed(Transaction txn) {
        if (txn instanceof ClientTransaction c) {
            clients.remove(c.key, c);
        } else if (txn instanceof ServerTransaction s) {
            servers.remove(s.key, s);
            if (s.mergeKey != null) merges.remove(s.mergeKey, s);
        }
        detach(txn);
    }

    private void detach(Transaction txn) {
        byFlow.computeIfPresent(txn.flow, (f, set) -> {
            set.remove(txn);
            return set.isEmpty() ? null : set;
        });
    }

    /** Client transactions not yet terminated. */
    public int clientTransactionCount() {
        return clients.size();
    }

    /** Server transactions not yet terminated. */
    public int serverTransactionCount() {
        return servers.size();
    }

    /** Terminates every transaction (timers cancelled, TU told {@code onTerminated}); later messages are ignored. */
    @Override
    public void close() {
        closed = true;
        List<Transaction> all = new ArrayList<>(clients.values());
        all.addAll(servers.values());
        for (Transaction t : all) t.shutdown();
    }
}
