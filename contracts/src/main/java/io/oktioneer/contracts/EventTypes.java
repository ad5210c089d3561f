package io.oktioneer.contracts;

/** Values of {@link EventEnvelope#type()}. */
public final class EventTypes {

    public static final int VERSION = 1;

    public static final String AUCTION_EVALUATED = "AuctionEvaluated";
    public static final String AUCTION_RESULT_RECORDED = "AuctionResultRecorded";
    public static final String AUCTION_EXPIRED = "AuctionExpired";

    public static final String PREFERENCE_UPSERTED = "PreferenceUpserted";
    public static final String PREFERENCE_DELETED = "PreferenceDeleted";
    public static final String USER_UPDATED = "UserUpdated";

    private EventTypes() {
    }
}
