package io.oktioneer.auction.auction;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SPEC §3: a reservation with no result is released at closesAt + {@code grace}, or {@code ttl} after the
 * evaluation when the auction has no closesAt. The sweep looks for due reservations every {@code sweepInterval}.
 */
@ConfigurationProperties("oktioneer.reservations")
public record ReservationProperties(@DefaultValue("10m") Duration grace,
                                    @DefaultValue("24h") Duration ttl,
                                    @DefaultValue("1s") Duration sweepInterval,
                                    @DefaultValue("500") int sweepBatch) {
}
