package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.Decision;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.Reservation;
import io.oktioneer.auction.auction.ReservationState;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.money.Money;
import io.oktioneer.contracts.auction.Bid;
import io.oktioneer.contracts.auction.BudgetSnapshot;
import io.oktioneer.contracts.engine.EngineCandidate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Applies one batch of claimed ledger commands, in order, to the budget rows read for the batch (SPEC §4.4,
 * §4.5). Plain Java: the database work is before (read) and after (one aggregated conditional write).
 * A round whose first candidate's remaining budget no longer covers its bid moves to the next candidate; a
 * round with none left is NO_BID BUDGET_EXHAUSTED. Every change bumps the preference's ledger version and
 * yields a {@link BudgetSnapshot} for the command's event.
 */
public final class BatchResolver {

    /** When reservations expire: closesAt + grace, or evaluation time + TTL without closesAt. */
    public record Policy(Duration grace, Duration ttl) {
        public Instant expiresAt(Instant closesAt, Instant evaluatedAt) {
            return closesAt != null ? closesAt.plus(grace) : evaluatedAt.plus(ttl);
        }
    }

    /**
     * The net change of one preference's ledger in the batch, applied by one conditional UPDATE; {@code read} is
     * the row the batch was resolved against (another writer may have changed it since: see {@link BatchWrite}).
     */
    public record Delta(UUID preferenceId, BigDecimal spent, BigDecimal reserved, int changes, LedgerRow read) {
    }

    public record ReservationChange(AuctionKey key, int round, ReservationState state) {
    }

    public sealed interface Effect {
        LedgerCommand command();

        List<BudgetSnapshot> budgets();
    }

    public record RoundEffect(LedgerCommand.PlaceRound command, StoredRound round, List<BudgetSnapshot> budgets)
            implements Effect {
    }

    public record SettleEffect(LedgerCommand.Settle command, StoredResult result, List<BudgetSnapshot> budgets)
            implements Effect {
    }

    public record ExpireEffect(LedgerCommand.Expire command, List<BudgetSnapshot> budgets) implements Effect {
    }

    public record Plan(List<Effect> effects, Collection<Delta> deltas, List<ReservationChange> reservationChanges) {
    }

    private BatchResolver() {
    }

    public static Plan resolve(List<LedgerCommand> commands, Map<UUID, LedgerRow> rows, Policy policy) {
        return resolve(commands, rows, policy, Long.MIN_VALUE);
    }

    /**
     * {@code batchNanos}: when the batch started ({@link System#nanoTime()}). A round whose caller's deadline
     * (arrival + tmax) has already passed then is recorded as NO_BID TIMEOUT and reserves nothing: its answer is
     * late, so the bidder will not place that bid, and budget held for it would only wait for expiry.
     */
    public static Plan resolve(List<LedgerCommand> commands, Map<UUID, LedgerRow> rows, Policy policy,
                               long batchNanos) {
        Map<UUID, Account> accounts = new LinkedHashMap<>();
        rows.forEach((id, row) -> accounts.put(id, new Account(row)));
        List<Effect> effects = new ArrayList<>(commands.size());
        List<ReservationChange> reservationChanges = new ArrayList<>();
        for (LedgerCommand command : commands) {
            Changes changes = new Changes();
            Effect effect = switch (command) {
                case LedgerCommand.PlaceRound place -> place(late(place, batchNanos), accounts, changes,
                        reservationChanges, policy);
                case LedgerCommand.Settle settle -> settle(settle, accounts, changes, reservationChanges);
                case LedgerCommand.Expire expire -> expire(expire, accounts, changes, reservationChanges);
            };
            effects.add(effect);
        }
        List<Delta> deltas = accounts.values().stream().filter(a -> a.changes > 0)
                .map(a -> new Delta(a.row.preferenceId(), a.spent.subtract(a.row.spent()),
                        a.reserved.subtract(a.row.reserved()), a.changes, a.row))
                .toList();
        return new Plan(effects, deltas, reservationChanges);
    }

    private static RoundEffect place(LedgerCommand.PlaceRound place, Map<UUID, Account> accounts, Changes changes,
                                     List<ReservationChange> reservationChanges, Policy policy) {
        Reservation previous = place.previousReservation();
        if (previous != null) {
            changes.record(account(accounts, previous.preferenceId()).release(previous.amount()));
            reservationChanges.add(new ReservationChange(place.key(), place.round() - 1, ReservationState.SUPERSEDED));
        }
        var terms = place.terms();
        EngineDecision engine = place.engine();
        Decision decision = Decision.NO_BID;
        NoBidReason reason = engine.noBidReason();
        Bid bid = null;
        int candidates = 0;
        if (engine.noBidReason() == null) {
            reason = NoBidReason.BUDGET_EXHAUSTED;
            for (EngineCandidate candidate : engine.candidates()) {
                Account account = usable(candidate, accounts, terms.currency(), terms.floorPrice());
                if (account != null && account.fits(Money.of(candidate.bid()))) {
                    BigDecimal amount = Money.of(candidate.bid());
                    changes.record(account.reserve(amount));
                    decision = Decision.BID;
                    reason = null;
                    bid = new Bid(amount, terms.currency(), candidate.userId(), candidate.preferenceId());
                    candidates = engine.eligible();
                    break;
                }
            }
        }
        boolean reserved = bid != null;
        StoredRound round = new StoredRound(place.round(), place.decisionId(), terms, decision, reason, bid, candidates,
                engine.engineLatencyMs(), place.evaluatedAt(),
                reserved ? ReservationState.OPEN : ReservationState.NONE,
                reserved ? policy.expiresAt(terms.closesAt(), place.evaluatedAt()) : null);
        return new RoundEffect(place, round, changes.snapshots());
    }

