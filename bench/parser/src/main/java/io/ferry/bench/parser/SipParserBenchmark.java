package io.ferry.bench.parser;

import gov.nist.javax.sip.message.SIPMessage;
import io.ferry.sip.SipMessage;
import io.ferry.sip.SipParseException;
import java.text.ParseException;
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
 * Issue 5: parse one whole SIP message from a byte array and read what a proxy needs, with
 * Ferry's parser and with JAIN-SIP RI's, on the same bytes, in the same JVM settings.
 * Run through {@code run.sh} (throughput, {@code -prof gc}, {@link CpuTimeProfiler}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class SipParserBenchmark {

    @Param({"REGISTER", "INVITE", "OK200"})
    public Workload workload;

    private byte[] bytes;
    private FerrySide ferry;
    private JainSipSide jainSip;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bytes = workload.bytes();
        ferry = new FerrySide();
        jainSip = new JainSipSide();
        // Both sides must read the same proxy fields from the same bytes, or the run is void.
        ProxyView f = FerrySide.view(ferry.parse(bytes));
        ProxyView j = JainSipSide.view(jainSip.parse(bytes));
        if (!f.equals(j) || f.branch() == null || f.callId() == null) {
            throw new IllegalStateException(workload + ": parsers disagree: Ferry " + f + ", JAIN-SIP " + j);
        }
    }

    /**
     * Zero-copy parse. The same array is handed over on every call; that is within
     * {@code parse}'s contract because neither side ever writes to it (JAIN-SIP's call does not
     * copy either). A transport gives each message its own array anyway (WebSocket text to bytes).
     */
    @Benchmark
    public void ferry(Blackhole bh) throws SipParseException {
        SipMessage m = ferry.parse(bytes);
        FerrySide.touch(m, bh);
    }

    /** Copy, then parse: the cost for a transport that reuses its receive buffer. */
    @Benchmark
    public void ferryCopy(Blackhole bh) throws SipParseException {
        SipMessage m = ferry.parseCopy(bytes);
        FerrySide.touch(m, bh);
    }

    @Benchmark
    public void jainSip(Blackhole bh) throws ParseException {
        SIPMessage m = jainSip.parse(bytes);
        JainSipSide.touch(m, bh);
    }
}
