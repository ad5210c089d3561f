package io.oktioneer.engine.decision;

import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.engine.index.AuctionType;
import io.oktioneer.engine.index.Cents;
import io.oktioneer.engine.index.DecisionQuery;
import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Checks an {@link EngineRequest} (SPEC §2 amounts and currency) and turns it into a {@link DecisionQuery};
 * every bad field is reported at once. Defaults: {@code auctionType} ENGLISH, {@code minIncrement} 0.01,
 * {@code maxCandidates} from the settings.
 */
@Component
class DecisionRequests {

    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final long DEFAULT_MIN_INCREMENT = 1;

    private final DecisionProperties properties;

    DecisionRequests(DecisionProperties properties) {
        this.properties = properties;
    }

    DecisionQuery toQuery(EngineRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String currency = request.currency();
        if (currency == null) {
            errors.add(new FieldError("currency", "must be present"));
        } else if (!isUpperCaseCode(currency) || !CURRENCIES.contains(currency)) {
            errors.add(new FieldError("currency", "must be an ISO 4217 code such as EUR"));
        }
        long floor = amount("floorPrice", request.floorPrice(), errors);
        if (request.floorPrice() == null) {
            errors.add(new FieldError("floorPrice", "must be present"));
        }
        long minIncrement = request.minIncrement() == null ? DEFAULT_MIN_INCREMENT
                : amount("minIncrement", request.minIncrement(), errors);
        AuctionType type = AuctionType.ENGLISH;
        if (request.auctionType() != null) {
            try {
                type = AuctionType.valueOf(request.auctionType());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("auctionType", "must be ENGLISH, FIRST_PRICE or SECOND_PRICE"));
            }
        }
        if (request.maxCandidates() < 0) {
            errors.add(new FieldError("maxCandidates", "must not be negative"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        int maxCandidates = request.maxCandidates() == 0 ? properties.defaultMaxCandidates()
                : Math.min(request.maxCandidates(), properties.maxCandidatesLimit());
        return new DecisionQuery(request.category(), request.brand(), floor, currency, type, minIncrement,
                maxCandidates);
    }

    private static boolean isUpperCaseCode(String code) {
        if (code.length() != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            char c = code.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /** Cents of an amount with at most 2 fraction digits in [0, 1e9]; records an error otherwise. */
    private static long amount(String field, BigDecimal value, List<FieldError> errors) {
        if (value == null) {
            return 0;
        }
        if (value.signum() < 0) {
            errors.add(new FieldError(field, "must not be negative"));
            return 0;
        }
        if (value.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError(field, "must have at most 2 fraction digits"));
            return 0;
        }
        long cents = Cents.of(value.min(BigDecimal.valueOf(2_000_000_000L)));
        if (cents > Cents.MAX) {
            errors.add(new FieldError(field, "must be at most 1000000000"));
            return 0;
        }
        return cents;
    }
}
