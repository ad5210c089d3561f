package io.oktioneer.auction.evaluation;

import io.oktioneer.auction.auction.StoredRound;

/** An evaluate answer: the round's decision, and whether it is a stored one answered again. */
public record Evaluation(StoredRound round, boolean replayed) {
}
