package io.oktioneer.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A posting grown far past one block and shrunk again keeps rank order, counts and maxBid bounds exact. */
class PostingTest {

    @Test
    void staysSortedThroughSplitsMergesAndMoves() {
        Random random = new Random(7);
        Slots slots = new Slots(16);
        TreeSet<Long> expected = new TreeSet<>(slots::compare);
        List<Integer> live = new ArrayList<>();
        Map<Integer, Long> budgets = new HashMap<>();
        Posting posting = null;

        for (int step = 0; step < 40_000; step++) {
            boolean grow = step < 20_000 ? random.nextInt(10) < 8 : random.nextInt(10) < 3;
            if (grow || live.isEmpty()) {
                int slot = slots.allocate();
                slots.id(slot, random.nextLong(), random.nextLong());
                slots.terms(slot, random.nextInt(100), 1 + random.nextInt(100_000), -1);
                long entry = Slots.entry(random.nextInt(500), slot);
                budgets.put(slot, Slots.effectiveOf(entry));
                posting = posting == null ? new SmallPosting(entry) : posting.insert(entry, slots);
                expected.add(entry);
                live.add(slot);
            } else {
                int slot = live.remove(random.nextInt(live.size()));
                long entry = Slots.entry(budgets.get(slot), slot);
                posting.remove(entry, slots);
                expected.remove(entry);
                if (random.nextBoolean() && !live.isEmpty()) {
                    // move another entry: remove and insert with a new budget
                    int moved = live.get(random.nextInt(live.size()));
                    long before = Slots.entry(budgets.get(moved), moved);
                    budgets.put(moved, (long) random.nextInt(500));
                    long after = Slots.entry(budgets.get(moved), moved);
                    posting.remove(before, slots);
                    posting = posting.insert(after, slots);
                    expected.remove(before);
                    expected.add(after);
                }
            }
            if (step % 997 == 0 || step == 39_999) {
                assertMatches(posting, expected, slots, random);
            }
        }
        assertThat(posting).isInstanceOf(BlockedPosting.class);
    }

    private static void assertMatches(Posting posting, TreeSet<Long> expected, Slots slots, Random random) {
        List<Long> actual = new ArrayList<>();
        for (int b = 0; b < posting.blockCount(); b++) {
            assertThat(posting.blockSize(b)).isPositive();
            for (int i = 0; i < posting.blockSize(b); i++) {
                actual.add(posting.block(b)[i]);
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(posting.size()).isEqualTo(expected.size());
        for (int i = 0; i < 20; i++) {
            long threshold = random.nextInt(520);
            long count = expected.stream().filter(e -> Slots.effectiveOf(e) >= threshold).count();
            assertThat(posting.countAtLeast(threshold)).isEqualTo((int) count);
            long maxBid = random.nextInt(100_100);
            boolean any = expected.stream().anyMatch(e -> slots.maxBid(Slots.slotOf(e)) >= maxBid);
            assertThat(posting.anyMaxBidAtLeast(maxBid, slots)).isEqualTo(any);
        }
    }
}
