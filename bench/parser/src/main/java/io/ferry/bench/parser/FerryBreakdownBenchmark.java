package io.ferry.bench.parser;

import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import io.ferry.sip.SipParser;
import io.ferry.sip.SipLimits;
import io.ferry.sip.SipRequest;
import io.ferry.sip.SipResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Where Ferry's time and allocation go: the framing parse alone, then the parse plus one proxy
 * field at a time. Not part of the Ferry/JAIN-SIP comparison; run it with
 * {@code ./run.sh --breakdown} (see bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class FerryBreakdownBenchmark {

    @Param({"REGISTER", "INVITE", "OK200"})
    public Workload workload;

    private byte[] bytes;
    private SipParser parser;

    @Setup(Level.Trial)
    public void setUp() {
        bytes = workload.bytes();
        parser = new SipParser(SipLimits.defaults());
    }

    @Benchmark
    public SipMessage parseOnly() throws SipParseException {
        return parser.parse(bytes, 0, bytes.length);
    }

    @Benchmark
    public Object parseTopVia() throws SipParseException {
        return parser.parse(bytes, 0, bytes.length).topVia().orElseThrow().branch();
    }

    @Benchmark
    public Object parseCallId() throws SipParseException {
        return parser.parse(bytes, 0, bytes.length).callId().orElseThrow();
    }

    @Benchmark
    public void parseCSeq(Blackhole bh) throws SipParseException {
        var c = parser.parse(bytes, 0, bytes.length).cseq().orElseThrow();
        bh.consume(c.number());
        bh.consume(c.method());
    }

    @Benchmark
    public Object parseToTag() throws SipParseException {
        return parser.parse(bytes, 0, bytes.length).to().orElseThrow().tag();
    }

    @Benchmark
    public Object parseRequestUriOrStatus() throws SipParseException {
        SipMessage m = parser.parse(bytes, 0, bytes.length);
        return m instanceof SipRequest r ? r.requestUri() : (Object) ((SipResponse) m).status();
    }
}
