package io.oktioneer.preference.user;

import io.oktioneer.contracts.openapi.ApiDocument;
import io.oktioneer.preference.validation.Errors;
import io.oktioneer.preference.web.ApiExamples;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/users/{userId}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Users")
class UserController {

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putUser", summary = "Create or update a user",
            description = "For ADMIN keys and the user's own USER key. 201 when created, 200 when updated.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true, content = @Content(schema = @Schema(implementation = ApiExamples.UserRequest.class),
            examples = @ExampleObject(value = ApiExamples.USER_REQUEST))))
    @ApiResponse(responseCode = "201", description = "Created", content = @Content(
            schema = @Schema(implementation = User.class), examples = @ExampleObject(value = ApiExamples.USER_RESPONSE)))
    @ApiResponse(responseCode = "200", description = "Updated", content = @Content(
            schema = @Schema(implementation = User.class), examples = @ExampleObject(value = ApiExamples.USER_RESPONSE)))
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    ResponseEntity<User> put(@PathVariable String userId, @RequestBody Map<String, Object> body) {
        Errors errors = new Errors();
        UserIds.check(userId, errors);
        UserDraft draft = UserDraft.from(body, errors);
        errors.throwIfAny();
        UserService.PutResult result = users.put(userId, draft);
        return result.created()
                ? ResponseEntity.created(URI.create("/api/v1/users/" + userId)).body(result.user())
                : ResponseEntity.ok(result.user());
    }

    @GetMapping
    @Operation(operationId = "getUser", summary = "Read a user",
            description = "For ADMIN keys and the user's own USER key.")
    @ApiResponse(responseCode = "200", description = "The user", content = @Content(
            schema = @Schema(implementation = User.class), examples = @ExampleObject(value = ApiExamples.USER_RESPONSE)))
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    User get(@PathVariable String userId) {
        checkUserId(userId);
        return users.get(userId);
    }

    @DeleteMapping
    @Operation(operationId = "deleteUser", summary = "Delete a user and all of the user's preferences",
            description = "For ADMIN keys and the user's own USER key.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    ResponseEntity<Void> delete(@PathVariable String userId) {
        checkUserId(userId);
        users.delete(userId);
        return ResponseEntity.noContent().build();
    }

    private static void checkUserId(String userId) {
        Errors errors = new Errors();
        UserIds.check(userId, errors);
        errors.throwIfAny();
    }
}
