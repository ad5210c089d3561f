package io.oktioneer.preference.preference;

import io.oktioneer.contracts.openapi.ApiDocument;
import io.oktioneer.preference.problem.IfMatchRequiredException;
import io.oktioneer.preference.problem.NotFoundException;
import io.oktioneer.preference.user.UserIds;
import io.oktioneer.preference.validation.Errors;
import io.oktioneer.preference.web.ApiExamples;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's preferences. Checks run in SPEC §2 order: 415 and malformed JSON (Spring), then every invalid field
 * (400, all at once), then a missing If-Match (428), then state: unknown user or preference (404), stale
 * version (412).
 */
@RestController
@RequestMapping(path = "/api/v1/users/{userId}/preferences", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Preferences")
class PreferenceController {

    private final PreferenceService preferences;

    PreferenceController(PreferenceService preferences) {
        this.preferences = preferences;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "createPreference", summary = "Create a preference",
            description = "For ADMIN keys and the user's own USER key.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = ApiExamples.PreferenceRequest.class),
            examples = @ExampleObject(value = ApiExamples.PREFERENCE_REQUEST))))
    @ApiResponse(responseCode = "201", description = "Created; Location and ETag set", content = @Content(
            schema = @Schema(implementation = Preference.class),
            examples = @ExampleObject(value = ApiExamples.PREFERENCE_RESPONSE)))
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    ResponseEntity<Preference> create(@PathVariable String userId, @RequestBody Map<String, Object> body) {
        Errors errors = new Errors();
        UserIds.check(userId, errors);
        PreferenceDraft draft = PreferenceDraft.from(body, errors);
        errors.throwIfAny();
        Preference created = preferences.create(userId, draft);
        return ResponseEntity.created(URI.create("/api/v1/users/" + userId + "/preferences/" + created.id()))
                .eTag(IfMatch.etag(created.version())).body(created);
    }

    @GetMapping
    @Operation(operationId = "listPreferences", summary = "List a user's preferences, oldest first",
            description = "For ADMIN keys and the user's own USER key. A page past the end is 200 with empty"
                    + " `content`.")
    @ApiResponse(responseCode = "200", description = "One page", content = @Content(
            schema = @Schema(implementation = PreferencePage.class),
            examples = @ExampleObject(value = ApiExamples.PAGE_RESPONSE)))
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    PreferencePage list(@PathVariable String userId,
                        @Parameter(description = "0-based page, default 0", schema = @Schema(type = "integer",
                                minimum = "0", defaultValue = "0")) @RequestParam(required = false) String page,
                        @Parameter(description = "1 to 200, default 20", schema = @Schema(type = "integer",
                                minimum = "1", maximum = "200", defaultValue = "20"))
                        @RequestParam(required = false) String size) {
        Errors errors = new Errors();
        UserIds.check(userId, errors);
        PageRequest request = PageRequest.parse(page, size, errors);
        errors.throwIfAny();
        return preferences.list(userId, request);
    }

    @GetMapping("/{preferenceId}")
    @Operation(operationId = "getPreference", summary = "Read a preference; ETag is its version",
            description = "For ADMIN keys and the user's own USER key.")
    @ApiResponse(responseCode = "200", description = "The preference", headers = @Header(name = "ETag",
            description = "The version, e.g. `\"1\"`", schema = @Schema(type = "string")), content = @Content(
            schema = @Schema(implementation = Preference.class),
            examples = @ExampleObject(value = ApiExamples.PREFERENCE_RESPONSE)))
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    ResponseEntity<Preference> get(@PathVariable String userId, @PathVariable String preferenceId) {
        checkUserId(userId);
        Preference preference = preferences.get(userId, preferenceId(userId, preferenceId));
        return ResponseEntity.ok().eTag(IfMatch.etag(preference.version())).body(preference);
    }

    @PutMapping(path = "/{preferenceId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "replacePreference",
            summary = "Replace a preference (If-Match required: 428 without, 412 when stale)",
            description = "For ADMIN keys and the user's own USER key.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    schema = @Schema(implementation = ApiExamples.PreferenceRequest.class),
                    examples = @ExampleObject(value = ApiExamples.PREFERENCE_REQUEST))))
    @ApiResponse(responseCode = "200", description = "The new version", headers = @Header(name = "ETag",
            description = "The new version, e.g. `\"2\"`", schema = @Schema(type = "string")), content = @Content(
            schema = @Schema(implementation = Preference.class),
            examples = @ExampleObject(value = ApiExamples.PREFERENCE_RESPONSE)))
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @ApiResponse(responseCode = "412", ref = ApiDocument.PRECONDITION_FAILED)
    @ApiResponse(responseCode = "428", ref = ApiDocument.PRECONDITION_REQUIRED)
    ResponseEntity<Preference> replace(@PathVariable String userId, @PathVariable String preferenceId,
                                       @Parameter(description = "The ETag of the version replaced, quotes"
                                               + " included, e.g. \"1\"", required = true)
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @RequestBody Map<String, Object> body) {
        Errors errors = new Errors();
        UserIds.check(userId, errors);
        PreferenceDraft draft = PreferenceDraft.from(body, errors);
        errors.throwIfAny();
        IfMatch precondition = IfMatch.parse(ifMatch);
        if (precondition == null) {
            throw new IfMatchRequiredException();
        }
        Preference replaced = preferences.replace(userId, preferenceId(userId, preferenceId), draft, precondition);
        return ResponseEntity.ok().eTag(IfMatch.etag(replaced.version())).body(replaced);
    }

    @DeleteMapping("/{preferenceId}")
    @Operation(operationId = "deletePreference", summary = "Delete a preference (If-Match optional)",
            description = "For ADMIN keys and the user's own USER key.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    @ApiResponse(responseCode = "412", ref = ApiDocument.PRECONDITION_FAILED)
    ResponseEntity<Void> delete(@PathVariable String userId, @PathVariable String preferenceId,
                                @Parameter(description = "When given, the ETag of the version deleted, quotes"
                                        + " included (412 when stale)")
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        checkUserId(userId);
        preferences.delete(userId, preferenceId(userId, preferenceId), IfMatch.parse(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static void checkUserId(String userId) {
        Errors errors = new Errors();
        UserIds.check(userId, errors);
        errors.throwIfAny();
    }

    /** Preference ids are server-made UUIDs: anything else names no preference (404). */
    private static UUID preferenceId(String userId, String raw) {
        try {
            UUID id = UUID.fromString(raw);
            if (id.toString().equalsIgnoreCase(raw)) {
                return id;
            }
        } catch (IllegalArgumentException notAUuid) {
            // fall through
        }
        throw NotFoundException.preference(userId, raw);
    }
}
