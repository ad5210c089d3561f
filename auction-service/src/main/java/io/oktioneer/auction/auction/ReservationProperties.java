package io.oktioneer.auction.auction;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reservations without a result ({@code oktioneer.reservations.*}, SPEC §3 and §8).
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param grace         a reservation is released at closesAt + grace
 * @param ttl           or this long after the evaluation when the auction has no closesAt
 * @param sweepInterval how often the sweep looks for due reservations
 * @param sweepBatch    due reservations released per sweep read, at most
 */
@ConfigurationProperties("oktioneer.reservations")
public record ReservationProperties(Duration grace, Duration ttl, Duration sweepInterval, int sweepBatch) {

    public ReservationProperties {
        Objects.requireNonNull(grace, "oktioneer.reservations.grace");
        Objects.requireNonNull(ttl, "oktioneer.reservations.ttl");
        Objects.requireNonNull(sweepInterval, "oktioneer.reservations.sweep-interval");
    }
}
