package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.AuctionStatus;
import io.oktioneer.auction.auction.Reservation;
import io.oktioneer.support.outbox.OutboxRecord;
import io.oktioneer.contracts.engine.EngineCandidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/** The in-memory steps of one ledger batch around its SQL: what to claim and lock, and what each command got. */
final class LedgerBatch {

    private LedgerBatch() {
    }

    /** Adds the command's claim on its auction and the budget rows it may touch. */
    static void collect(LedgerCommand command, List<LedgerStore.Claim> claims,
                        Map<UUID, LedgerStore.BudgetSeed> seeds) {
        switch (command) {
            case LedgerCommand.PlaceRound place -> {
                claims.add(new LedgerStore.Claim(place.key(), place.round(), AuctionStatus.OPEN));
                Reservation previous = place.previousReservation();
                if (previous != null) {
                    seed(seeds, new LedgerStore.BudgetSeed(previous.preferenceId(), previous.userId(),
                            previous.currency(), null));
                }
                for (EngineCandidate candidate : place.engine().candidates()) {
                    seed(seeds, new LedgerStore.BudgetSeed(candidate.preferenceId(), candidate.userId(),
                            place.terms().currency(), candidate.totalBudget()));
                }
            }
            case LedgerCommand.Settle settle -> {
                claims.add(new LedgerStore.Claim(settle.key(), settle.round(), AuctionStatus.SETTLED));
                seed(seeds, new LedgerStore.BudgetSeed(settle.bid().preferenceId(), settle.bid().userId(),
                        settle.bid().currency(), null));
            }
            case LedgerCommand.Expire expire -> {
                claims.add(new LedgerStore.Claim(expire.key(), expire.round(), AuctionStatus.EXPIRED));
                seed(seeds, new LedgerStore.BudgetSeed(expire.bid().preferenceId(), expire.bid().userId(),
                        expire.bid().currency(), null));
            }
        }
    }

    /** Keeps one seed per preference, preferring one that knows the total budget. */
    private static void seed(Map<UUID, LedgerStore.BudgetSeed> seeds, LedgerStore.BudgetSeed seed) {
        seeds.merge(seed.preferenceId(), seed, (old, now) -> old.totalBudget() == null ? now : old);
    }

    /**
     * The outbox row of each effect's event; records each round's latency (arrival to this batch) in
     * {@code latencies} by decision id.
     */
    static List<LedgerStore.OutboxRow> outboxRows(BatchResolver.Plan plan, AuctionEvents events,
                                                  Map<UUID, Double> latencies) {
        List<LedgerStore.OutboxRow> rows = new ArrayList<>(plan.effects().size());
        long at = System.nanoTime();
        for (BatchResolver.Effect effect : plan.effects()) {
            Double latency = null;
            if (effect instanceof BatchResolver.RoundEffect round) {
                latency = (at - round.command().receivedNanos()) / 1_000_000.0;
                latencies.put(round.round().decisionId(), latency);
            }
            AuctionEvents.Event event = events.of(effect, latency);
            rows.add(new LedgerStore.OutboxRow(event.envelope().eventId(), event.envelope().type(),
                    effect.command().key().messageKey(), event.json(),
                    effect.command().trace() == null ? null : effect.command().trace().traceparent()));
        }
        return rows;
    }

    /** The committed outbox rows, with the ids the write answered and the payloads as stored. */
    static List<OutboxRecord> records(List<LedgerStore.OutboxRow> rows, BatchWrite.Written written) {
        List<OutboxRecord> records = new ArrayList<>(rows.size());
        for (LedgerStore.OutboxRow row : rows) {
            String payload = written.rebasedPayloads() == null ? row.payload()
                    : written.rebasedPayloads().get(row.eventId());
            records.add(new OutboxRecord(written.ids().get(row.eventId()), row.messageKey(), payload,
                    row.traceparent()));
        }
        return records;
    }

    /** What became of each command of the batch: its effect, or Superseded when its claim failed. */
    static Map<Submission, LedgerOutcome> outcomes(List<Submission> batch, BatchResolver.Plan plan) {
        Map<Object, BatchResolver.Effect> byCommand = new HashMap<>();
        plan.effects().forEach(e -> byCommand.put(identity(e.command()), e));
        Map<Submission, LedgerOutcome> outcomes = new IdentityHashMap<>();
        for (Submission pending : batch) {
            BatchResolver.Effect effect = byCommand.get(identity(pending.command));
            outcomes.put(pending, switch (effect) {
                case null -> new LedgerOutcome.Superseded();
                case BatchResolver.RoundEffect r -> new LedgerOutcome.RoundRecorded(r.round());
                case BatchResolver.SettleEffect s -> new LedgerOutcome.ResultRecorded(s.result());
                case BatchResolver.ExpireEffect ignored -> new LedgerOutcome.Expired();
            });
        }
        return outcomes;
    }

    /** What identifies a command within a batch (one command per auction per batch). */
    private static Object identity(LedgerCommand command) {
        return command.key();
    }

    /**
     * The commands still worth sending, now marked sent: one whose submitter gave up, or whose deadline has
     * passed, is dropped (known not recorded).
     */
    static List<Submission> sendable(List<Submission> batch) {
        long now = System.nanoTime();
        List<Submission> sendable = new ArrayList<>(batch.size());
        for (Submission submission : batch) {
            if (submission.deadlineNanos - now <= 0 && submission.state.compareAndSet(Submission.QUEUED, Submission.ABANDONED)) {
                submission.result.complete(new LedgerOutcome.Failed(new TimeoutException("deadline passed in the queue")));
            } else if (submission.send()) {
                sendable.add(submission);
            } else {
                submission.result.complete(new LedgerOutcome.Failed(new TimeoutException("withdrawn at its deadline")));
            }
        }
        return sendable;
    }

    /** The latest deadline of the batch's commands ({@link System#nanoTime()}). */
    static long latestDeadline(List<Submission> batch) {
        long latest = batch.getFirst().deadlineNanos;
        for (Submission submission : batch) {
            if (submission.deadlineNanos - latest > 0) {
                latest = submission.deadlineNanos;
            }
        }
        return latest;
    }

    static void complete(List<Submission> batch, Map<Submission, LedgerOutcome> outcomes) {
        for (Submission pending : batch) {
            pending.result.complete(outcomes.get(pending));
        }
    }
}
