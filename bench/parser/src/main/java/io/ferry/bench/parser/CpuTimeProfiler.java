package io.ferry.bench.parser;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * JMH profiler: CPU time of the whole benchmark JVM (benchmark thread, GC, JIT) per operation,
 * as {@code cpu.time.norm} in ns/op. Wall-clock throughput on a shared machine measures the
 * share of a core the benchmark got; CPU time per message measures the work, so its ratio
 * stays meaningful when other processes compete for the cores. GC threads are included on
 * purpose: collecting what a parser allocates is part of its cost.
 *
 * <p>Use with {@code -prof io.ferry.bench.parser.CpuTimeProfiler} (run.sh does).
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuAtStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation (benchmark thread + GC + JIT)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuAtStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuAtStart;
        // all ops, not only the measured window: the CPU time spans the whole iteration (as GCProfiler does)
        long ops = result.getMetadata().getAllOps();
        if (cpuAtStart < 0 || ops <= 0) {
            return List.of();
        }
        return List.of(new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    }
}
