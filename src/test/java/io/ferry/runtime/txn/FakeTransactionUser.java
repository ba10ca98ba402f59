package io.ferry.runtime.txn;

import io.ferry.runtime.transport.Flow;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Records every call from the layer, in order; a test may answer requests from the callback. */
final class FakeTransactionUser implements TransactionUser {

    sealed interface Event permits Request, Ack, Cancel, Response, Stray, ClientFailure, ServerFailure, Terminated {}

    record Request(ServerTransaction txn, SipRequest request) implements Event {}

    record Ack(Flow flow, SipRequest ack, Optional<ServerTransaction> invite) implements Event {}

    record Cancel(ServerTransaction invite, SipRequest cancel) implements Event {}

    record Response(ClientTransaction txn, SipResponse response) implements Event {}

    record Stray(Flow flow, SipResponse response) implements Event {}

    record ClientFailure(ClientTransaction txn, TransactionFailure failure) implements Event {}

    record ServerFailure(ServerTransaction txn, TransactionFailure failure) implements Event {}

    record Terminated(Transaction txn) implements Event {}

    final List<Event> events = java.util.Collections.synchronizedList(new ArrayList<>());
    BiConsumer<ServerTransaction, SipRequest> onRequest = (t, r) -> { };
    /** Set when any callback ran while its transaction's monitor was held (it never should). */
    volatile boolean calledUnderMonitor;

    private void check(Transaction t) {
        if (Thread.holdsLock(t)) calledUnderMonitor = true;
    }

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        check(transaction);
        events.add(new Request(transaction, request));
        onRequest.accept(transaction, request);
    }

    @Override
    public void onAck(Flow flow, SipRequest ack, Optional<ServerTransaction> invite) {
        invite.ifPresent(this::check);
        events.add(new Ack(flow, ack, invite));
    }

    @Override
    public void onCancel(ServerTransaction invite, SipRequest cancel) {
        check(invite);
        events.add(new Cancel(invite, cancel));
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        check(transaction);
        events.add(new Response(transaction, response));
    }

    @Override
    public void onStrayResponse(Flow flow, SipResponse response) {
        events.add(new Stray(flow, response));
    }

    @Override
    public void onClientFailure(ClientTransaction transaction, TransactionFailure failure) {
        check(transaction);
        events.add(new ClientFailure(transaction, failure));
    }

    @Override
    public void onServerFailure(ServerTransaction transaction, TransactionFailure failure) {
        check(transaction);
        events.add(new ServerFailure(transaction, failure));
    }

    @Override
    public void onTerminated(Transaction transaction) {
        check(transaction);
        events.add(new Terminated(transaction));
    }

    /** The recorded events of one type, in order. */
    <E extends Event> List<E> of(Class<E> type) {
        List<E> out = new ArrayList<>();
        for (Event e : List.copyOf(events)) if (type.isInstance(e)) out.add(type.cast(e));
        return out;
    }

    /** Status codes of the responses passed to the TU, in order. */
    List<Integer> responseStatuses() {
        List<Integer> out = new ArrayList<>();
        for (Response r : of(Response.class)) out.add(r.response().status());
        return out;
    }

    List<TransactionFailure> clientFailures() {
        List<TransactionFailure> out = new ArrayList<>();
        for (ClientFailure f : of(ClientFailure.class)) out.add(f.failure());
        return out;
    }

    List<TransactionFailure> serverFailures() {
        List<TransactionFailure> out = new ArrayList<>();
        for (ServerFailure f : of(ServerFailure.class)) out.add(f.failure());
        return out;
    }
}
