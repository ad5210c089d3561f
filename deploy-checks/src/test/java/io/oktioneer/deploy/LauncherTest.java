package io.oktioneer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's layout: {@code ./oktioneer} dispatches, the jobs and the server recipes live in
 * deploy/local/launcher/. Read from the files and by bash itself; nothing here starts a server.
 */
class LauncherTest {

    private static final String LAUNCHER_DIR = "deploy/local/launcher";
    private static final Pattern PARTS = Pattern.compile("for part in ([a-z ]+); do");
    private static final Pattern SERVERS = Pattern.compile("(?m)^SERVERS=\\(([a-z ]+)\\)");
    private static final Pattern DISPATCH = Pattern.compile("(?s)case \\$cmd in\\n(.*?)\\nesac");
    private static final Pattern CASE_LABEL = Pattern.compile("(?m)^\\s+([a-z|\\-]+)\\)");
    private static final Pattern INFRA_CASE = Pattern.compile("(?s)infra\\(\\) \\{.*?case \\$action in\\n(.*?)\\n\\s+esac");

    @TempDir
    Path run;

    @Test
    void everyFileTheLauncherSourcesExistsAndEveryFileThereIsSourced() throws IOException {
        String launcher = Repo.read("oktioneer");
        Set<String> sourced = new TreeSet<>();
        for (String part : words(PARTS, launcher)) {
            sourced.add(LAUNCHER_DIR + "/" + part + ".sh");
        }
        for (String server : words(SERVERS, launcher)) {
            sourced.add(LAUNCHER_DIR + "/servers/" + server + ".sh");
        }
        assertThat(sourced).as("files ./oktioneer sources").hasSizeGreaterThan(10);
        assertThat(sourced.stream().filter(file -> !Repo.exists(file))).as("sourced but missing").isEmpty();

        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repo.path(LAUNCHER_DIR))) {
            files.filter(file -> file.toString().endsWith(".sh"))
                    .forEach(file -> present.add(Repo.ROOT.relativize(file).toString().replace('\\', '/')));
        }
        assertThat(present).as("files in %s that ./oktioneer does not source", LAUNCHER_DIR).isEqualTo(sourced);
    }

    @Test
    void helpListsEveryCommandTheLauncherDispatches() throws Exception {
        String launcher = Repo.read("oktioneer");
        Matcher dispatch = DISPATCH.matcher(launcher);
        assertThat(dispatch.find()).as("the dispatch of ./oktioneer").isTrue();
        List<String> commands = labels(dispatch.group(1)).stream()
                .filter(label -> !label.equals("*") && !label.startsWith("-")).toList();
        assertThat(commands).contains("up", "down", "status", "logs", "test", "bench", "demo", "reset", "images",
                "infra", "help");

        Outcome help = launcher("help");
        assertThat(help.exitCode()).isZero();
        List<String> lines = help.output().lines().toList();
        for (String command : commands) {
            assertThat(lines).as("./oktioneer help lists %s", command).anyMatch(line -> line.startsWith("  " + command + " ")
                    || line.equals("  " + command));
        }

        Matcher infra = INFRA_CASE.matcher(Repo.read(LAUNCHER_DIR + "/servers.sh"));
        assertThat(infra.find()).as("the actions of ./oktioneer infra").isTrue();
        List<String> infraLines = lines.stream().filter(line -> line.startsWith("  infra ")).toList();
        for (String action : labels(infra.group(1))) {
            if (!action.equals("*")) {
                assertThat(infraLines).as("./oktioneer help lists infra %s", action)
                        .anyMatch(line -> Arrays.asList(line.trim().split("[ |]")).contains(action));
            }
        }

        Outcome unknown = launcher("no-such-command");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).isEqualTo(help.output());
    }

    @Test
    void everyServerRecipeDefinesWhatTheSupervisorCalls() throws Exception {
        // Sourced with `help`, the launcher only prints its usage; then bash names each missing function.
        String check = """
                . "$1" help >/dev/null
                for s in "${SERVERS[@]}"; do
                  for f in start_$s ${s}_packages ${s}_url; do declare -F "$f" >/dev/null || echo "missing $f"; done
                done
                echo checked "${SERVERS[@]}"
                """;
        Outcome outcome = run("bash", "-c", check, "bash", Repo.path("oktioneer").toString());
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output().strip()).isEqualTo("checked postgres redis kafka clickhouse prometheus zipkin");
    }

    private static List<String> words(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in ./oktioneer", pattern).isTrue();
        return List.of(matcher.group(1).trim().split("\\s+"));
    }

    private static List<String> labels(String caseBody) {
        List<String> labels = new ArrayList<>();
        Matcher matcher = CASE_LABEL.matcher(caseBody);
        while (matcher.find()) {
            labels.addAll(List.of(matcher.group(1).split("\\|")));
        }
        if (caseBody.lines().anyMatch(line -> line.trim().startsWith("*)"))) {
            labels.add("*");
        }
        return labels;
    }

    record Outcome(int exitCode, String output) {
    }

    private Outcome launcher(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", Repo.path("oktioneer").toString()));
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }

    private Outcome run(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("OKTIONEER_RUN_DIR", run.toString());
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return new Outcome(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
