package io.oktioneer.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** YAML documents as plain maps and lists, with small null-safe accessors. */
final class Yamls {

    private Yamls() {
    }

    static List<Map<String, Object>> loadAll(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(text)) {
            if (document != null) {
                documents.add(asMap(document));
            }
        }
        return documents;
    }

    static Map<String, Object> load(String text) {
        List<Map<String, Object>> documents = loadAll(text);
        return documents.isEmpty() ? Map.of() : documents.getFirst();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** The value at a dotted path of map keys, or null. */
    static Object at(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static Map<String, Object> mapAt(Object root, String... keys) {
        return asMap(at(root, keys));
    }

    static List<Object> listAt(Object root, String... keys) {
        return asList(at(root, keys));
    }

    static String stringAt(Object root, String... keys) {
        Object value = at(root, keys);
        return value == null ? null : String.valueOf(value);
    }

    /** Leaf values keyed by their dotted property path (lists as [i]), as Spring reads a YAML file. */
    static Map<String, Object> flatten(Map<String, Object> document) {
        Map<String, Object> leaves = new LinkedHashMap<>();
        flatten("", document, leaves);
        return leaves;
    }

    private static void flatten(String prefix, Object value, Map<String, Object> leaves) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child, leaves));
        } else if (value instanceof List<?> list && !list.isEmpty() && !(list.getFirst() instanceof String)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), leaves);
            }
        } else {
            leaves.put(prefix, value);
        }
    }

    static String kind(Map<String, Object> object) {
        return Objects.toString(object.get("kind"), "");
    }

    static String name(Map<String, Object> object) {
        return Objects.toString(at(object, "metadata", "name"), "");
    }
}
