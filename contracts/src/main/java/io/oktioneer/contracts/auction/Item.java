package io.oktioneer.contracts.auction;

import io.swagger.v3.oas.annotations.media.Schema;

public record Item(@Schema(nullable = true) String category, @Schema(nullable = true) String brand,
                   @Schema(nullable = true) String title) {
}
