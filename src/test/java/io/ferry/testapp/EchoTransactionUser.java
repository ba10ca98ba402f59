package io.ferry.testapp;

import io.ferry.runtime.SipStack;
import io.ferry.runtime.SipStackAware;
import io.ferry.runtime.transport.Flow;
import io.ferry.runtime.txn.ClientTransaction;
import io.ferry.runtime.txn.ServerTransaction;
import io.ferry.runtime.txn.Transaction;
import io.ferry.runtime.txn.TransactionFailure;
import io.ferry.runtime.txn.TransactionUser;
import io.ferry.sip.Headers;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import io.ferry.sip.Via;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import javax.enterprise.context.ApplicationScoped;

/**
 * A transaction user deployed only by the ITs (in a copy of Ferry's WAR), until the SIP Servlet
 * runtime exists: answers OPTIONS, REGISTER and MESSAGE with 200 and everything else with 501;
 * a MESSAGE carrying {@code X-Test: ping-back} makes it send an OPTIONS back on the same flow, to
 * show what happens to a client transaction when that flow closes. Events are listed at
 * {@code /test/events} by {@link TestEventsServlet}.
 */
@ApplicationScoped
public class EchoTransactionUser implements TransactionUser, SipStackAware {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, Long> pingBackSentAt = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile SipStack stack;

    @Override
    public void attach(SipStack stack) {
        this.stack = stack;
    }

    List<String> events() {
        return events;
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        events.add("request " + request.method() + " flow=" + transaction.flow().id() + " transport=" + transaction.flow().transport()
                + " tls=" + transaction.flow().tls().isPresent() + " call-id=" + request.callId().orElse("-"));
        switch (request.method()) {
            case "OPTIONS", "MESSAGE" -> {
                transaction.respond(request.createResponse(200, "OK"));
                if (request.headers().firstValue("X-Test").filter("ping-back"::equals).isPresent()) {
                    pingBack(transaction.flow());
                }
            }
            case "REGISTER" -> {
                SipResponse ok = request.createResponse(200, "OK");
                Optional<String> contact = request.headers().firstValue("Contact");
                transaction.respond(contact.map(c -> ok.withHeader("Contact", c)).orElse(ok));
            }
            default -> transaction.respond(request.createResponse(501, "Not Implemented"));
        }
    }

    /** An OPTIONS from Ferry to the client on {@code flow} (RFC 5626 §5.3 style: routed by flow). */
    private void pingBack(Flow flow) {
        String branch = "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        String host = flow.localAddress().getAddress().getHostAddress();
        SipRequest options = SipRequest.of("OPTIONS", "sip:client@" + flow.remoteAddress().getAddress().getHostAddress(),
                Headers.empty()
                        .with("Via", Via.of(flow.transport().token(), host, flow.localAddress().getPort(), branch).toString())
                        .with("Max-Forwards", "70")
                        .with("From", "<sip:ferry-test@" + host + ">;tag=" + SipRequest.newTag())
                        .with("To", "<sip:client@" + flow.remoteAddress().getAddress().getHostAddress() + ">")
                        .with("Call-ID", branch.substring(7) + "@ferry-test")
                        .with("CSeq", "1 OPTIONS")
                        .with("Content-Length", "0"));
        events.add("ping-back sent flow=" + flow.id());
        pingBackSentAt.put(flow.id().value(), System.nanoTime());
        stack.transactions().sendRequest(options, flow);
    }

    @Override
    public void onAck(Flow flow, SipRequest ack, Optional<ServerTransaction> invite) {
        events.add("ack flow=" + flow.id());
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        events.add("cancel flow=" + invite.flow().id());
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        events.add("response " + response.status() + " flow=" + transaction.flow().id());
    }

    @Override
    public void onStrayResponse(Flow flow, SipResponse response) {
        events.add("stray-response " + response.status() + " flow=" + flow.id());
    }

    @Override
    public void onClientFailure(ClientTransaction transaction, TransactionFailure failure) {
        events.add("client-failure " + failure.status() + " " + failure + " method=" + transaction.method() + " flow=" + transaction.flow().id()
                + " after-ms=" + Optional.ofNullable(pingBackSentAt.get(transaction.flow().id().value()))
                        .map(sent -> (System.nanoTime() - sent) / 1_000_000).orElse(-1L));
    }

    @Override
    public void onServerFailure(ServerTransaction transaction, TransactionFailure failure) {
        events.add("server-failure " + failure + " flow=" + transaction.flow().id());
    }

    @Override
    public void onTerminated(Transaction transaction) {
        // not recorded: every transaction terminates
    }
}
