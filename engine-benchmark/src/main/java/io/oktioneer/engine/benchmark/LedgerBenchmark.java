package io.oktioneer.engine.benchmark;

import io.oktioneer.engine.index.PreferenceIndex;
import java.util.ArrayList;
import java.util.List;
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
 * The writer's side: one ledger snapshot that changes a preference's effective budget, so it moves in every
 * posting it is in (the work each auction event costs the feed thread).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class LedgerBenchmark {

    @Param({"1000000"})
    public int preferences;

    private PreferenceIndex index;
    private Workload.Budgeted[] budgeted;
    private long version = 1;
    private int next;

    @Setup(Level.Trial)
    public void build() {
        List<Workload.Budgeted> sample = new ArrayList<>();
        index = Workload.build(preferences, 42, sample);
        budgeted = sample.stream().filter(b -> b.maxBidCents() > 1_00).toArray(Workload.Budgeted[]::new);
    }

    @Benchmark
    public void applySnapshot() {
        int visit = next++;
        Workload.Budgeted preference = budgeted[visit % budgeted.length];
        version++;
        // Leave exactly maxBid, or maxBid − 1.00, of the total budget, alternating on each visit of a
        // preference: the effective budget (and the rank) changes with every snapshot.
        long spent = preference.totalBudgetCents() - preference.maxBidCents();
        long reserved = ((visit / budgeted.length) & 1) == 0 ? 1_00 : 0;
        index.ledger(preference.id(), spent, reserved, version);
    }
}