    private static LedgerCommand.PlaceRound late(LedgerCommand.PlaceRound place, long batchNanos) {
        long deadline = place.receivedNanos() + place.terms().tmaxMs() * 1_000_000L;
        if (batchNanos == Long.MIN_VALUE || batchNanos - deadline <= 0 || !place.engine().hasCandidates()) {
            return place;
        }
        return new LedgerCommand.PlaceRound(place.terms(), place.round(), place.previousReservation(),
                place.decisionId(), place.evaluatedAt(),
                EngineDecision.noBid(NoBidReason.TIMEOUT, place.engine().engineLatencyMs()), place.receivedNanos(),
                place.trace());
    }

    private static Account usable(EngineCandidate candidate, Map<UUID, Account> accounts, String currency,
                                  BigDecimal floorPrice) {
        if (!Candidates.usable(candidate, floorPrice)) {
            return null;
        }
        Account account = accounts.get(candidate.preferenceId());
        if (account == null || account.row.deleted() || !currency.equals(account.row.currency())) {
            return null;
        }
        return account;
    }

    private static SettleEffect settle(LedgerCommand.Settle settle, Map<UUID, Account> accounts, Changes changes,
                                       List<ReservationChange> reservationChanges) {
        Account account = account(accounts, settle.bid().preferenceId());
        boolean won = settle.outcome() == ResultOutcome.WON;
        changes.record(won ? account.spend(settle.bid().amount(), settle.clearingPrice())
                : account.release(settle.bid().amount()));
        reservationChanges.add(new ReservationChange(settle.key(), settle.round(),
                won ? ReservationState.SPENT : ReservationState.RELEASED));
        StoredResult result = new StoredResult(settle.round(), settle.decisionId(), settle.outcome(),
                settle.clearingPrice(), settle.bid().currency(), settle.recordedAt());
        return new SettleEffect(settle, result, changes.snapshots());
    }

    private static ExpireEffect expire(LedgerCommand.Expire expire, Map<UUID, Account> accounts, Changes changes,
                                       List<ReservationChange> reservationChanges) {
        changes.record(account(accounts, expire.bid().preferenceId()).release(expire.bid().amount()));
        reservationChanges.add(new ReservationChange(expire.key(), expire.round(), ReservationState.EXPIRED));
        return new ExpireEffect(expire, changes.snapshots());
    }

    private static Account account(Map<UUID, Account> accounts, UUID preferenceId) {
        Account account = accounts.get(preferenceId);
        if (account == null) {
            throw new IllegalStateException("ledger row of preference " + preferenceId + " was not locked");
        }
        return account;
    }

    /** A preference's ledger while the batch is applied. */
    private static final class Account {
        private final LedgerRow row;
        private BigDecimal spent;
        private BigDecimal reserved;
        private long version;
        private int changes;

        Account(LedgerRow row) {
            this.row = row;
            this.spent = Money.of(row.spent());
            this.reserved = Money.of(row.reserved());
            this.version = row.version();
        }

        boolean fits(BigDecimal amount) {
            return row.totalBudget() == null || spent.add(reserved).add(amount).compareTo(row.totalBudget()) <= 0;
        }

        BudgetSnapshot reserve(BigDecimal amount) {
            reserved = reserved.add(amount);
            return changed();
        }

        BudgetSnapshot release(BigDecimal amount) {
            reserved = reserved.subtract(amount);
            if (reserved.signum() < 0) {
                throw new IllegalStateException("release of " + amount + " exceeds the reservations of "
                        + row.preferenceId());
            }
            return changed();
        }

        BudgetSnapshot spend(BigDecimal reservedAmount, BigDecimal clearingPrice) {
            release(reservedAmount);
            spent = spent.add(clearingPrice);
            return new BudgetSnapshot(row.preferenceId(), spent, reserved, version);
        }

        private BudgetSnapshot changed() {
            version++;
            changes++;
            return new BudgetSnapshot(row.preferenceId(), spent, reserved, version);
        }
    }

    /** The snapshots one command produced, the latest per preference. */
    private static final class Changes {
        private final Map<UUID, BudgetSnapshot> latest = new LinkedHashMap<>();

        void record(BudgetSnapshot snapshot) {
            latest.put(snapshot.preferenceId(), snapshot);
        }

        List<BudgetSnapshot> snapshots() {
            return List.copyOf(latest.values());
        }
    }
}
