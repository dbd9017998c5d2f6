package dev.facecast.server.cli;

import dev.facecast.server.access.Scope;
import dev.facecast.server.metrics.EncoderThreads;
import dev.facecast.server.metrics.FacecastMetrics;
import dev.facecast.server.metrics.ResourceSampler;
import dev.facecast.session.MediaTotals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No cluster runs here: this parses every manifest in {@code deploy/k8s} and checks what must agree
 * between them and with the server: ports, probe paths, metric names, labels and selectors, secrets,
 * the grace period against the drain.
 */
@Tag("unit")
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("..", "deploy", "k8s");
    private static final List<Map<String, Object>> documents = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object document : new Yaml().loadAll(reader)) {
                        assertThat(document).as(file + " holds objects").isInstanceOf(Map.class);
                        documents.add(map(document));
                    }
                }
            }
        }
    }

    @Test
    void shouldGiveEveryObjectAKindAndANameAndListEveryFileInTheKustomization() throws IOException {
        assertThat(documents).allSatisfy(document -> {
            assertThat(document).containsKeys("apiVersion", "kind");
            if (!"Kustomization".equals(document.get("kind"))) {
                assertThat(at(document, "metadata", "name")).isNotNull();
            }
        });
        Set<String> listed = Set.copyOf(strings(the("Kustomization", null).get("resources")));
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            Set<String> present = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")
                            && !name.equals("prometheus-adapter.yaml")) // applied with the adapter, in its namespace
                    .collect(Collectors.toSet());
            assertThat(listed).isEqualTo(present);
        }
    }

    @Test
    void shouldSelectTheWorkersWithTheirOwnLabels() {
        Map<String, Object> deployment = the("Deployment", "facecast");
        Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
        assertThat(podLabels).containsAllEntriesOf(map(at(deployment, "spec", "selector", "matchLabels")));
        assertThat(podLabels).containsAllEntriesOf(map(at(the("Service", "facecast"), "spec", "selector")));
        assertThat(podLabels).containsAllEntriesOf(map(at(the("PodDisruptionBudget", "facecast"), "spec", "selector", "matchLabels")));
        Map<String, Object> target = map(at(the("HorizontalPodAutoscaler", "facecast"), "spec", "scaleTargetRef"));
        assertThat(target).containsEntry("kind", "Deployment").containsEntry("name", "facecast");

        Map<String, Object> redis = the("Deployment", "facecast-redis");
        Map<String, Object> redisLabels = map(at(redis, "spec", "template", "metadata", "labels"));
        assertThat(redisLabels).containsAllEntriesOf(map(at(redis, "spec", "selector", "matchLabels")));
        assertThat(redisLabels).containsAllEntriesOf(map(at(the("Service", "facecast-redis"), "spec", "selector")));
        Map<String, Object> workerSelector = map(at(the("Service", "facecast"), "spec", "selector"));
        assertThat(redisLabels.entrySet()).as("the workers' Service must not select Redis")
                .doesNotContainAnyElementsOf(workerSelector.entrySet().stream()
                        .filter(e -> e.getKey().equals("app.kubernetes.io/name")).toList());
    }

    @Test
    void shouldExposeTheOneMediaPortOnTheNodeAndAnswerWithIt() {
        Map<String, Object> container = worker();
        int mediaPort = Integer.parseInt(argument(container, "--media-port"));
        Map<String, Object> media = namedPort(container, "media");
        assertThat(media).containsEntry("containerPort", mediaPort).containsEntry("hostPort", mediaPort)
                .containsEntry("protocol", "UDP");
        assertThat(argument(container, "--media-address")).isEqualTo("$(HOST_IP):" + mediaPort);
    }

    @Test
    void shouldAgreeOnTheHttpPortAndTheProbesPaths() {
        Map<String, Object> container = worker();
        int port = Integer.parseInt(argument(container, "--port"));
        Map<String, Object> http = namedPort(container, "http");
        assertThat(http.get("containerPort")).isEqualTo(port);
        List<?> servicePorts = (List<?>) at(the("Service", "facecast"), "spec", "ports");
        assertThat(servicePorts).hasSize(1);
        assertThat(map(servicePorts.getFirst()).get("targetPort")).isIn("http", port);
        assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
        assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/healthz");
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            assertThat(at(container, probe, "httpGet", "port")).isIn("http", port);
            assertThat(Scope.of((String) at(container, probe, "httpGet", "path"))).as("the kubelet sends no credential")
                    .isEqualTo(Scope.PUBLIC);
        }
        Map<String, Object> annotations = map(at(the("Deployment", "facecast"), "spec", "template", "metadata", "annotations"));
        assertThat(annotations).containsEntry("prometheus.io/port", Integer.toString(port))
                .containsEntry("prometheus.io/path", "/metrics");
        assertThat(String.valueOf(at(container, "lifecycle", "preStop", "exec", "command")))
                .contains("http://127.0.0.1:" + port + "/v1/admin/drain");
        assertThat(argument(container, "--advertise-url")).isEqualTo("http://$(POD_IP):" + port);
    }

    @Test
    void shouldReachRedisThroughItsService() {
        URI redis = URI.create(argument(worker(), "--redis"));
        Map<String, Object> service = the("Service", redis.getHost());
        assertThat((List<?>) at(service, "spec", "ports")).anySatisfy(p -> assertThat(map(p).get("port")).isEqualTo(redis.getPort()));
        Map<String, Object> redisContainer = map(((List<?>) at(the("Deployment", redis.getHost()), "spec", "template", "spec",
                "containers")).getFirst());
        assertThat(namedPort(redisContainer, "redis").get("containerPort")).isEqualTo(redis.getPort());
    }

    @Test
    void shouldDefineEveryVariableTheArgumentsUseAndEverySecretKeyTheyRead() {
        Map<String, Object> container = worker();
        Set<String> defined = new HashSet<>();
        Map<String, Object> secret = map(at(the("Secret", "facecast-secrets"), "stringData"));
        for (Object variable : (List<?>) container.get("env")) {
            Map<String, Object> env = map(variable);
            defined.add((String) env.get("name"));
            Object key = at(env, "valueFrom", "secretKeyRef", "key");
            if (key != null) {
                assertThat(secret).containsKey((String) key);
            }
        }
        assertThat(defined).contains(ClusterOptions.SECRET_VARIABLE, "FACECAST_API_KEYS");
        Matcher reference = Pattern.compile("\\$\\(([A-Z_]+)\\)").matcher(String.join(" ", strings(container.get("args"))));
        while (reference.find()) {
            assertThat(defined).as("$(" + reference.group(1) + ")").contains(reference.group(1));
        }
    }

    @Test
    void shouldGraceLongerThanThePreStopPauseAndTheDrain() {
        Map<String, Object> podSpec = map(at(the("Deployment", "facecast"), "spec", "template", "spec"));
        Matcher sleep = Pattern.compile("sleep (\\d+)").matcher(String.valueOf(at(worker(), "lifecycle", "preStop", "exec", "command")));
        assertThat(sleep.find()).isTrue();
        long neededS = Long.parseLong(sleep.group(1)) + ServeCommand.DRAIN_TIMEOUT.toSeconds();
        assertThat(((Number) podSpec.get("terminationGracePeriodSeconds")).longValue()).isGreaterThan(neededS);
    }

    @Test
    void shouldScaleOnMetricsTheServerExports() {
        String adapterConfig = (String) at(the("ConfigMap", "adapter-config"), "data", "config.yaml");
        Map<String, Object> rule = map(((List<?>) map(new Yaml().load(adapterConfig)).get("rules")).getFirst());
        Set<String> used = new HashSet<>();
        Matcher metric = Pattern.compile("facecast_[a-z_]+").matcher(rule.get("seriesQuery") + " " + rule.get("metricsQuery")
                + " " + at(rule, "name", "matches"));
        while (metric.find()) {
            used.add(metric.group());
        }
        assertThat(used).containsExactlyInAnyOrder("facecast_sessions_active", "facecast_sessions_capacity");
        assertThat(exportedMetricNames()).containsAll(used);
        List<?> hpaMetrics = (List<?>) at(the("HorizontalPodAutoscaler", "facecast"), "spec", "metrics");
        assertThat(hpaMetrics).anySatisfy(m -> assertThat(at(map(m), "pods", "metric", "name")).isEqualTo(at(rule, "name", "as")));
    }

    /** The metric names a real {@link FacecastMetrics} scrapes. */
    private static Set<String> exportedMetricNames() {
        FacecastMetrics metrics = new FacecastMetrics();
        ResourceSampler sampler = new ResourceSampler(List::of, new EncoderThreads(), Duration.ofSeconds(5), snapshot -> { });
        metrics.bind(() -> 0, () -> 1, () -> 0, 1, new MediaTotals(), sampler);
        return Arrays.stream(metrics.scrape(sampler::latest).split("\n")).filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]")[0]).collect(Collectors.toSet());
    }

    private static Map<String, Object> worker() {
        List<?> containers = (List<?>) at(the("Deployment", "facecast"), "spec", "template", "spec", "containers");
        return map(containers.getFirst());
    }

    private static String argument(Map<String, Object> container, String option) {
        return strings(container.get("args")).stream().filter(arg -> arg.startsWith(option + "=")).findFirst()
                .map(arg -> arg.substring(option.length() + 1)).orElseThrow(() -> new AssertionError("no " + option));
    }

    private static Map<String, Object> namedPort(Map<String, Object> container, String name) {
        return ((List<?>) container.get("ports")).stream().map(KubernetesManifestsTest::map)
                .filter(port -> name.equals(port.get("name"))).findFirst().orElseThrow(() -> new AssertionError("no port " + name));
    }

    private static Map<String, Object> the(String kind, String name) {
        List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind")))
                .filter(d -> name == null || name.equals(at(d, "metadata", "name"))).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.getFirst();
    }

    private static Object at(Map<String, Object> document, String... path) {
        Object node = document;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> inner)) {
                return null;
            }
            node = inner.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    private static List<String> strings(Object node) {
        return ((List<?>) node).stream().map(String::valueOf).toList();
    }
}
