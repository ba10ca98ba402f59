package io.ferry.runtime.transport.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/** A DNS server in memory: answers from the records it was given, NXDOMAIN otherwise; never touches the network. */
final class FakeResolver implements Resolver {

    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final Set<Name> failing = ConcurrentHashMap.newKeySet();
    final List<String> queries = new CopyOnWriteArrayList<>();

    FakeResolver add(Record... records) {
        for (Record r : records) {
            zone.computeIfAbsent(r.getName(), n -> new CopyOnWriteArrayList<>()).add(r);
        }
        return this;
    }

    /** Queries for {@code name} get SERVFAIL. */
    FakeResolver failing(Name name) {
        failing.add(name);
        return this;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query, Executor executor) {
        Record q = query.getQuestion();
        queries.add(Type.string(q.getType()) + " " + q.getName());
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(q, Section.QUESTION);
        if (failing.contains(q.getName())) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return CompletableFuture.completedFuture(response);
        }
        List<Record> records = zone.get(q.getName());
        if (records == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return CompletableFuture.completedFuture(response);
        }
        List<Record> answers = new ArrayList<>();
        for (Record r : records) {
            if (r.getType() == q.getType()) answers.add(r);
        }
        for (Record r : answers) response.addRecord(r, Section.ANSWER);
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public void setPort(int port) {
    }

    @Override
    public void setTCP(boolean flag) {
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
    }

    @Override
    public void setTSIGKey(TSIG key) {
    }

    @Override
    public void setTimeout(Duration timeout) {
    }
}
