package io.oktioneer.auction.budget;

import io.oktioneer.auction.money.Money;
import io.oktioneer.auction.web.ApiProblem;
import io.oktioneer.auction.web.JsonFields;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Role;
import io.oktioneer.contracts.openapi.ApiDocument;
import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Spending")
class SpendingController {

    private final BudgetStore budgets;

    SpendingController(BudgetStore budgets) {
        this.budgets = budgets;
    }

    @Schema(description = "One preference's budget; totalBudget and remaining are null without a total budget")
    record PreferenceSpending(UUID preferenceId, String currency,
                              @Schema(nullable = true) BigDecimal totalBudget, BigDecimal spent, BigDecimal reserved,
                              @Schema(nullable = true) BigDecimal remaining) {
    }

    record Spending(String userId, List<PreferenceSpending> preferences) {
    }

    @GetMapping(path = "/api/v1/users/{userId}/spending", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getUserSpending", summary = "Read a user's spending and reservations per preference",
            description = "For the user's own USER key and ADMIN keys. `remaining` = totalBudget - spent - reserved,"
                    + " never below 0.")
    @ApiResponse(responseCode = "200", description = "The user's budgets")
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    Spending spending(@PathVariable String userId,
                      @RequestHeader(name = InternalHeaders.ROLE, required = false) String role,
                      @RequestHeader(name = InternalHeaders.USER_ID, required = false) String caller) {
        if (Role.USER.name().equals(role) && !userId.equals(caller)) {
            throw ApiProblem.forbidden("A user may read only their own spending.");
        }
        if (!JsonFields.USER_ID.matcher(userId).matches()) {
            throw new InvalidRequestException(List.of(new FieldError("userId", "must be 1-64 characters of [A-Za-z0-9._-]")));
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
