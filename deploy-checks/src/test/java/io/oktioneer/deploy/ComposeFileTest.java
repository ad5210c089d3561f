package io.oktioneer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.oktioneer.deploy.ServiceSettings.EnvValue;
import io.oktioneer.deploy.ServiceSettings.Source;

/** docker-compose.yml: valid for Docker Compose, complete, and consistent with what the services read. */
class ComposeFileTest {

    private static final Set<String> SERVERS = Set.of("postgres", "redis", "kafka", "clickhouse");
    private static final Set<String> OPS = Set.of("prometheus", "grafana", "zipkin");
    private static final Map<String, String> SECRETS = Map.of(
            "OKTIONEER_INTERNAL_TOKEN", "test-internal-token", "OKTIONEER_ADMIN_KEY", "okt_admin_test");

    private static Map<String, Object> compose;
    private static Map<String, Object> services;

    @BeforeAll
    static void load() {
        Tools.ensure();
        compose = Yamls.load(Repo.read("docker-compose.yml"));
        services = Yamls.mapAt(compose, "services");
    }

    @Test
    void dockerComposeAcceptsTheFile() {
        Tools.check(List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q"), SECRETS);
    }

    @Test
    void composeRefusesToStartWithoutTheSecrets() {
        Tools.Result result = Tools.run(List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q"),
                Map.of(), Duration.ofMinutes(1));
        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stderr()).contains("OKTIONEER_INTERNAL_TOKEN");
        for (String secret : SECRETS.keySet()) {
            assertThat(Repo.read("docker-compose.yml")).as("%s has no default", secret)
                    .containsPattern(Pattern.quote(secret + ": ${" + secret + ":?"));
        }
    }

    @Test
    void everyPlatformServiceIsThereWithAHealthCheck() {
        Set<String> expected = new TreeSet<>(SERVERS);
        expected.addAll(OPS);
        expected.addAll(ServiceSettings.PORTS.keySet());
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        services.forEach((name, definition) -> {
            List<Object> test = Yamls.listAt(definition, "healthcheck", "test");
            if (test.isEmpty() && Yamls.at(definition, "build") != null) {
                // Our services: the image's HEALTHCHECK (readiness group on actuator) is the health check.
                String dockerfile = Repo.read(Yamls.stringAt(definition, "build", "dockerfile"));
                assertThat(dockerfile).as(name + "'s Dockerfile").containsPattern("(?m)^HEALTHCHECK .*\\n?.*/actuator/health/readiness");
            } else {
                assertThat(test).as(name + " healthcheck").isNotEmpty().doesNotContain("NONE");
            }
            assertThat(Yamls.at(definition, "healthcheck", "disable")).as(name).isNotEqualTo(true);
        });
    }

    @Test
    void servicesStartOnlyOnceWhatTheyUseIsHealthy() {
        List<String> problems = new ArrayList<>();
        services.forEach((name, definition) -> {
            Map<String, Object> dependsOn = Yamls.mapAt(definition, "depends_on");
            for (String used : usedServices(name, definition)) {
                Object condition = Yamls.at(dependsOn, used, "condition");
                if (!"service_healthy".equals(condition)) {
                    problems.add(name + " uses " + used + " but does not wait for it: depends_on." + used
                            + ".condition is " + condition);
                }
            }
            dependsOn.forEach((dependency, spec) -> {
                if (!"service_healthy".equals(Yamls.stringAt(spec, "condition"))) {
                    problems.add(name + " depends on " + dependency + " without condition service_healthy");
                }
            });
        });
        assertThat(problems).isEmpty();
        assertThat(Yamls.mapAt(services, "gateway", "depends_on"))
                .containsKeys("preference-service", "auction-service", "history-consumer");
    }

    @Test
    void onlyTheGatewayAndTheOpsUisArePublished() {
        // As Docker Compose itself reads the file (interpolated, normalised).
        Map<String, Object> rendered = Yamls.mapAt(Yamls.load(Tools.check(
                List.of("docker-compose", "-f", "docker-compose.yml", "config"), SECRETS)), "services");
        Map<String, List<String>> published = new TreeMap<>();
        rendered.forEach((name, definition) -> {
            for (Object port : Yamls.listAt(definition, "ports")) {
                published.computeIfAbsent(name, n -> new ArrayList<>()).add(describePort(port));
            }
            assertThat(Yamls.at(definition, "network_mode")).as(name + " network_mode").isNull();
        });
        assertThat(published).containsOnlyKeys("gateway", "prometheus", "grafana", "zipkin");
        assertThat(published.get("gateway")).containsExactly("*:8080");
        assertThat(published.get("prometheus")).containsExactly("127.0.0.1:9090");
        assertThat(published.get("grafana")).containsExactly("127.0.0.1:3000");
        assertThat(published.get("zipkin")).containsExactly("127.0.0.1:9411");
    }

