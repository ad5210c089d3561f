package io.oktioneer.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the statistics table of a Gatling HTML report ({@code index.html}): per request name, the count, KO
 * count, and the percentiles configured in {@code gatling.conf} (50, 95, 99, 99.9), max and mean, in ms.
 */
record GatlingStats(String name, long total, long ok, long ko, double perSecond, long min, long p50, long p95,
                    long p99, long p999, long max, long mean) {

    private static final Pattern ROW = Pattern.compile(
            "class=\"ellipsed-name\">([^<]*)</span>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

    static Map<String, GatlingStats> read(Path reportDir) throws IOException {
        String html = Files.readString(reportDir.resolve("index.html"));
        Map<String, GatlingStats> stats = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(2));
            while (cell.find()) {
                cells.add(cell.group(2).trim());
            }
            if (cells.size() < 13) {
                continue;
            }
            stats.putIfAbsent(row.group(1), new GatlingStats(row.group(1), num(cells.get(0)), num(cells.get(1)),
                    num(cells.get(2)), dec(cells.get(4)), num(cells.get(5)), num(cells.get(6)), num(cells.get(7)),
                    num(cells.get(8)), num(cells.get(9)), num(cells.get(10)), num(cells.get(11))));
        }
        return stats;
    }

    private static long num(String text) {
        String clean = text.replace(",", "").replace(" ", "");
        return clean.isEmpty() || clean.equals("-") ? 0 : Math.round(Double.parseDouble(clean));
    }

    private static double dec(String text) {
        String clean = text.replace(",", "").replace(" ", "");
        return clean.isEmpty() || clean.equals("-") ? 0 : Double.parseDouble(clean);
    }
}
