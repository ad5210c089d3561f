package io.oktioneer.preference.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/** Request schemas and examples of the OpenAPI document (bodies are validated by hand, field by field). */
public final class ApiExamples {

    private ApiExamples() {
    }

    public static final String USER_REQUEST = """
            {"displayName": "Ada Lovelace", "status": "ACTIVE"}""";
    public static final String USER_RESPONSE = """
            {"userId": "u42", "displayName": "Ada Lovelace", "status": "ACTIVE",
             "createdAt": "2026-11-24T17:00:00.000Z", "updatedAt": "2026-11-24T17:00:00.000Z"}""";
    public static final String PREFERENCE_REQUEST = """
            {"name": "Vintage watches", "categories": ["watches"], "brands": ["omega", "seiko"],
             "maxBid": 250.00, "totalBudget": 1000.00, "currency": "EUR", "active": true}""";
    public static final String PREFERENCE_RESPONSE = """
            {"id": "0b7e4a4e-5d0c-4a8e-9f57-1f1e0f4c2a11", "userId": "u42", "name": "Vintage watches",
             "categories": ["watches"], "brands": ["omega", "seiko"], "maxBid": 250.00, "totalBudget": 1000.00,
             "currency": "EUR", "active": true, "version": 1,
             "createdAt": "2026-11-24T17:00:00.000Z", "updatedAt": "2026-11-24T17:00:00.000Z"}""";
    public static final String PAGE_RESPONSE = """
            {"content": [""" + PREFERENCE_RESPONSE + """
            ], "page": {"size": 20, "number": 0, "totalElements": 1, "totalPages": 1}}""";
    @Schema(name = "UserRequest")
    public record UserRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 200) String displayName,
            @Schema(allowableValues = {"ACTIVE", "SUSPENDED"}, defaultValue = "ACTIVE") String status) {
    }

    @Schema(name = "PreferenceRequest", description = "Categories and brands are compared case-insensitively after "
            + "trimming; empty or absent means any. Amounts: at most 2 decimals, 0 < x <= 1e9.")
    public record PreferenceRequest(
            @Schema(maxLength = 200, nullable = true) String name,
            @ArraySchema(maxItems = 100, schema = @Schema(minLength = 1, maxLength = 64)) List<String> categories,
            @ArraySchema(maxItems = 100, schema = @Schema(minLength = 1, maxLength = 64)) List<String> brands,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "250.00", minimum = "0.01",
                    maximum = "1000000000", multipleOf = 0.01) BigDecimal maxBid,
            @Schema(nullable = true, example = "1000.00", minimum = "0.01", maximum = "1000000000",
                    multipleOf = 0.01) BigDecimal totalBudget,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = "[A-Z]{3}", example = "EUR") String currency,
            @Schema(defaultValue = "true") Boolean active) {
    }
}
