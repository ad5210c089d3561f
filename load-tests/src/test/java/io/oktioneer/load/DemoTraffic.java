package io.oktioneer.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What {@code ./oktioneer demo} sends, drawn for the demo data {@code ./oktioneer up} seeds (users u42, u7 and
 * u99: watches by omega and seiko, cameras, sneakers in USD, anything under 60 EUR), so every decision and
 * reason shows up: BIDs with competing users (u42 and u7 both want omega watches), BELOW_FLOOR, NO_MATCH (other
 * currencies, nobody's brand), BUDGET_EXHAUSTED once the capped budgets are spent, AUCTION_CLOSED. Of the
 * evaluations about 87 % are fresh auctions, 8 % replays of an auction's latest round and 5 % ENGLISH new rounds
 * (outbid, on open bids that got no result). After a BID the exchange posts a result for 80 % of them, a few
 * seconds later (WON 45 % at a clearing price between the floor and our bid, LOST 45 %, CANCELLED 10 %; 5 % of
 * the results are posted twice, a replay); the others are outbid or left to expire. Plain Java: the simulation
 * calls it, the tests check it.
 */
final class DemoTraffic {

    record Item(String category, String brand, String currency, int minFloor, int maxFloor) {
    }

    /** The catalogue, weighted by repetition: mostly what the demo users want, some that nobody does. */
    static final List<Item> ITEMS = List.of(
            new Item("watches", "Omega", "EUR", 60, 260), new Item("watches", "Omega", "EUR", 60, 260),
            new Item("watches", "Seiko", "EUR", 40, 240), new Item("watches", "Rolex", "EUR", 30, 400),
            new Item("watches", null, "EUR", 20, 120), new Item("cameras", "Canon", "EUR", 10, 120),
            new Item("cameras", "Leica", "EUR", 40, 150), new Item("cameras", null, "EUR", 10, 90),
            new Item("sneakers", "Nike", "USD", 30, 320), new Item("sneakers", "Adidas", "USD", 30, 320),
            new Item("sneakers", "Puma", "USD", 20, 100), new Item("books", null, "EUR", 2, 70),
            new Item("vinyl", "Blue Note", "EUR", 5, 90), new Item("lamps", "Artemide", "EUR", 20, 200),
            new Item("watches", "Omega", "GBP", 60, 260), new Item("handbags", "Hermes", "EUR", 200, 2000));

    enum Kind { EVALUATE, REPLAY, NEW_ROUND }

    /** An auction's latest round; slot is where it is remembered for replays (the last 512 auctions, in turn). */
    record Auction(String exchange, String auctionId, Item item, String title, BigDecimal floor, String type,
                   String closesAt, int tmaxMs, int slot) {

        String body() {
            return "{\"exchange\":\"" + exchange + "\",\"auctionId\":\"" + auctionId + "\",\"item\":{"
                    + "\"category\":\"" + item.category() + "\","
                    + (item.brand() == null ? "" : "\"brand\":\"" + item.brand() + "\",")
                    + "\"title\":\"" + title + "\"},\"floorPrice\":" + floor.toPlainString() + ",\"currency\":\""
                    + item.currency() + "\",\"auctionType\":\"" + type + "\",\"minIncrement\":1.00,"
                    + (closesAt == null ? "" : "\"closesAt\":\"" + closesAt + "\",") + "\"tmaxMs\":" + tmaxMs + "}";
        }
    }

    /** One evaluation to send: its kind, its body, and the auction (to post a result for it after a BID). */
    record Evaluation(Kind kind, String body, Auction auction) {
    }

    /** A result to post after a BID, the pause before it, and whether it is sent a second time (a replay). */
    record Result(String body, int pauseMillis, boolean repeated) {
    }

    private final String exchange;
    private final String run;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReferenceArray<Auction> recent = new AtomicReferenceArray<>(512);
    /** ENGLISH auctions we bid on and got no result for: the ones that can be outbid (a new round). */
    private final ConcurrentLinkedQueue<Auction> outbiddable = new ConcurrentLinkedQueue<>();

    DemoTraffic(String exchange, String run) {
        this.exchange = exchange;
        this.run = run;
    }

    Evaluation next(SplittableRandom random) {
        double p = random.nextDouble();
        if (p < 0.08) {
            long made = sequence.get();
            Auction earlier = made == 0 ? null : recent.get(random.nextInt((int) Math.min(made, recent.length())));
            if (earlier != null) {
                return new Evaluation(Kind.REPLAY, earlier.body(), null);
            }
        } else if (p < 0.13) {
            Auction open = outbiddable.poll();
            if (open != null) {
                Auction outbid = new Auction(open.exchange(), open.auctionId(), open.item(), open.title(),
                        open.floor().add(BigDecimal.valueOf(random.nextInt(1, 30))), open.type(), open.closesAt(),
                        open.tmaxMs(), open.slot());
                return remember(Kind.NEW_ROUND, outbid);
            }
        }
        return remember(Kind.EVALUATE, fresh(random));
    }

    /** A new round takes its first round's slot, so a replay sends an auction's latest round only. */
    private Evaluation remember(Kind kind, Auction auction) {
        recent.set(auction.slot(), auction);
        return new Evaluation(kind, auction.body(), auction);
    }

    private Auction fresh(SplittableRandom random) {
        Item item = ITEMS.get(random.nextInt(ITEMS.size()));
        BigDecimal floor = BigDecimal.valueOf(random.nextInt(item.minFloor() * 100, item.maxFloor() * 100 + 1), 2);
        double type = random.nextDouble();
        double closing = random.nextDouble();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String closesAt = closing < 0.03 ? now.minusSeconds(30).toString()
                : closing < 0.15 ? null : now.plusSeconds(random.nextInt(60, 600)).toString();
        long number = sequence.incrementAndGet();
        return new Auction(exchange, "D" + run + "-" + number, item,
                (item.brand() == null ? "" : item.brand() + " ") + item.category() + " lot " + random.nextInt(1, 1000),
                floor, type < 0.6 ? "ENGLISH" : type < 0.85 ? "FIRST_PRICE" : "SECOND_PRICE", closesAt,
                random.nextDouble() < 0.8 ? 100 : 150, (int) ((number - 1) % recent.length()));
    }

    /** After a BID of bidAmount on the auction: the result the exchange posts, or null when it posts none. */
    Result resultFor(Auction auction, BigDecimal bidAmount, SplittableRandom random) {
        if (auction == null) {
            return null;
        }
        if (random.nextDouble() >= 0.80) {
            boolean open = auction.closesAt() != null && Instant.parse(auction.closesAt()).isAfter(Instant.now());
            if (auction.type().equals("ENGLISH") && open && outbiddable.size() < 1_000) {
                outbiddable.add(auction);
            }
            return null;
        }
        double outcome = random.nextDouble();
        String body;
        if (outcome < 0.45) {
            BigDecimal low = auction.floor().max(new BigDecimal("0.01"));
            BigDecimal span = bidAmount.subtract(low).max(BigDecimal.ZERO);
            BigDecimal clearing = low.add(span.multiply(BigDecimal.valueOf(random.nextDouble())))
                    .setScale(2, RoundingMode.DOWN).min(bidAmount);
            body = result(auction, "WON", clearing);
        } else {
            body = result(auction, outcome < 0.90 ? "LOST" : "CANCELLED", null);
        }
        return new Result(body, random.nextInt(500, 3000), random.nextDouble() < 0.05);
    }

    private static String result(Auction auction, String outcome, BigDecimal clearingPrice) {
        return "{\"exchange\":\"" + auction.exchange() + "\",\"auctionId\":\"" + auction.auctionId()
                + "\",\"outcome\":\"" + outcome + "\",\"clearingPrice\":"
                + (clearingPrice == null ? "null" : clearingPrice.toPlainString()) + ",\"currency\":\""
                + auction.item().currency() + "\"}";
    }
}
