package io.oktioneer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Dockerfile of the five services ({@code deploy/docker/Dockerfile}, the service and its port as build
 * arguments): clean for a Dockerfile linter (dockerfile-utils), and, rendered for each service, the rules
 * hadolint would enforce plus this project's own, checked on the parsed instructions: multi-stage, pinned
 * bases, no remote ADD, a non-root numeric USER, a HEALTHCHECK on the actuator readiness group,
 * container-sized JVM flags, Boot's layers copied least-changing first, exec-form ENTRYPOINT.
 */
class DockerfilesTest {

    static final String RECIPE = "deploy/docker/Dockerfile";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The recipe as Docker builds it for one service: the build arguments substituted. */
    static String rendered(String service, int port) {
        return Repo.read(RECIPE).replace("${SERVICE}", service).replace("${PORT}", String.valueOf(port));
    }

    record Instruction(int line, String keyword, String arguments) {
    }

    @Test
    void theLinterFindsNothing() {
        List<String> files = List.of(Repo.path(RECIPE).toString());
        JsonNode report = JSON.readTree(Tools.node("lint-dockerfiles.mjs", files));
        List<String> problems = new ArrayList<>();
        for (JsonNode file : report.get("files")) {
            for (JsonNode d : file.get("diagnostics")) {
                problems.add(file.get("file").asString() + ":" + d.get("line").asInt() + " " + d.get("severity").asString()
                        + " " + d.get("message").asString());
            }
        }
        assertThat(report.get("files")).hasSize(files.size());
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServicesImageFollowsTheImageRules() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Integer> service : ServiceSettings.PORTS.entrySet()) {
            problems.addAll(violations(service.getKey(), service.getValue(), rendered(service.getKey(), service.getValue())));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theRulesCatchWhatTheyAreAbout() {
        String good = rendered("auction-service", 18082);
        assertThat(violations("auction-service", 18082, good)).isEmpty();
        assertThat(violations("auction-service", 18082, good.replace("USER 10001:10001", "USER root")))
                .anyMatch(v -> v.contains("non-root"));
        assertThat(violations("auction-service", 18082, good.replaceFirst("eclipse-temurin:[^ \\n]+-jre-noble", "eclipse-temurin:latest")))
                .anyMatch(v -> v.contains("pinned"));
        assertThat(violations("auction-service", 18082, good.replaceFirst("(?m)^HEALTHCHECK", "# HEALTHCHECK")))
                .anyMatch(v -> v.contains("HEALTHCHECK"));
        assertThat(violations("auction-service", 18082, good + "\nADD https://example.com/x.jar /app/x.jar\n"))
                .anyMatch(v -> v.contains("ADD"));
    }

    @Test
    void theRecipeNamesNoServiceAndTakesServiceAndPortAsArguments() {
        String recipe = Repo.read(RECIPE);
        for (String service : ServiceSettings.PORTS.keySet()) {
            assertThat(recipe).as("the recipe hard-codes " + service).doesNotContain(service + "/");
        }
        List<Instruction> instructions = parse(recipe);
        List<String> stages = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                stages.add("");
            } else if (instruction.keyword().equals("ARG") && !stages.isEmpty()) {
                stages.set(stages.size() - 1, stages.getLast() + " " + instruction.arguments());
            }
        }
        assertThat(stages).as("ARGs per stage (an ARG is visible only in the stage that declares it)")
                .containsExactly(" SERVICE", " SERVICE PORT");
    }

    static List<String> violations(String service, int port, String dockerfile) {
        List<String> problems = new ArrayList<>();
        List<Instruction> instructions = parse(dockerfile);
        List<Integer> stages = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                stages.add(i);
            }
        }
        String where = RECIPE + " (SERVICE=" + service + ")";
        if (stages.size() < 2) {
            problems.add(where + ": not multi-stage (build and runtime in separate stages)");
        }
        for (int index : stages) {
            Instruction from = instructions.get(index);
            String image = from.arguments().split("\\s+")[0];
            if (image.startsWith("--")) {
                problems.add(where + ":" + from.line() + ": FROM with flags is not allowed: " + from.arguments());
            } else if (!image.contains("@sha256:") && !image.matches("[^:]+:[0-9]+\\.[0-9]+\\.[0-9]+[^:]*")) {
                problems.add(where + ":" + from.line() + ": base image not pinned to a full version (or digest): " + image);
            }
        }
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("ADD")) {
                problems.add(where + ":" + instruction.line() + ": ADD (use COPY; never ADD a URL): " + instruction.arguments());
            }
            if (instruction.keyword().equals("RUN") && instruction.arguments().matches("(?s).*\\b(curl|wget)\\b.*\\|\\s*(ba)?sh.*")) {
                problems.add(where + ":" + instruction.line() + ": pipes a download into a shell");
            }
            if (instruction.keyword().equals("RUN") && instruction.arguments().matches("(?s).*\\bsudo\\b.*")) {
                problems.add(where + ":" + instruction.line() + ": sudo in RUN");
            }
            if (instruction.keyword().equals("MAINTAINER")) {
                problems.add(where + ":" + instruction.line() + ": MAINTAINER is deprecated");
            }
        }
        List<Instruction> runtime = stages.isEmpty() ? instructions : instructions.subList(stages.getLast(), instructions.size());
        List<Instruction> users = runtime.stream().filter(i -> i.keyword().equals("USER")).toList();
        if (users.isEmpty() || !users.getLast().arguments().matches("[1-9][0-9]*(:[1-9][0-9]*)?")) {
            problems.add(where + ": the runtime stage must end as a non-root numeric USER (uid:gid), so Kubernetes can verify runAsNonRoot");
        }
        List<Instruction> healthchecks = runtime.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).toList();
        if (healthchecks.size() != 1 || !healthchecks.getFirst().arguments().contains("/actuator/health/readiness")) {
            problems.add(where + ": the runtime stage needs one HEALTHCHECK on /actuator/health/readiness");
        }
        String environment = runtime.stream().filter(i -> i.keyword().equals("ENV")).map(Instruction::arguments)
                .reduce("", (a, b) -> a + " " + b);
        if (!environment.contains("-XX:MaxRAMPercentage=")) {
            problems.add(where + ": JVM not sized from the container (-XX:MaxRAMPercentage in JDK_JAVA_OPTIONS)");
        }
        if (!environment.contains("SERVER_PORT=" + port)) {
            problems.add(where + ": SERVER_PORT=" + port + " missing");
        }
        if (runtime.stream().noneMatch(i -> i.keyword().equals("EXPOSE") && i.arguments().equals(String.valueOf(port)))) {
            problems.add(where + ": EXPOSE " + port + " missing");
        }
        List<Instruction> entrypoints = runtime.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).toList();
        if (entrypoints.size() != 1 || !entrypoints.getFirst().arguments().startsWith("[")) {
            problems.add(where + ": one exec-form ENTRYPOINT (signals reach the JVM for a graceful shutdown)");
        }
        List<String> layers = new ArrayList<>();
        Matcher layer = Pattern.compile("--from=\\S+\\s+/layers/([a-z-]+)/").matcher("");
        for (Instruction instruction : runtime) {
            if (instruction.keyword().equals("COPY") && layer.reset(instruction.arguments()).find()) {
                layers.add(layer.group(1));
            }
        }
        if (!layers.equals(List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"))) {
            problems.add(where + ": Boot's layers must be copied one per image layer, least-changing first; found " + layers);
        }
        if (instructions.stream().noneMatch(i -> i.keyword().equals("COPY") && i.arguments().equals(service + "/ " + service + "/"))) {
            problems.add(where + ": does not build its own module (COPY " + service + "/ " + service + "/)");
        }
        return problems;
    }

    /** Instructions with continuation lines joined and comments dropped. */
    static List<Instruction> parse(String dockerfile) {
        List<Instruction> instructions = new ArrayList<>();
        String[] lines = dockerfile.split("\n", -1);
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (current == null) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                current = new StringBuilder();
                start = i + 1;
            } else if (line.trim().startsWith("#")) {
                continue;
            }
            String content = line.stripTrailing();
            if (content.endsWith("\\")) {
                current.append(content, 0, content.length() - 1).append(' ');
                continue;
            }
            current.append(content);
            String text = current.toString().trim();
            int space = text.indexOf(' ');
            instructions.add(new Instruction(start, (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT),
                    space < 0 ? "" : text.substring(space + 1).trim().replaceAll("\\s+", " ")));
            current = null;
        }
        return instructions;
    }
}
