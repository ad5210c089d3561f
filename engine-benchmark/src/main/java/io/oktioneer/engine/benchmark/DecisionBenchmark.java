package io.oktioneer.engine.benchmark;

import io.oktioneer.engine.index.Decision;
import io.oktioneer.engine.index.DecisionQuery;
import io.oktioneer.engine.index.PreferenceIndex;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision (SPEC §4: match, count eligible, rank, price the 5 candidates the auction-service asks for) on an index of 10k, 100k or 1M
 * preferences of the {@link Workload}, cycling through 8,192 realistic auctions. Throughput gives decisions per
 * second on one thread; SampleTime gives the latency percentiles (p99 is the SPEC §9 figure).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecisionBenchmark {

    @Param({"10000", "100000", "1000000"})
    public int preferences;

    private PreferenceIndex index;
    private DecisionQuery[] auctions;

    @State(Scope.Thread)
    public static class Caller {
        final Decision decision = new Decision(16);
        int next;
    }

    @Setup(Level.Trial)
    public void build() {
        index = Workload.build(preferences, 42, null);
        auctions = Workload.auctions(8192, 7);
    }

    @Benchmark
    public int decide(Caller caller) {
        DecisionQuery auction = auctions[caller.next++ & (auctions.length - 1)];
        index.decide(auction, caller.decision);
        return caller.decision.eligible() + caller.decision.count();
    }
}
