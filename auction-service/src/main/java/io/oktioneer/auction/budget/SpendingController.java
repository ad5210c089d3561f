package io.oktioneer.auction.budget;

import io.oktioneer.auction.money.Money;
import io.oktioneer.auction.web.ApiProblem;
import io.oktioneer.auction.web.FieldError;
import io.oktioneer.auction.web.JsonFields;
import io.oktioneer.auction.web.ValidationException;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Role;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SpendingController {

    private final BudgetStore budgets;

    SpendingController(BudgetStore budgets) {
        this.budgets = budgets;
    }

    record PreferenceSpending(UUID preferenceId, String currency, BigDecimal totalBudget, BigDecimal spent,
                              BigDecimal reserved, BigDecimal remaining) {
    }

    record Spending(String userId, List<PreferenceSpending> preferences) {
    }

    @GetMapping(path = "/api/v1/users/{userId}/spending", produces = MediaType.APPLICATION_JSON_VALUE)
    Spending spending(@PathVariable String userId,
                      @RequestHeader(name = InternalHeaders.ROLE, required = false) String role,
                      @RequestHeader(name = InternalHeaders.USER_ID, required = false) String caller) {
        if (Role.USER.name().equals(role) && !userId.equals(caller)) {
            throw ApiProblem.forbidden("A user may read only their own spending.");
        }
        if (!JsonFields.USER_ID.matcher(userId).matches()) {
            throw new ValidationException(List.of(new FieldError("userId", "must be 1-64 characters of [A-Za-z0-9._-]")));
        }
        List<BudgetStore.Budget> found = budgets.spending(userId);
        if (found == null) {
            throw ApiProblem.notFound("Unknown user.");
        }
        return new Spending(userId, found.stream().map(SpendingController::view).toList());
    }

    /** remaining = totalBudget - spent - reserved, never below 0 (a budget lowered under what is committed). */
    private static PreferenceSpending view(BudgetStore.Budget b) {
        BigDecimal remaining = null;
        if (b.totalBudget() != null) {
            remaining = b.totalBudget().subtract(b.spent()).subtract(b.reserved()).max(Money.ZERO);
        }
        return new PreferenceSpending(b.preferenceId(), b.currency(), b.totalBudget(), b.spent(), b.reserved(),
                remaining);
    }
}
