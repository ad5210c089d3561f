package io.oktioneer.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.oktioneer.contracts.Role;

/**
 * What one service reads from its environment, derived from its own files: the properties of its
 * application.yml (and the ${ENV} placeholders in them), the standard Boot properties of the starters in
 * its pom.xml, and the settings of INTERFACES.md / SPEC section 8. A deployment (docker-compose.yml, the
 * Kubernetes overlays) is checked against it: every variable it sets must be one the service reads, every
 * property that points at this machine (127.0.0.1, localhost) must be overridden, and secrets must come
 * from a secret source, and no literal may repeat a default of the project's settings ({@code oktioneer.*}):
 * application.yml is the one place of a service's defaults.
 */
final class ServiceSettings {

    static final Map<String, Integer> PORTS = orderedPorts();

    /** How a deployment gives a variable its value. */
    enum Source { LITERAL, INTERPOLATED, PASSED_THROUGH, CONFIG_MAP, SECRET }

    record EnvValue(String value, Source source) {
    }

    /** A property that must be overridden, and the variable names that override it. */
    record Required(String property, Set<String> variables, String why) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|_KEY)$");
    private static final Set<String> KEPT_EXPLICIT = Set.of("OKTIONEER_CLICKHOUSE_DATABASE");
    private static final Pattern SECRET_PROPERTY = Pattern.compile(".*(password|token|secret|-key)$");

    final String service;
    final Map<String, Object> properties;
    final Set<String> artifacts;
    final Set<String> readable = new TreeSet<>();
    final List<Required> required = new ArrayList<>();

    private ServiceSettings(String service) {
        this.service = service;
        this.properties = new LinkedHashMap<>();
        for (Map<String, Object> document : Yamls.loadAll(Repo.read(service + "/src/main/resources/application.yml"))) {
            properties.putAll(Yamls.flatten(document));
        }
        this.artifacts = pomArtifacts(Repo.read(service + "/pom.xml"));
        deriveReadable();
        deriveRequired();
    }

    static ServiceSettings of(String service) {
        return new ServiceSettings(service);
    }

    /** Spring's canonical environment-variable form of a property (relaxed binding). */
    static String envName(String property) {
        return property.replace("[", "_").replace("]", "").replace(".", "_").replace("-", "").toUpperCase(Locale.ROOT);
    }

    static boolean isSecretName(String variable) {
        return SECRET_NAME.matcher(variable).matches();
    }

    private void deriveReadable() {
        properties.forEach((property, value) -> {
            readable.add(envName(property));
            readable.addAll(placeholders(value));
        });
        // Read by every service: the JVM, the server, tracing and the internal token (INTERFACES.md).
        readable.addAll(List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "SPRING_PROFILES_ACTIVE", "SERVER_PORT",
                "SERVER_ADDRESS", "OKTIONEER_INTERNAL_TOKEN", "OKTIONEER_SECURITY_INTERNALTOKEN"));
        if (artifacts.contains("spring-boot-zipkin")) {
            readable.addAll(List.of("MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENDPOINT", "MANAGEMENT_TRACING_SAMPLING_PROBABILITY"));
        }
        if (artifacts.contains("postgresql")) {
            readable.addAll(List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD"));
        }
        if (artifacts.stream().anyMatch(a -> a.startsWith("spring-boot-starter-data-redis"))) {
            readable.addAll(List.of("SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT", "SPRING_DATA_REDIS_USERNAME",
                    "SPRING_DATA_REDIS_PASSWORD"));
        }
        if (artifacts.contains("spring-boot-starter-kafka")) {
            readable.add("SPRING_KAFKA_BOOTSTRAPSERVERS");
        }
        // The settings of INTERFACES.md and SPEC section 8, by the service that reads them.
        switch (service) {
            case "gateway" -> {
                readable.addAll(List.of("OKTIONEER_ADMIN_KEY", "OKTIONEER_SECURITY_ADMINKEY"));
                for (Role role : Role.values()) {
                    readable.add("OKTIONEER_RATELIMITS_" + role.name() + "_PERSECOND");
                    readable.add("OKTIONEER_RATELIMITS_" + role.name() + "_BURST");
                }
                for (String target : List.of("PREFERENCE", "AUCTION", "HISTORY")) {
                    readable.add("OKTIONEER_GATEWAY_SERVICES_" + target);
                }
                readable.add("OKTIONEER_GATEWAY_HEALTH_ENGINE");
            }
            case "auction-service" -> readable.addAll(List.of("OKTIONEER_RESERVATIONS_GRACE", "OKTIONEER_RESERVATIONS_TTL",
                    "OKTIONEER_ENGINE_URLS", "OKTIONEER_KAFKA_TOPICS_AUCTIONS", "OKTIONEER_KAFKA_TOPICS_PREFERENCES"));
            case "preference-service" -> readable.addAll(List.of("OKTIONEER_CACHE_PREFERENCETTL",
                    "OKTIONEER_KAFKA_TOPICS_PREFERENCES"));
            case "decision-engine" -> readable.addAll(List.of("OKTIONEER_KAFKA_TOPICS_PREFERENCES",
                    "OKTIONEER_KAFKA_TOPICS_AUCTIONS"));
            case "history-consumer" -> readable.addAll(List.of("OKTIONEER_CLICKHOUSE_URL", "OKTIONEER_CLICKHOUSE_USER",
                    "OKTIONEER_CLICKHOUSE_PASSWORD", "OKTIONEER_CLICKHOUSE_DATABASE", "OKTIONEER_KAFKA_TOPICS_AUCTIONS",
                    "OKTIONEER_KAFKA_TOPICS_PREFERENCES"));
            default -> throw new IllegalArgumentException("unknown service " + service);
        }
    }

    private void deriveRequired() {
        properties.forEach((property, value) -> {
            String text = value == null ? "" : String.valueOf(value);
            Set<String> variables = new LinkedHashSet<>();
            variables.add(envName(property));
            variables.addAll(placeholders(value));
            if (text.contains("127.0.0.1") || text.contains("localhost")) {
                required.add(new Required(property, variables, "points at this machine (" + text + ")"));
            } else if (SECRET_PROPERTY.matcher(property).matches()) {
                required.add(new Required(property, variables, "is a secret"));
            }
        });
        if (artifacts.contains("postgresql") && required.stream().noneMatch(r -> r.property().equals("spring.datasource.url"))) {
            required.add(new Required("spring.datasource.url", Set.of("SPRING_DATASOURCE_URL"), "the service uses PostgreSQL"));
        }
    }

    /** Everything wrong with the environment a deployment gives this service. */
    List<String> problems(String deployment, Map<String, EnvValue> environment) {
        List<String> problems = new ArrayList<>();
        environment.forEach((variable, value) -> {
            if (!readable.contains(variable)) {
                problems.add(deployment + ": " + service + " is given " + variable + " but reads no such setting");
            }
            String text = value.value() == null ? "" : value.value();
            if (text.contains("127.0.0.1") || text.contains("localhost")) {
                problems.add(deployment + ": " + service + "'s " + variable + " points at the container itself: " + text);
            }
            if (isSecretName(variable)) {
                boolean secretSource = value.source() == Source.SECRET || value.source() == Source.INTERPOLATED;
                if (!secretSource) {
                    problems.add(deployment + ": " + service + "'s " + variable + " is a secret but comes from " + value.source());
                }
            }
        });
        environment.forEach((variable, value) -> {
            String restated = restatedDefault(variable, value);
            if (restated != null) {
                problems.add(deployment + ": " + service + "'s " + variable + "=" + value.value()
                        + " restates the default of its application.yml (" + restated + "): leave it out, the"
                        + " service's application.yml is the one place of its defaults");
            }
        });
        for (Required need : required) {
            if (need.variables().stream().noneMatch(environment::containsKey)) {
                problems.add(deployment + ": " + service + "'s " + need.property() + " " + need.why()
                        + " but none of " + need.variables() + " is set");
            }
        }
        return problems;
    }

    /**
     * The project's setting ({@code oktioneer.*}) of application.yml that this literal value repeats, or null.
     * The ClickHouse database is kept explicit: it names the database the deployment's own ClickHouse creates.
     */
    private String restatedDefault(String variable, EnvValue value) {
        boolean literal = value.source() == Source.LITERAL || value.source() == Source.CONFIG_MAP;
        if (!literal || value.value() == null || KEPT_EXPLICIT.contains(variable)) {
            return null;
        }
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (property.getKey().startsWith("oktioneer.") && envName(property.getKey()).equals(variable)
                    && property.getValue() != null && String.valueOf(property.getValue()).equals(value.value())) {
                return property.getKey() + ": " + property.getValue();
            }
        }
        return null;
    }

    static Set<String> placeholders(Object value) {
        Set<String> names = new LinkedHashSet<>();
        if (value != null) {
            Matcher matcher = PLACEHOLDER.matcher(String.valueOf(value));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static Set<String> pomArtifacts(String pom) {
        Set<String> artifacts = new TreeSet<>();
        Matcher matcher = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(pom);
        while (matcher.find()) {
            artifacts.add(matcher.group(1).trim());
        }
        return artifacts;
    }

    private static Map<String, Integer> orderedPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gateway", 8080);
        ports.put("preference-service", 18081);
        ports.put("auction-service", 18082);
        ports.put("decision-engine", 18083);
        ports.put("history-consumer", 18084);
        return ports;
    }
}
