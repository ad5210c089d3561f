package io.oktioneer.gateway.apikey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/v1/admin/api-keys}: the stored keys, oldest first, paged and filtered ({@link ApiKeyQuery}).
 * Never the key or its hash. ADMIN only (checked at the edge). The bootstrap key of {@code OKTIONEER_ADMIN_KEY}
 * is not stored, so not listed.
 */
@RestController
@Tag(name = "api-keys")
class ApiKeyListController {

    private final ApiKeyRepository repository;

    ApiKeyListController(ApiKeyRepository repository) {
        this.repository = repository;
    }

    record PageInfo(int size, int number, long totalElements, long totalPages) {
    }

    record ApiKeyPage(List<ApiKeyRepository.Listed> content, PageInfo page) {
    }

    @Operation(operationId = "listApiKeys", summary = "List API keys",
            description = "Stored keys, oldest first, paged; never the key or its hash. Filters combine with AND.")
    @ApiResponse(responseCode = "200", description = "A page of keys (past the end: empty content)")
    @GetMapping(path = "/api/v1/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ApiKeyPage> list(
            @Parameter(description = "ADMIN, BIDDER, EXCHANGE or USER",
                    schema = @Schema(type = "string", allowableValues = {"ADMIN", "BIDDER", "EXCHANGE", "USER"}))
            @RequestParam(required = false) String role,
            @Parameter(description = "Keys of this user (USER keys)",
                    schema = @Schema(type = "string", pattern = "^[A-Za-z0-9._-]{1,64}$"))
            @RequestParam(required = false) String userId,
            @Parameter(description = "Keys of this exchange (EXCHANGE keys)",
                    schema = @Schema(type = "string", pattern = "^[a-z0-9._-]{1,64}$"))
            @RequestParam(required = false) String exchange,
            @Parameter(description = "true: revoked keys only; false: active keys only",
                    schema = @Schema(type = "boolean"))
            @RequestParam(required = false) String revoked,
            @Parameter(description = "0-based page, default 0",
                    schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
            @RequestParam(required = false) String page,
            @Parameter(description = "1-200, default 20",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "20"))
            @RequestParam(required = false) String size) {
        ApiKeyQuery query = ApiKeyQuery.parse(role, userId, exchange, revoked, page, size);
        return Mono.fromCallable(() -> {
            long total = repository.count(query);
            List<ApiKeyRepository.Listed> content = query.offset() >= total ? List.of() : repository.list(query);
            return new ApiKeyPage(content, new PageInfo(query.size(), query.page(), total,
                    (total + query.size() - 1) / query.size()));
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
