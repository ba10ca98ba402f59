package io.ferry.runtime.dialog;

import io.ferry.sip.CSeq;
import io.ferry.sip.HeaderField;
import io.ferry.sip.Headers;
import io.ferry.sip.NameAddr;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.SipUri;
import io.ferry.sip.Uri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The state of one dialog as one user agent holds it (RFC 3261 §12). Immutable: every message
 * that moves the dialog on returns a new state.
 *
 * @param role            whether this user agent sent ({@link DialogRole#UAC}) or answered
 *                        ({@link DialogRole#UAS}) the dialog-creating request
 * @param id              Call-ID, local tag, remote tag
 * @param localParty      the local URI with its display name (From of the requests this side
 *                        sends), without tag
 * @param remoteParty     the remote URI with its display name (their To), without tag
 * @param localSeq        the local sequence number; empty until this side sends a request
 *                        within the dialog (a UAS, §12.1.1)
 * @param remoteSeq       the remote sequence number; empty until the peer sends a request within
 *                        the dialog (a UAC, §12.1.2)
 * @param remoteTarget    the peer's Contact URI, where in-dialog requests go
 * @param routeSet        the route set, in the order of the Route header of requests this side
 *                        sends (Record-Route reversed for the UAC, as-is for the UAS)
 * @param secure          the "secure" flag: the dialog-creating request travelled over TLS
 *                        (or WSS) with a SIPS Request-URI
 * @param phase           early, confirmed or terminated
 * @param creatingRequest CSeq of the dialog-creating request, to recognise its responses
 *                        (§12.3, §13.2.2.4)
 */
public record DialogState(DialogRole role, DialogId id, NameAddr localParty, NameAddr remoteParty,
                          OptionalLong localSeq, OptionalLong remoteSeq, Uri remoteTarget, List<NameAddr> routeSet,
                          boolean secure, DialogPhase phase, CSeq creatingRequest) {

    /** RFC 3261 §8.1.1.6: the Max-Forwards of a request a user agent sends. */
    static final int MAX_FORWARDS = 70;
    private static final long MAX_SEQ = (1L << 31) - 1;

    public DialogState {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
        if (id.localTag().isEmpty()) throw new IllegalArgumentException("a dialog needs a local tag");
        localParty = withoutTag(Objects.requireNonNull(localParty, "localParty"));
        remoteParty = withoutTag(Objects.requireNonNull(remoteParty, "remoteParty"));
        checkSeq(Objects.requireNonNull(localSeq, "localSeq"));
        checkSeq(Objects.requireNonNull(remoteSeq, "remoteSeq"));
        Objects.requireNonNull(remoteTarget, "remoteTarget");
        routeSet = List.copyOf(routeSet);
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(creatingRequest, "creatingRequest");
    }

    /** RFC 3261 §8.1.1.5: a sequence number is below 2^31. */
    private static void checkSeq(OptionalLong seq) {
        if (seq.isPresent() && (seq.getAsLong() < 0 || seq.getAsLong() > MAX_SEQ)) {
            throw new IllegalArgumentException("sequence number out of range: " + seq.getAsLong());
        }
    }

    private static NameAddr withoutTag(NameAddr a) {
        if (a.isWildcard()) throw new IllegalArgumentException("'*' is not a party of a dialog");
        return a.tag() == null ? a : a.withoutParam("tag");
    }

    // ------------------------------------------------------------------ creation, §12.1

    /**
     * True when {@code response} to a request with {@code method} creates a dialog: a 2xx, or a
     * 101-199 with a To tag (RFC 3261 §12.1), to INVITE (§13), SUBSCRIBE or REFER (RFC 6665,
     * RFC 3515).
     */
    public static boolean createsDialog(String method, SipResponse response) {
        int s = response.status();
        if (s <= 100 || s >= 300 || !isDialogCreating(method)) return false;
        if (s >= 200) return true;
        try {
            return response.to().map(a -> a.tag() != null).orElse(false);
        } catch (SipParseException e) {
            return false;
        }
    }

    /** INVITE, SUBSCRIBE and REFER create dialogs. */
    public static boolean isDialogCreating(String method) {
        return method.equals("INVITE") || method.equals("SUBSCRIBE") || method.equals("REFER");
    }

    /**
     * True for target refresh requests, whose Contact replaces the remote target: re-INVITE
     * (RFC 3261 §12.2), UPDATE (RFC 3311), SUBSCRIBE and NOTIFY (RFC 6665).
     */
    public static boolean isTargetRefresh(String method) {
        return method.equals("INVITE") || method.equals("UPDATE") || method.equals("SUBSCRIBE")
                || method.equals("NOTIFY");
    }

    /**
     * The UAS side (RFC 3261 §12.1.1): the dialog this user agent creates by sending
     * {@code response} (a 101-199 with a To tag, or a 2xx) to the dialog-creating
     * {@code request}. Route set = the request's Record-Route in order; remote target = its
     * Contact; remote sequence number = its CSeq; local sequence number empty; local tag = the
     * response's To tag, remote tag = the request's From tag.
     *
     * @param secureTransport the request arrived over TLS or WSS
     * @throws IllegalArgumentException when the response does not create a dialog
     */
    public static DialogState uas(SipRequest request, SipResponse response, boolean secureTransport)
            throws DialogException {
        requireCreating(request, response);
        DialogId id = DialogId.ofSentResponse(response);
        if (!id.callId().equals(DialogId.callId(request))) throw new IllegalArgumentException("response to another request");
        if (id.localTag().isEmpty()) throw new IllegalArgumentException("a dialog-creating response needs a To tag");
        CSeq cseq = cseq(request);
        return new DialogState(DialogRole.UAS, id, DialogId.header(request, "To"), DialogId.header(request, "From"),
                OptionalLong.empty(), OptionalLong.of(cseq.number()), contact(request, true),
                routes(request), secure(request, secureTransport), phaseOf(response), cseq);
    }

    /**
     * The UAC side (RFC 3261 §12.1.2): the dialog created by {@code response} (a 101-199 with a
     * To tag, or a 2xx, with or without a To tag) to the dialog-creating {@code request} this
     * user agent sent. Route set = the response's Record-Route reversed; remote target = its
     * Contact; local sequence number = the request's CSeq; remote sequence number empty; local
     * tag = the From tag, remote tag = the response's To tag. Each To tag of a forked request
     * gives a dialog of its own.
     *
     * @param secureTransport the request was sent over TLS or WSS
     * @throws IllegalArgumentException when the response does not create a dialog
     */
    public static DialogState uac(SipRequest request, SipResponse response, boolean secureTransport)
            throws DialogException {
        requireCreating(request, response);
        DialogId id = DialogId.ofReceivedResponse(response);
        if (!id.callId().equals(DialogId.callId(request))) throw new IllegalArgumentException("response to another request");
        CSeq cseq = cseq(request);
        return new DialogState(DialogRole.UAC, id, DialogId.header(request, "From"), DialogId.header(request, "To"),
                OptionalLong.of(cseq.number()), OptionalLong.empty(), contact(response, true),
                reversed(routes(response)), secure(request, secureTransport), phaseOf(response), cseq);
    }

    private static void requireCreating(SipRequest request, SipResponse response) throws DialogException {
        DialogId.header(response, "To"); // a malformed To is a DialogException, not "creates no dialog"
        // RFC 3261 §12.1: only a request outside a dialog (no To tag) creates one
        if (DialogId.header(request, "To").tag() != null) {
            throw new IllegalArgumentException(request.method() + " with a To tag is within a dialog already");
        }
        if (!createsDialog(request.method(), response)) {
            throw new IllegalArgumentException(response.status() + " to " + request.method() + " creates no dialog");
        }
        if (!cseq(response).equals(cseq(request))) throw new IllegalArgumentException("response to another request");
    }

    private static DialogPhase phaseOf(SipResponse response) {
        return response.statusClass() == 2 ? DialogPhase.CONFIRMED : DialogPhase.EARLY;
    }

    /** RFC 3261 §12.1.1, §12.1.2: TLS (or WSS) and a SIPS Request-URI. */
    private static boolean secure(SipRequest request, boolean secureTransport) throws DialogException {
        if (!secureTransport) return false;
        try {
            return request.requestUri() instanceof SipUri u && u.secure();
        } catch (SipParseException e) {
            throw new DialogException("Bad Request-URI: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ requests sent, §12.2.1.1

    /** As {@link #createRequest(String, LongSupplier)}, with a random initial sequence number. */
    public InDialogRequest createRequest(String method) {
        return createRequest(method, DialogState::initialSequence);
    }

    /**
     * A request within this dialog (RFC 3261 §12.2.1.1): To = remote party with the remote tag,
     * From = local party with the local tag, the Call-ID, CSeq = local sequence number + 1 (or
     * {@code initialSequence} when it is empty, §8.1.1.5), Max-Forwards 70, and the Request-URI
     * and Route header from the remote target and the route set ({@link #routing()}). The request
     * has no Via, no Contact and no body; the caller adds a Contact to target refresh requests.
     *
     * @throws IllegalArgumentException for ACK ({@link #createAck}) and CANCEL (not in-dialog),
     *                                  or a method that is not a token
     * @throws IllegalStateException    when the dialog is terminated, when a UAS would send BYE
     *                                  in an early dialog (§15), or when the sequence number
     *                                  would reach 2^31 (§8.1.1.5)
     */
    public InDialogRequest createRequest(String method, LongSupplier initialSequence) {
        if (method.equals("ACK")) throw new IllegalArgumentException("ACK of a 2xx: use createAck (RFC 3261 §13.2.2.4)");
        if (method.equals("CANCEL")) throw new IllegalArgumentException("CANCEL is not sent within a dialog (RFC 3261 §9.1)");
        if (phase == DialogPhase.TERMINATED) throw new IllegalStateException("dialog terminated");
        // RFC 3261 §15: the callee MUST NOT send a BYE on an early dialog
        if (method.equals("BYE") && role == DialogRole.UAS && phase == DialogPhase.EARLY) {
            throw new IllegalStateException("the UAS must not send BYE in an early dialog (RFC 3261 §15)");
        }
        long seq;
        if (localSeq.isPresent()) {
            seq = localSeq.getAsLong() + 1;
        } else {
            seq = initialSequence.getAsLong();
            if (seq < 0) throw new IllegalArgumentException("negative initial sequence number");
        }
        if (seq > MAX_SEQ) throw new IllegalStateException("CSeq would reach 2^31 (RFC 3261 §8.1.1.5)");
        SipRequest request = build(method, new CSeq(seq, method), List.of());
        DialogState next = new DialogState(role, id, localParty, remoteParty, OptionalLong.of(seq), remoteSeq,
                remoteTarget, routeSet, secure, phase, creatingRequest);
        return new InDialogRequest(next, request);
    }

    /**
     * The ACK of a 2xx to {@code invite} (RFC 3261 §13.2.2.4): built as any in-dialog request,
     * with the INVITE's CSeq number and method ACK, and the INVITE's Authorization and
     * Proxy-Authorization fields. The local sequence number does not change. Call it after
     * {@link #onResponse} has applied the 2xx, so that the route set and remote target are the
     * 2xx's.
     *
     * @throws IllegalArgumentException when {@code invite} is not an INVITE of this dialog
     * @throws IllegalStateException    when the dialog is still early: no 2xx has been applied
     */
    public SipRequest createAck(SipRequest invite) throws DialogException {
        if (phase == DialogPhase.EARLY) throw new IllegalStateException("no 2xx applied to this early dialog yet");
        if (!invite.isMethod("INVITE")) throw new IllegalArgumentException("ACK acknowledges an INVITE, not " + invite.method());
        if (!DialogId.callId(invite).equals(id.callId())) throw new IllegalArgumentException("INVITE of another dialog");
        CSeq cseq = cseq(invite);
        List<HeaderField> credentials = new ArrayList<>(2);
        credentials.addAll(invite.headers().all("Authorization"));
        credentials.addAll(invite.headers().all("Proxy-Authorization"));
        return build("ACK", new CSeq(cseq.number(), "ACK"), credentials);
    }

    /**
     * Where an in-dialog request goes (RFC 3261 §12.2.1.1). With an empty route set, or a first
     * route with {@code lr} (loose router): Request-URI = remote target, Route = the route set.
     * Otherwise the first route is a strict router: Request-URI = its URI without the parameters
     * a Request-URI may not carry, Route = the rest of the route set followed by the remote target.
     */
    public Routing routing() {
        if (routeSet.isEmpty() || routeSet.get(0).uri() instanceof SipUri first && first.lr()) {
            return new Routing(requestUriForm(remoteTarget), routeSet);
        }
        List<NameAddr> route = new ArrayList<>(routeSet.size());
        route.addAll(routeSet.subList(1, routeSet.size()));
        route.add(NameAddr.of(remoteTarget));
        return new Routing(requestUriForm(routeSet.get(0).uri()), route);
    }

    /**
     * The Request-URI and Route values of an in-dialog request.
     *
     * @param requestUri the Request-URI
     * @param route      the Route values, top first (empty: no Route header)
     */
    public record Routing(Uri requestUri, List<NameAddr> route) {
        public Routing {
            Objects.requireNonNull(requestUri, "requestUri");
            route = List.copyOf(route);
        }
    }

    /** RFC 3261 §19.1.1 table 1: a Request-URI carries no {@code method} parameter and no headers. */
    private static Uri requestUriForm(Uri uri) {
        if (uri instanceof SipUri s) return s.withoutParam("method").withoutHeaders();
        return uri;
    }

    private SipRequest build(String method, CSeq cseq, List<HeaderField> extra) {
        Routing r = routing();
        List<HeaderField> h = new ArrayList<>(8 + r.route().size() + extra.size());
        h.add(HeaderField.of("Max-Forwards", Integer.toString(MAX_FORWARDS)));
        for (NameAddr route : r.route()) h.add(HeaderField.of("Route", route.toString()));
        NameAddr to = id.remoteTag().isEmpty() ? remoteParty : remoteParty.withTag(id.remoteTag());
        h.add(HeaderField.of("To", to.toString()));
        h.add(HeaderField.of("From", localParty.withTag(id.localTag()).toString()));
        h.add(HeaderField.of("Call-ID", id.callId()));
        h.add(HeaderField.of("CSeq", cseq.toString()));
        h.addAll(extra);
        h.add(HeaderField.of("Content-Length", "0"));
        return SipRequest.of(method, r.requestUri(), Headers.of(h));
    }

    /** RFC 3261 §8.1.1.5: below 2^31; half that range leaves room to count up. */
    private static long initialSequence() {
        return 1 + ThreadLocalRandom.current().nextLong(1L << 30);
    }

    // ------------------------------------------------------------------ responses received, §12.2.1.2

    /**
     * This user agent received {@code response} to a request it sent within this dialog, or to
     * the dialog-creating request (a UAC). Returns the next state:
     * <ul>
     *   <li>a 2xx to the dialog-creating request confirms an early dialog, and its Record-Route
     *       (reversed) replaces the route set (§13.2.2.4) and its Contact the remote target
     *       (§12.2.1.2);</li>
     *   <li>a non-2xx final response to the dialog-creating request terminates an early dialog,
     *       whatever its To tag (§12.3: every early dialog of the request ends);</li>
     *   <li>a 2xx to another target refresh request replaces the remote target with its Contact,
     *       when it has one (§12.2.1.2);</li>
     *   <li>481 or 408 terminates the dialog (§12.2.1.2), and so does a final response to BYE
     *       except 401 and 407, which the UAC answers by resending the BYE with credentials
     *       (§15.1.1).</li>
     * </ul>
     *
     * @throws IllegalArgumentException when the response belongs to another dialog
     */
    public DialogState onResponse(SipResponse response) throws DialogException {
        DialogId rid = DialogId.ofReceivedResponse(response);
        if (!id.sameLocalSide(rid)) throw new IllegalArgumentException("response of another dialog: " + rid);
        if (phase == DialogPhase.TERMINATED) return this;
        CSeq cseq = cseq(response);
        int s = response.status();
        if (role == DialogRole.UAC && cseq.equals(creatingRequest)) {
            if (s >= 300) return phase == DialogPhase.EARLY ? withPhase(DialogPhase.TERMINATED) : this;
            if (!rid.equals(id)) throw new IllegalArgumentException("response of another fork: " + rid);
            if (s >= 200 && phase == DialogPhase.EARLY) {
                return new DialogState(role, id, localParty, remoteParty, localSeq, remoteSeq,
                        contact(response, true), reversed(routes(response)), secure, DialogPhase.CONFIRMED,
                        creatingRequest);
            }
            return this;
        }
        if (!rid.equals(id)) throw new IllegalArgumentException("response of another dialog: " + rid);
        if (s == 481 || s == 408) return withPhase(DialogPhase.TERMINATED);
        if (cseq.method().equals("BYE") && s >= 200 && s != 401 && s != 407) return withPhase(DialogPhase.TERMINATED);
        if (response.statusClass() == 2 && isTargetRefresh(cseq.method())) {
            Uri target = contact(response, false);
            if (target != null) return withRemoteTarget(target);
        }
        return this;
    }

    // ------------------------------------------------------------------ requests received, §12.2.2

    /**
     * The decision on {@code request}, received within this dialog (RFC 3261 §12.2.2):
     * <ul>
     *   <li>ACK is accepted unchanged, even in a terminated dialog: it carries the CSeq number of
     *       its INVITE (§13.2.2.4) and gets no response;</li>
     *   <li>a terminated dialog answers 481;</li>
     *   <li>a CSeq number lower than the remote sequence number is out of order: 500;</li>
     *   <li>otherwise the remote sequence number becomes the request's (it was empty for a UAC
     *       that has received no request yet), a target refresh request with a Contact replaces
     *       the remote target, and BYE terminates the dialog (§15.1.2).</li>
     * </ul>
     *
     * @throws IllegalArgumentException for CANCEL (matched to its transaction, §9.2) or a request
     *                                  of another dialog
     */
    public InDialogCheck checkRequest(SipRequest request) throws DialogException {
        if (request.isMethod("CANCEL")) throw new IllegalArgumentException("CANCEL is not an in-dialog request (RFC 3261 §9.2)");
        DialogId rid = DialogId.ofReceivedRequest(request)
                .orElseThrow(() -> new IllegalArgumentException("request without To tag is outside any dialog"));
        if (!rid.equals(id)) throw new IllegalArgumentException("request of another dialog: " + rid);
        if (request.isMethod("ACK")) return new InDialogCheck.Accept(this);
        if (phase == DialogPhase.TERMINATED) return new InDialogCheck.Reject(481, "Call/Transaction Does Not Exist");
        long n = cseq(request).number();
        if (remoteSeq.isPresent() && n < remoteSeq.getAsLong()) {
            return new InDialogCheck.Reject(500, "CSeq Out of Order");
        }
        Uri target = isTargetRefresh(request.method()) ? contact(request, false) : null;
        DialogPhase nextPhase = request.isMethod("BYE") ? DialogPhase.TERMINATED : phase;
        return new InDialogCheck.Accept(new DialogState(role, id, localParty, remoteParty, localSeq, OptionalLong.of(n),
                target == null ? remoteTarget : target, routeSet, secure, nextPhase, creatingRequest));
    }

    // ------------------------------------------------------------------ responses sent

    /**
     * This user agent sent {@code response} to a request it received within this dialog, or to
     * the dialog-creating request (a UAS). A 2xx to the dialog-creating request confirms an early
     * dialog; a non-2xx final response to it terminates an early dialog (§12.3). Other responses
     * leave the dialog as it is: {@link #checkRequest} has applied their requests already.
     *
     * @throws IllegalArgumentException when the response belongs to another dialog
     */
    public DialogState onResponseSent(SipResponse response) throws DialogException {
        DialogId rid = DialogId.ofSentResponse(response);
        if (!id.callId().equals(rid.callId()) || !id.remoteTag().equalsIgnoreCase(rid.remoteTag())) {
            throw new IllegalArgumentException("response of another dialog: " + rid);
        }
        if (phase != DialogPhase.EARLY || role != DialogRole.UAS || !cseq(response).equals(creatingRequest)) return this;
        if (response.statusClass() == 2) {
            if (!rid.equals(id)) throw new IllegalArgumentException("2xx with another To tag: " + rid);
            return withPhase(DialogPhase.CONFIRMED);
        }
        return response.status() >= 300 ? withPhase(DialogPhase.TERMINATED) : this;
    }

    // ------------------------------------------------------------------ copies

    /** This dialog terminated, e.g. when a BYE got no response (RFC 3261 §15.1.1). */
    public DialogState terminated() {
        return withPhase(DialogPhase.TERMINATED);
    }

    /** A copy in phase {@code p}; the transitions above are the ones RFC 3261 allows. */
    DialogState withPhase(DialogPhase p) {
        return new DialogState(role, id, localParty, remoteParty, localSeq, remoteSeq, remoteTarget, routeSet,
                secure, p, creatingRequest);
    }

    DialogState withRemoteTarget(Uri target) {
        return new DialogState(role, id, localParty, remoteParty, localSeq, remoteSeq, target, routeSet,
                secure, phase, creatingRequest);
    }

    /** The local URI (RFC 3261 §12). */
    public Uri localUri() {
        return localParty.uri();
    }

    /** The remote URI (RFC 3261 §12). */
    public Uri remoteUri() {
        return remoteParty.uri();
    }

    public boolean isEarly() {
        return phase == DialogPhase.EARLY;
    }

    public boolean isConfirmed() {
        return phase == DialogPhase.CONFIRMED;
    }

    public boolean isTerminated() {
        return phase == DialogPhase.TERMINATED;
    }

    // ------------------------------------------------------------------ header reading

    private static CSeq cseq(SipMessage m) throws DialogException {
        try {
            return m.cseq().orElseThrow(() -> new DialogException("Missing CSeq (RFC 3261 §8.1.1.5)"));
        } catch (SipParseException e) {
            throw new DialogException("Bad CSeq: " + e.getMessage(), e);
        }
    }

    private static List<NameAddr> routes(SipMessage m) throws DialogException {
        try {
            return m.recordRoutes();
        } catch (SipParseException e) {
            throw new DialogException("Bad Record-Route: " + e.getMessage(), e);
        }
    }

    private static List<NameAddr> reversed(List<NameAddr> list) {
        List<NameAddr> r = new ArrayList<>(list);
        Collections.reverse(r);
        return r;
    }

    /**
     * The Contact URI (RFC 3261 §8.1.1.8, §12.1.1: exactly one URI). When {@code required} is
     * false, a message without Contact gives {@code null}.
     */
    private static Uri contact(SipMessage m, boolean required) throws DialogException {
        List<NameAddr> contacts;
        try {
            contacts = m.contacts();
        } catch (SipParseException e) {
            throw new DialogException("Bad Contact: " + e.getMessage(), e);
        }
        if (contacts.isEmpty()) {
            if (required) throw new DialogException("Missing Contact (RFC 3261 §12.1)");
            return null;
        }
        if (contacts.size() > 1 || contacts.get(0).isWildcard()) {
            throw new DialogException("Contact must be exactly one URI (RFC 3261 §8.1.1.8)");
        }
        return contacts.get(0).uri();
    }
}
