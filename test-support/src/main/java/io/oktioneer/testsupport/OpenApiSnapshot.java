package io.oktioneer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published OpenAPI documents are committed under {@code docs/openapi/}; a test of each service fetches the
 * live document and calls {@link #assertMatches}, which fails when the two differ. With {@code -Dopenapi.write=true}
 * it rewrites the committed file instead. Both sides are compared in one canonical form: keys sorted at every
 * level, two-space indentation, a final newline.
 */
public final class OpenApiSnapshot {

    public static final String WRITE = "openapi.write";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(INDENT).withArrayIndenter(INDENT);

    private OpenApiSnapshot() {
    }

    /**
     * Compares the live document with {@code docs/openapi/<name>.json}; {@code regenerate} is the command that
     * rewrites it, printed when they differ.
     */
    public static void assertMatches(String name, String liveJson, String regenerate) {
        Path file = repositoryRoot().resolve("docs/openapi").resolve(name + ".json");
        String live = canonical(liveJson);
        try {
            if (Boolean.getBoolean(WRITE)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, live, StandardCharsets.UTF_8);
                return;
            }
            String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (!committed.equals(live)) {
                throw new AssertionError("docs/openapi/" + name + ".json differs from the live document"
                        + firstDifference(committed, live) + "\nIf the change is intended, regenerate the file and"
                        + " commit it:\n  " + regenerate + " -D" + WRITE + "=true");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keys sorted at every level, pretty-printed; springdoc's server URL (the test's random port) left out. */
    public static String canonical(String json) {
        JsonNode tree = sorted(JSON.readTree(json));
        if (tree instanceof ObjectNode document && document.get("servers") instanceof ArrayNode servers) {
            ArrayNode kept = document.arrayNode();
            servers.forEach(server -> {
                if (!"Generated server url".equals(server.path("description").asString(""))) {
                    kept.add(server);
                }
            });
            if (kept.isEmpty()) {
                document.remove("servers");
            } else {
                document.set("servers", kept);
            }
        }
        return JSON.writer().with(PRINTER).writeValueAsString(tree) + "\n";
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> properties = new TreeMap<>();
            object.properties().forEach(entry -> properties.put(entry.getKey(), sorted(entry.getValue())));
            ObjectNode copy = object.objectNode();
            properties.forEach(copy::set);
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }

    private static String firstDifference(String committed, String live) {
        if (committed.isEmpty()) {
            return " (the file is missing or empty).";
        }
        List<String> a = committed.lines().toList();
        List<String> b = live.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String left = i < a.size() ? a.get(i) : "<end of file>";
            String right = i < b.size() ? b.get(i) : "<end of document>";
            if (!left.equals(right)) {
                return "; first difference at line " + (i + 1) + ":\n  committed: " + left.strip()
                        + "\n  live:      " + right.strip();
            }
        }
        return ".";
    }

    /** The directory holding {@code mvnw} above the module the test runs in. */
    static Path repositoryRoot() {
        String configured = System.getProperty("oktioneer.root");
        Path dir = Path.of(configured != null ? configured : "").toAbsolutePath().normalize();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("mvnw")) && Files.isDirectory(candidate.resolve("docs"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no repository root (with mvnw and docs/) above " + dir);
    }
}
