package io.oktioneer.engine.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The writer's side of the postings: a preference's terms array ({@code [categoryCount, category ids…, brand
 * ids…]}, interned) and its entry in the posting of every combination of those terms (the layout of
 * {@link PreferenceIndex}). Used by the index's single writer, under its write lock; decisions never call it.
 */
final class PostingWriter {

    static final int INSERT = 0;
    static final int REMOVE = 1;
    static final int MOVE = 2;

    private final Slots slots;
    private final LongObjectMap<Posting> postings;
    private final TermDictionary categories;
    private final TermDictionary brands;

    PostingWriter(Slots slots, LongObjectMap<Posting> postings, TermDictionary categories, TermDictionary brands) {
        this.slots = slots;
        this.postings = postings;
        this.categories = categories;
        this.brands = brands;
    }

    /** Inserts, removes or moves (old entry to new entry) the slot in every posting of its terms. */
    void forEach(int slot, int operation, long oldEntry, long newEntry) {
        int[] terms = slots.terms[slot];
        int currency = slots.currency(slot);
        int categoryCount = terms[0];
        int brandCount = terms.length - 1 - categoryCount;
        if (categoryCount == 0 && brandCount == 0) {
            apply(PreferenceIndex.key(currency, 0, 0), operation, oldEntry, newEntry);
        } else if (brandCount == 0) {
            for (int c = 1; c <= categoryCount; c++) {
                apply(PreferenceIndex.key(currency, terms[c], 0), operation, oldEntry, newEntry);
            }
        } else if (categoryCount == 0) {
            for (int b = 1; b <= brandCount; b++) {
                apply(PreferenceIndex.key(currency, 0, terms[b]), operation, oldEntry, newEntry);
            }
        } else {
            for (int c = 1; c <= categoryCount; c++) {
                for (int b = categoryCount + 1; b < terms.length; b++) {
                    apply(PreferenceIndex.key(currency, terms[c], terms[b]), operation, oldEntry, newEntry);
                }
            }
        }
    }

    private void apply(long key, int operation, long oldEntry, long newEntry) {
        Posting posting = postings.get(key);
        if (operation == INSERT && posting == null) {
            postings.put(key, new SmallPosting(newEntry));
            return;
        }
        if (operation != INSERT) {
            posting.remove(oldEntry, slots);
            if (operation == REMOVE) {
                if (posting.size() == 0) {
                    postings.remove(key);
                }
                return;
            }
        }
        Posting grown = posting.insert(newEntry, slots);
        if (grown != posting) {
            postings.put(key, grown);
        }
    }

    int[] terms(List<String> categoryTerms, List<String> brandTerms) {
        if (categoryTerms.isEmpty() && brandTerms.isEmpty()) {
            return Slots.NO_TERMS;
        }
        int[] terms = new int[1 + categoryTerms.size() + brandTerms.size()];
        terms[0] = categoryTerms.size();
        int i = 1;
        for (String category : categoryTerms) {
            terms[i++] = categories.intern(category);
        }
        for (String brand : brandTerms) {
            terms[i++] = brands.intern(brand);
        }
        return terms;
    }

    static List<String> normalized(List<String> terms) {
        List<String> result = new ArrayList<>(terms.size());
        for (String term : terms) {
            String normal = TermDictionary.normalize(term);
            if (normal != null && !result.contains(normal)) {
                result.add(normal);
            }
        }
        return result;
    }
}