    @Test
    void theServicesGetExactlyTheSettingsTheyRead() {
        List<String> problems = new ArrayList<>();
        for (String service : ServiceSettings.PORTS.keySet()) {
            problems.addAll(ServiceSettings.of(service).problems("docker-compose.yml", environment(service)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theServicesListenOnTheirPortsOnEveryInterface() {
        for (Map.Entry<String, Integer> entry : ServiceSettings.PORTS.entrySet()) {
            String dockerfile = DockerfilesTest.rendered(entry.getKey(), entry.getValue());
            assertThat(dockerfile).contains("SERVER_PORT=" + entry.getValue()).contains("EXPOSE " + entry.getValue());
            ServiceSettings settings = ServiceSettings.of(entry.getKey());
            Object address = settings.properties.get("server.address");
            if (address != null && !String.valueOf(address).startsWith("0.0.0.0")) {
                Map<String, EnvValue> environment = environment(entry.getKey());
                Set<String> overrides = new TreeSet<>(ServiceSettings.placeholders(address));
                overrides.add("SERVER_ADDRESS");
                assertThat(overrides.stream().map(environment::get).filter(v -> v != null).map(EnvValue::value))
                        .as(entry.getKey() + " binds " + address + " by default: the container must bind 0.0.0.0")
                        .contains("0.0.0.0");
            }
        }
    }

    @Test
    void dataIsKeptInNamedVolumes() {
        Map<String, String> dataPaths = Map.of("postgres", "/var/lib/postgresql/data", "kafka", "/var/lib/kafka/data",
                "clickhouse", "/var/lib/clickhouse", "prometheus", "/prometheus", "grafana", "/var/lib/grafana");
        Set<String> declared = Yamls.mapAt(compose, "volumes").keySet();
        dataPaths.forEach((service, path) -> {
            String volume = Yamls.listAt(services, service, "volumes").stream().map(String::valueOf)
                    .filter(v -> v.endsWith(":" + path)).map(v -> v.substring(0, v.indexOf(':'))).findFirst().orElse(null);
            assertThat(volume).as(service + " keeps " + path + " in a volume").isNotNull();
            assertThat(declared).as("named volume of " + service).contains(volume);
        });
    }

    @Test
    void everyBindMountExistsInTheRepository() {
        services.forEach((name, definition) -> {
            for (Object volume : Yamls.listAt(definition, "volumes")) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(Repo.path(source)).as(name + " mounts " + source).exists();
                }
            }
        });
    }

    @Test
    void postgresHasTheDatabasesTheLauncherCreatesAndTheServicesUse() {
        String init = Repo.read("deploy/docker/postgres/init-databases.sql");
        Matcher launcher = Pattern.compile("DATABASES=\\(([^)]*)\\)").matcher(Repo.read("oktioneer"));
        assertThat(launcher.find()).as("DATABASES=(...) in ./oktioneer").isTrue();
        for (String database : launcher.group(1).trim().split("\\s+")) {
            assertThat(init).contains("CREATE DATABASE " + database + ";");
        }
        for (String service : ServiceSettings.PORTS.keySet()) {
            EnvValue url = environment(service).get("SPRING_DATASOURCE_URL");
            if (url != null) {
                String database = url.value().substring(url.value().lastIndexOf('/') + 1);
                assertThat(init).as(service + "'s database").contains("CREATE DATABASE " + database + ";");
            }
        }
    }

    @Test
    void imagesArePinnedAndTheServicesAreBuiltFromTheOneRecipeWithTheirNameAndPort() {
        services.forEach((name, definition) -> {
            String image = Yamls.stringAt(definition, "image");
            assertThat(image).as(name + " image").isNotNull().contains(":").doesNotEndWith(":latest");
            if (ServiceSettings.PORTS.containsKey(name)) {
                assertThat(Yamls.stringAt(definition, "build", "context")).isEqualTo(".");
                assertThat(Yamls.stringAt(definition, "build", "dockerfile")).isEqualTo(DockerfilesTest.RECIPE);
                assertThat(Yamls.stringAt(definition, "build", "args", "SERVICE")).as(name).isEqualTo(name);
                assertThat(Yamls.stringAt(definition, "build", "args", "PORT")).as(name)
                        .isEqualTo(String.valueOf(ServiceSettings.PORTS.get(name)));
                assertThat(image).startsWith("oktioneer/" + name + ":");
            } else {
                assertThat(Yamls.at(definition, "build")).as(name).isNull();
            }
        });
    }

    @Test
    void prometheusScrapesLikeTheLauncherAndLoadsTheSameRules() throws IOException {
        Map<String, Object> launcher = Yamls.load(Repo.read("deploy/prometheus/prometheus.yml"));
        Map<String, Object> containerised = Yamls.load(Repo.read("deploy/docker/prometheus/prometheus.yml"));
        assertThat(scrapeLabels(containerised)).isEqualTo(scrapeLabels(launcher));
        assertThat(Yamls.listAt(containerised, "scrape_configs")).allSatisfy(job -> assertThat(
                Yamls.stringAt(job, "metrics_path")).isEqualTo(Yamls.stringAt(
                        jobNamed(launcher, Yamls.stringAt(job, "job_name")), "metrics_path")));

        // The rule files: the launcher's, through the compose mounts.
        Map<String, String> mounts = mounts("prometheus");
        Set<Path> launcherRules = new TreeSet<>();
        for (Object file : Yamls.listAt(launcher, "rule_files")) {
            launcherRules.add(Repo.path("deploy/prometheus").resolve(String.valueOf(file)).normalize());
        }
        Set<Path> composeRules = new TreeSet<>();
        for (Object file : Yamls.listAt(containerised, "rule_files")) {
            composeRules.add(hostPath(mounts, String.valueOf(file)));
        }
        assertThat(composeRules).isEqualTo(launcherRules);
        assertThat(hostPath(mounts, "/etc/prometheus/prometheus.yml"))
                .isEqualTo(Repo.path("deploy/docker/prometheus/prometheus.yml"));

        // And promtool accepts it (with the container paths mapped back to the repository).
        String config = Repo.read("deploy/docker/prometheus/prometheus.yml");
        for (Object file : Yamls.listAt(containerised, "rule_files")) {
            config = config.replace(String.valueOf(file), hostPath(mounts, String.valueOf(file)).toString());
        }
        Files.createDirectories(Repo.WORK);
        Path copy = Repo.WORK.resolve("compose-prometheus.yml");
        Files.writeString(copy, config);
        String output = Tools.check(List.of("promtool", "check", "config", copy.toString()), Map.of());
        assertThat(output).contains("SUCCESS");
    }

    @Test
    void grafanaIsProvisionedFromDeployGrafanaWithTheDatasourceAndEveryDashboard() throws IOException {
        Map<String, String> mounts = mounts("grafana");
        Path provisioning = hostPath(mounts, "/etc/grafana/provisioning");
        assertThat(provisioning).isEqualTo(Repo.path("deploy/grafana/provisioning"));
        Map<String, EnvValue> environment = new LinkedHashMap<>();
        Yamls.mapAt(services, "grafana", "environment").forEach((k, v) -> environment.put(k, new EnvValue(String.valueOf(v), Source.LITERAL)));

        // The datasource: Prometheus of this compose file, once the provisioning file's ${VARIABLES} are expanded.
        Set<String> uids = new TreeSet<>();
        try (Stream<Path> files = Files.list(provisioning.resolve("datasources"))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).toList()) {
                for (Object datasource : Yamls.listAt(Yamls.load(Files.readString(file)), "datasources")) {
                    String url = Yamls.stringAt(datasource, "url");
                    for (String variable : placeholders(url)) {
                        assertThat(environment).as("grafana needs " + variable + " for " + file.getFileName()).containsKey(variable);
                        url = url.replace("${" + variable + "}", environment.get(variable).value());
                    }
                    if ("prometheus".equals(Yamls.stringAt(datasource, "type"))) {
                        assertThat(url).isEqualTo("http://prometheus:9090");
                    }
                    uids.add(Yamls.stringAt(datasource, "uid"));
                }
            }
        }
        assertThat(uids).isNotEmpty();

        // The dashboard providers, through the mounts, cover every dashboard JSON of deploy/grafana/.
        Set<Path> providerPaths = new TreeSet<>();
        try (Stream<Path> files = Files.list(provisioning.resolve("dashboards"))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).toList()) {
                for (Object provider : Yamls.listAt(Yamls.load(Files.readString(file)), "providers")) {
                    Path path = hostPath(mounts, Yamls.stringAt(provider, "options", "path"));
                    assertThat(path).as("dashboards directory").isDirectory();
                    providerPaths.add(path);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Pattern uid = Pattern.compile("\"datasource\"\\s*:\\s*\\{[^}]*\"uid\"\\s*:\\s*\"([^\"]+)\"");
        try (Stream<Path> files = Files.walk(Repo.path("deploy/grafana"))) {
            List<Path> dashboards = files.filter(f -> f.toString().endsWith(".json")).toList();
            assertThat(dashboards).as("dashboards under deploy/grafana").isNotEmpty();
            for (Path dashboard : dashboards) {
                if (providerPaths.stream().noneMatch(dashboard::startsWith)) {
                    problems.add(dashboard + " is under no dashboard provider's path " + providerPaths);
                }
                Matcher matcher = uid.matcher(Files.readString(dashboard));
                while (matcher.find()) {
                    String used = matcher.group(1);
                    if (!used.startsWith("$") && !used.startsWith("-- ") && !uids.contains(used)) {
                        problems.add(dashboard.getFileName() + " uses datasource uid " + used + "; provisioned: " + uids);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(text == null ? "" : text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    // ---------------------------------------------------------------- helpers

    /** The environment compose gives a service, with how each value is given. */
    static Map<String, EnvValue> environment(String service) {
        Map<String, EnvValue> environment = new LinkedHashMap<>();
        Yamls.mapAt(services(), service, "environment").forEach((name, value) -> {
            Source source = value == null ? Source.PASSED_THROUGH
                    : String.valueOf(value).contains("${") ? Source.INTERPOLATED : Source.LITERAL;
            environment.put(name, new EnvValue(value == null ? null : String.valueOf(value), source));
        });
        return environment;
    }

    private static Map<String, Object> services() {
        return services != null ? services : Yamls.mapAt(Yamls.load(Repo.read("docker-compose.yml")), "services");
    }

    /** The compose services a service talks to: host names in its environment values. */
    private static Set<String> usedServices(String name, Object definition) {
        Set<String> used = new TreeSet<>();
        Pattern host = Pattern.compile("(?:^|//|@|,)([a-z][a-z0-9-]*):\\d+");
        Yamls.mapAt(definition, "environment").values().forEach(value -> {
            Matcher matcher = host.matcher(String.valueOf(value));
            while (matcher.find()) {
                if (services.containsKey(matcher.group(1)) && !matcher.group(1).equals(name)) {
                    used.add(matcher.group(1));
                }
            }
        });
        return used;
    }

    private static String describePort(Object port) {
        if (port instanceof Map<?, ?> map) {
            Object ip = map.get("host_ip");
            return (ip == null ? "*" : ip) + ":" + map.get("target");
        }
        String[] parts = String.valueOf(port).split(":");
        String target = parts[parts.length - 1].replace("/tcp", "");
        return (parts.length == 3 ? parts[0] : "*") + ":" + target;
    }

    private static Map<String, String> mounts(String service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : Yamls.listAt(services, service, "volumes")) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }

    private static Path hostPath(Map<String, String> mounts, String containerPath) {
        for (Map.Entry<String, String> mount : mounts.entrySet()) {
            if (containerPath.equals(mount.getKey()) || containerPath.startsWith(mount.getKey() + "/")) {
                return Repo.path(mount.getValue() + containerPath.substring(mount.getKey().length())).normalize();
            }
        }
        throw new AssertionError(containerPath + " is not mounted from the repository; mounts: " + mounts);
    }

    private static Map<String, Set<Map<String, Object>>> scrapeLabels(Map<String, Object> config) {
        Map<String, Set<Map<String, Object>>> jobs = new TreeMap<>();
        for (Object job : Yamls.listAt(config, "scrape_configs")) {
            Set<Map<String, Object>> labels = new java.util.HashSet<>();
            for (Object target : Yamls.listAt(job, "static_configs")) {
                labels.add(Yamls.mapAt(target, "labels"));
            }
            jobs.put(Yamls.stringAt(job, "job_name"), labels);
        }
        return jobs;
    }

    private static Object jobNamed(Map<String, Object> config, String name) {
        return Yamls.listAt(config, "scrape_configs").stream()
                .filter(job -> name.equals(Yamls.stringAt(job, "job_name"))).findFirst().orElse(null);
    }
}
