package io.oktioneer.gateway.apikey;

import io.oktioneer.gateway.PublicError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.oktioneer.gateway.ratelimit.Limit;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Admin API of SPEC §6: create a key (plaintext shown once) and revoke one. ADMIN only (checked at the edge). */
@RestController
@Tag(name = "api-keys")
@RequestMapping("/api/v1/admin/api-keys")
class ApiKeyController {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ApiKeyRepository repository;
    private final ApiKeyRegistry registry;

    ApiKeyController(ApiKeyRepository repository, ApiKeyRegistry registry) {
        this.repository = repository;
        this.registry = registry;
    }

    record RateLimitView(long perSecond, long burst) {
    }

    record CreatedApiKey(String id, String key, String role, String userId, String exchange, String createdAt,
            RateLimitView rateLimit) {
    }

    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "The plaintext key is in this answer only. USER keys need userId, EXCHANGE keys exchange;"
                    + " rateLimit overrides the role's default.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the key")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<CreatedApiKey>> create(@RequestBody NewApiKeyRequest request) {
        NewApiKeyRequest.Valid valid = request.validate();
        String plaintext = ApiKeySecrets.newKey();
        String hash = ApiKeySecrets.hash(plaintext);
        ApiKey key = new ApiKey(UUID.randomUUID().toString(), valid.role(), valid.userId(), valid.exchange(),
                valid.rateLimit());
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Mono.fromRunnable(() -> repository.insert(hash, key, createdAt))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.fromSupplier(() -> {
                    registry.activate(hash, key);
                    Limit limit = key.rateLimit();
                    CreatedApiKey body = new CreatedApiKey(key.id(), plaintext, key.role().name(), key.userId(),
                            key.exchange(), ISO_MILLIS.format(createdAt),
                            limit == null ? null : new RateLimitView(limit.perSecond(), limit.burst()));
                    return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + key.id())).body(body);
                }));
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Idempotent: revoking a revoked key is 204 again. Effective at once on this gateway,"
                    + " within one refresh (5 s) on the others.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> revoke(@Parameter(description = "The key's id (UUID)") @PathVariable String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException notUuid) {
            return Mono.error(notFound());
        }
        return Mono.fromCallable(() -> repository.revoke(uuid))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(result -> {
                    if (result == ApiKeyRepository.Revocation.NOT_FOUND) {
                        return Mono.error(notFound());
                    }
                    registry.revoke(uuid.toString());
                    return Mono.just(ResponseEntity.noContent().<Void>build());
                });
    }

    private static PublicError notFound() {
        return new PublicError(HttpStatus.NOT_FOUND, "No API key with this id.");
    }
}
