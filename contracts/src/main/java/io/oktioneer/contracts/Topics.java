package io.oktioneer.contracts;

/** Kafka topic names. Services read them from {@code oktioneer.kafka.topics.*} so tests can isolate them. */
public final class Topics {

    /** Auction decisions, results and expiries; key {@code exchange:auctionId}. */
    public static final String AUCTIONS = "oktioneer.auctions.v1";

    /** Preferences and users; compacted; key = preferenceId (or {@code user:<userId>} for UserUpdated). */
    public static final String PREFERENCES = "oktioneer.preferences.v1";

    /** Suffix of the dead-letter topic of each topic. */
    public static final String DLT_SUFFIX = ".DLT";

    private Topics() {
    }

    public static String auctionKey(String exchange, String auctionId) {
        return exchange + ":" + auctionId;
    }

    public static String userKey(String userId) {
        return "user:" + userId;
    }

    public static String deadLetter(String topic) {
        return topic + DLT_SUFFIX;
    }
}
