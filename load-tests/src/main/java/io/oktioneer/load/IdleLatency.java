package io.oktioneer.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * SPEC §9's idle latency: one evaluate at a time through the gateway on a quiet (but warm) platform, a fresh
 * auction each, one every 50 ms over one keep-alive connection as a bidder holds it; prints p50/p90/p99/max of
 * the round trip as the client sees it. {@code ./oktioneer bench} runs it after its steps, when every JVM is warm.
 *
 * <p>Usage: {@code IdleLatency <gatewayUrl> <bidderKey> <count> [<out file>]}
 */
public final class IdleLatency {

    public static void main(String[] args) throws Exception {
        String url = args[0].replaceAll("/$", "") + "/api/v1/auctions/evaluate";
        String key = args[1];
        int count = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String run = Long.toString(System.currentTimeMillis(), 36);
        Catalog catalog = new Catalog();
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        long[] micros = new long[count];
        int errors = 0;
        for (int i = -20; i < count; i++) { // 20 unreported calls open the connection
            String body = "{\"exchange\":\"ex-paris\",\"auctionId\":\"idle-" + run + "-" + (i + 20) + "\",\"item\":"
                    + "{\"category\":\"" + catalog.category(random) + "\",\"brand\":\"" + catalog.brand(random)
                    + "\"},\"floorPrice\":1.00,"
                    + "\"currency\":\"EUR\",\"tmaxMs\":100}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long took = (System.nanoTime() - start) / 1000;
            if (i >= 0) {
                micros[i] = took;
                if (response.statusCode() != 200) {
                    errors++;
                }
            }
            Thread.sleep(50);
        }
        Arrays.sort(micros);
        String line = String.format(Locale.ROOT,
                "idle latency through the gateway, %d sequential evaluations (one every 50 ms): p50 %.2f ms, p90 %.2f ms,"
                        + " p99 %.2f ms, max %.2f ms, %d non-200",
                count, at(micros, 0.50), at(micros, 0.90), at(micros, 0.99), micros[count - 1] / 1000.0, errors);
        System.out.println(line);
        if (args.length > 3) {
            write(Path.of(args[3]), line);
        }
    }

    static double at(long[] sortedMicros, double quantile) {
        int index = (int) Math.ceil(quantile * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, index))] / 1000.0;
    }

    private static void write(Path out, String line) throws IOException {
        Files.writeString(out, line + "\n");
    }
}
