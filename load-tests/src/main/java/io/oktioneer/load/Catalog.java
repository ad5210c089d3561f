package io.oktioneer.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's world: 300 categories and 3,000 brands with Zipf-like popularity, three currencies. The
 * seeder and the simulations draw from the same catalogue, so auctions meet preferences as they would in
 * production: a few popular categories and brands, a long tail.
 */
public final class Catalog {

    private static final String[] BASE_CATEGORIES = {"watches", "cameras", "sneakers", "handbags", "guitars",
            "vinyl", "comics", "coins", "stamps", "lego", "consoles", "phones", "laptops", "lenses", "bicycles",
            "furniture", "lamps", "rugs", "paintings", "prints", "posters", "jewelry", "rings", "necklaces",
            "sunglasses", "perfume", "wine", "whisky", "books", "maps"};

    public static final int CATEGORIES = 300;
    public static final int BRANDS = 3_000;
    public static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");
    public static final List<String> EXCHANGES = List.of("ex-paris", "ex-london", "ex-berlin", "ex-newyork",
            "ex-tokyo");

    private final List<String> categories = new ArrayList<>(CATEGORIES);
    private final List<String> brands = new ArrayList<>(BRANDS);
    private final Zipf categoryPopularity = new Zipf(CATEGORIES, 1.0);
    private final Zipf brandPopularity = new Zipf(BRANDS, 1.0);

    public Catalog() {
        for (int i = 0; i < CATEGORIES; i++) {
            String base = BASE_CATEGORIES[i % BASE_CATEGORIES.length];
            categories.add(i < BASE_CATEGORIES.length ? base : base + "-" + (i / BASE_CATEGORIES.length));
        }
        for (int i = 0; i < BRANDS; i++) {
            brands.add(String.format("brand-%04d", i));
        }
    }

    public String category(SplittableRandom random) {
        return categories.get(categoryPopularity.sample(random));
    }

    public String brand(SplittableRandom random) {
        return brands.get(brandPopularity.sample(random));
    }

    public String currency(SplittableRandom random) {
        double p = random.nextDouble();
        return p < 0.6 ? "EUR" : p < 0.9 ? "USD" : "GBP";
    }

    public String exchange(SplittableRandom random) {
        return EXCHANGES.get(random.nextInt(EXCHANGES.size()));
    }

    /** A price between 5 and about 2,000 with most mass in the tens, exact to the cent. */
    public static BigDecimal price(SplittableRandom random) {
        double value = 5 * Math.exp(random.nextDouble() * Math.log(400));
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    /** Discrete Zipf sampling over ranks 0..n-1 by inverse CDF (precomputed). */
    static final class Zipf {

        private final double[] cumulative;

        Zipf(int n, double exponent) {
            cumulative = new double[n];
            double sum = 0;
            for (int rank = 0; rank < n; rank++) {
                sum += 1 / Math.pow(rank + 1, exponent);
                cumulative[rank] = sum;
            }
            for (int rank = 0; rank < n; rank++) {
                cumulative[rank] /= sum;
            }
        }

        int sample(SplittableRandom random) {
            double u = random.nextDouble();
            int low = 0;
            int high = cumulative.length - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (cumulative[mid] < u) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
