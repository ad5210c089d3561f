package io.oktioneer.load;

import io.gatling.javaapi.core.Session;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Chooses each evaluation: 85% fresh auctions, 10% replays of a recent round (same body: must reserve
 * nothing more), 5% ENGLISH new rounds (same auction, strictly higher floor) of an open bid; and after a BID
 * decides whether the exchange posts a result (30%: WON 50%, LOST 40%, CANCELLED 10%).
 */
final class TrafficMix {

    private final Catalog catalog;
    private final String run;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong results = new AtomicLong();
    private final AtomicReferenceArray<String[]> recent = new AtomicReferenceArray<>(4096);
    private final ConcurrentLinkedQueue<Auction> openEnglishBids = new ConcurrentLinkedQueue<>();

    record Auction(String exchange, String auctionId, String category, String brand, BigDecimal floor,
                   String currency, String type, String closesAt) {

        String body() {
            return "{\"exchange\":\"" + exchange + "\",\"auctionId\":\"" + auctionId + "\",\"item\":{"
                    + (category == null ? "" : "\"category\":\"" + category + "\",")
                    + (brand == null ? "" : "\"brand\":\"" + brand + "\",")
                    + "\"title\":\"bench item\"},\"floorPrice\":" + floor.toPlainString() + ",\"currency\":\""
                    + currency + "\",\"auctionType\":\"" + type + "\",\"minIncrement\":1.00,\"closesAt\":\""
                    + closesAt + "\",\"tmaxMs\":100}";
        }

        Auction outbid(BigDecimal newFloor) {
            return new Auction(exchange, auctionId, category, brand, newFloor, currency, type, closesAt);
        }
    }

    TrafficMix(Catalog catalog, String run) {
        this.catalog = catalog;
        this.run = run;
    }

    Session next(Session session) {
        ThreadLocalRandom tlr = ThreadLocalRandom.current();
        double p = tlr.nextDouble();
        if (p < 0.10) {
            String[] replay = recent.get(tlr.nextInt(recent.length()));
            if (replay != null) {
                return session.set("kind", "replay").set("body", replay[1]).set("exchange", replay[0])
                        .remove("auction").remove("resultBody");
            }
        } else if (p < 0.15) {
            Auction open = openEnglishBids.poll();
            if (open != null) {
                Auction next = open.outbid(open.floor().add(BigDecimal.valueOf(tlr.nextInt(1, 20))));
                return remember(session.set("kind", "new round"), next);
            }
        }
        SplittableRandom random = new SplittableRandom(tlr.nextLong());
        double type = random.nextDouble();
        Auction fresh = new Auction(catalog.exchange(random), "B" + run + "-" + sequence.incrementAndGet(),
                random.nextDouble() < 0.03 ? null : catalog.category(random),
                random.nextDouble() < 0.10 ? null : catalog.brand(random),
                Catalog.price(random).divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN),
                catalog.currency(random), type < 0.6 ? "ENGLISH" : type < 0.85 ? "FIRST_PRICE" : "SECOND_PRICE",
                EvaluateSimulation.closesAt());
        return remember(session.set("kind", "evaluate"), fresh);
    }

    private Session remember(Session session, Auction auction) {
        String body = auction.body();
        recent.set(ThreadLocalRandom.current().nextInt(recent.length()), new String[] {auction.exchange(), body});
        return session.set("auction", auction).set("body", body).set("exchange", auction.exchange()).remove("resultBody");
    }

    Session afterDecision(Session session) {
        if (!"BID".equals(session.getString("decision")) || !session.contains("auction")) {
            return session;
        }
        Auction auction = session.get("auction");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double p = random.nextDouble();
        if (p < 0.30) {
            results.incrementAndGet();
            BigDecimal bid = EvaluateSimulation.amount(session.getString("bidAmount"));
            double outcome = random.nextDouble();
            String body = outcome < 0.5
                    ? result(auction, "WON", bid)
                    : result(auction, outcome < 0.9 ? "LOST" : "CANCELLED", null);
            return session.set("resultBody", body);
        }
        if (p < 0.45 && auction.type().equals("ENGLISH") && openEnglishBids.size() < 10_000) {
            openEnglishBids.add(auction);
        }
        return session;
    }

    private static String result(Auction auction, String outcome, BigDecimal clearingPrice) {
        return "{\"exchange\":\"" + auction.exchange() + "\",\"auctionId\":\"" + auction.auctionId()
                + "\",\"outcome\":\"" + outcome + "\",\"clearingPrice\":"
                + (clearingPrice == null ? "null" : clearingPrice.toPlainString()) + ",\"currency\":\""
                + auction.currency() + "\"}";
    }

    long resultsPosted() {
        return results.get();
    }
}
