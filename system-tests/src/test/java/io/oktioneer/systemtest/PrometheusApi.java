package io.oktioneer.systemtest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The HTTP API of the private Prometheus. */
final class PrometheusApi {

    private final String baseUrl;

    PrometheusApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The result of an instant query (a vector's samples, a scalar as one element); fails on a query error. */
    List<JsonNode> query(String expr) {
        Http.Answer answer = Http.postForm(baseUrl + "/api/v1/query", Map.of("query", expr));
        if (answer.status() != 200 || !answer.json().path("status").asString("").equals("success")) {
            throw new IllegalArgumentException("Prometheus refused " + expr + ": " + answer);
        }
        JsonNode data = answer.json().path("data");
        List<JsonNode> samples = new ArrayList<>();
        if (data.path("resultType").asString("").equals("scalar")) {
            samples.add(data.path("result"));
        } else {
            data.path("result").forEach(samples::add);
        }
        return samples;
    }

    /** Metric names with at least one series matching the selector. */
    List<String> metricNames(String selector) {
        Http.Answer answer = Http.get(baseUrl + "/api/v1/label/__name__/values?match[]="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8), Map.of());
        List<String> names = new ArrayList<>();
        answer.json().path("data").forEach(name -> names.add(name.asString()));
        return names;
    }

    /** The rule groups as Prometheus evaluates them (health, lastError per rule). */
    JsonNode rules() {
        return Http.get(baseUrl + "/api/v1/rules", Map.of()).json().path("data").path("groups");
    }

    /** The scrape targets and their health. */
    JsonNode activeTargets() {
        return Http.get(baseUrl + "/api/v1/targets?state=active", Map.of()).json().path("data").path("activeTargets");
    }
}
