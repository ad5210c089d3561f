package io.oktioneer.contracts.auction;

public record Item(String category, String brand, String title) {
}
