package dev.plinth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.plinth.testing.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders every overlay of helm-free-deploy/ with {@code kubectl kustomize} and checks what a cluster
 * would get: a Deployment that runs plinth safely (non-root, read-only, no privileges), probed on the
 * actuator's health groups, with resources, spread over zones, stopping within its grace period; a
 * Service and a PodDisruptionBudget that select its pods; the IAM role annotation; and the database
 * settings, the password only ever from a Secret.
 */
class KustomizeTest {

    private static final Path DEPLOY = Path.of("helm-free-deploy");

    /** What each overlay must come out as. */
    record Overlay(String name, String namespace, int replicas) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Overlay> overlays() {
        return List.of(new Overlay("staging", "plinth-staging", 2), new Overlay("production", "plinth", 3));
    }

    private record Rendered(Overlay overlay, List<Map<String, Object>> objects) {

        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        }

        Map<String, Object> one(String kind) {
            List<Map<String, Object>> found = ofKind(kind);
            assertThat(found).as("%s: exactly one %s", overlay, kind).hasSize(1);
            return found.getFirst();
        }
    }

    @Test
    void everyOverlayIsCheckedHere() throws IOException {
        Set<String> present;
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("overlays"))) {
            present = dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet());
        }
        assertThat(present)
                .as("overlays in %s (add a new one to KustomizeTest.overlays())", DEPLOY.resolve("overlays"))
                .containsExactlyInAnyOrderElementsOf(
                        overlays().stream().map(Overlay::name).toList());
        assertThat(overlays().stream().map(Overlay::namespace).distinct())
                .as("one namespace each")
                .hasSize(overlays().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void rendersIntoItsOwnNamespaceWithoutSecrets(Overlay overlay) {
        Rendered r = render(overlay);
        assertThat(r.ofKind("Secret"))
                .as("%s: secret values never come from the repository", overlay)
                .isEmpty();
        for (Map<String, Object> object : r.objects()) {
            if (!"Namespace".equals(object.get("kind"))) {
                assertThat(path(object, "metadata", "namespace"))
                        .as("%s: namespace of %s", overlay, name(object))
                        .isEqualTo(overlay.namespace());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void runsReplicasOfAPinnedImageAsAnUnprivilegedUser(Overlay overlay) {
        Map<String, Object> deployment = render(overlay).one("Deployment");
        assertThat((Integer) path(deployment, "spec", "replicas"))
                .as("%s: replicas", overlay)
                .isGreaterThanOrEqualTo(2)
                .isEqualTo(overlay.replicas());

        Map<String, Object> pod = map(path(deployment, "spec", "template", "spec"));
        Map<String, Object> container = container(pod);
        String image = (String) container.get("image");
        assertThat(image)
                .as("%s: image", overlay)
                .contains(":")
                .doesNotEndWith(":latest")
                .doesNotContain("set-by-overlay");

        Map<String, Object> podSecurity = map(pod.get("securityContext"));
        Map<String, Object> security = map(container.get("securityContext"));
        assertThat(Boolean.TRUE.equals(podSecurity.get("runAsNonRoot"))
                        || Boolean.TRUE.equals(security.get("runAsNonRoot")))
                .as("%s: runAsNonRoot", overlay)
                .isTrue();
        assertThat(security.get("readOnlyRootFilesystem"))
                .as("%s: readOnlyRootFilesystem", overlay)
                .isEqualTo(true);
        assertThat(security.get("allowPrivilegeEscalation"))
                .as("%s: allowPrivilegeEscalation", overlay)
                .isEqualTo(false);
        assertThat(list(path(security, "capabilities", "drop")))
                .as("%s: capabilities dropped", overlay)
                .contains("ALL");

        // with a read-only root, /tmp (Tomcat's and the JVM's temporary files) must be a volume
        List<Map<String, Object>> mounts = maps(container.get("volumeMounts"));
        Map<String, Object> tmp = mounts.stream()
                .filter(m -> "/tmp".equals(m.get("mountPath")))
                .findFirst()
                .orElseGet(() -> fail("%s: no volume mounted on /tmp", overlay));
        assertThat(maps(pod.get("volumes")))
                .as("%s: /tmp is an emptyDir", overlay)
                .anySatisfy(v -> {
                    assertThat(v.get("name")).isEqualTo(tmp.get("name"));
                    assertThat(v).containsKey("emptyDir");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void probesTheActuatorHealthGroupsAndSetsResources(Overlay overlay) {
        Map<String, Object> pod = map(path(render(overlay).one("Deployment"), "spec", "template", "spec"));
        Map<String, Object> container = container(pod);
        Set<Object> ports = ports(container);

        assertThat(path(container, "livenessProbe", "httpGet", "path"))
                .as("%s: liveness", overlay)
                .isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "readinessProbe", "httpGet", "path"))
                .as("%s: readiness", overlay)
                .isEqualTo("/actuator/health/readiness");
        assertThat((String) path(container, "startupProbe", "httpGet", "path"))
                .as("%s: startup probe", overlay)
                .startsWith("/actuator/health/");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(ports)
                    .as("%s: %s's port is the container's", overlay, probe)
                    .contains(path(container, probe, "httpGet", "port"));
        }

        Map<String, Object> resources = map(container.get("resources"));
        for (String kind : List.of("requests", "limits")) {
            assertThat(map(resources.get(kind)))
                    .as("%s: resources.%s", overlay, kind)
                    .containsKeys("cpu", "memory");
        }
        assertThat(bytes(path(resources, "requests", "memory")))
                .as("%s: memory request within the limit", overlay)
                .isLessThanOrEqualTo(bytes(path(resources, "limits", "memory")));
        assertThat(millicores(path(resources, "requests", "cpu")))
                .as("%s: cpu request within the limit", overlay)
                .isLessThanOrEqualTo(millicores(path(resources, "limits", "cpu")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void spreadsOverZonesAndIsScrapedByPrometheus(Overlay overlay) {
        Map<String, Object> template = map(path(render(overlay).one("Deployment"), "spec", "template"));
        Map<String, Object> pod = map(template.get("spec"));
        boolean spread = maps(pod.get("topologySpreadConstraints")).stream()
                .anyMatch(c -> "topology.kubernetes.io/zone".equals(c.get("topologyKey"))
                        && selects(map(c.get("labelSelector")), labels(template)));
        boolean antiAffinity =
                pod.containsKey("affinity") && map(pod.get("affinity")).containsKey("podAntiAffinity");
        assertThat(spread || antiAffinity)
                .as("%s: pods spread across zones", overlay)
                .isTrue();

        Map<String, Object> annotations = map(path(template, "metadata", "annotations"));
        assertThat(annotations)
                .as("%s: scrape annotations", overlay)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
        assertThat(ports(container(pod))).as("%s: prometheus.io/port", overlay).contains(Integer.valueOf((String)
                annotations.get("prometheus.io/port")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void stopsWithinItsGracePeriod(Overlay overlay) {
        Map<String, Object> pod = map(path(render(overlay).one("Deployment"), "spec", "template", "spec"));
        long grace = ((Number) pod.get("terminationGracePeriodSeconds")).longValue();
        long preStop = 0;
        Object command = path(container(pod), "lifecycle", "preStop", "exec", "command");
        if (command != null) {
            List<Object> args = list(command);
            assertThat(args.getFirst()).as("%s: preStop is a pause", overlay).isEqualTo("sleep");
            preStop = Long.parseLong(String.valueOf(args.get(1)));
        }
        assertThat(grace)
                .as(
                        "%s: terminationGracePeriodSeconds against preStop (%ss) and the shutdown phase (%s)",
                        overlay, preStop, shutdownPhase())
                .isGreaterThan(preStop + shutdownPhase().toSeconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theServiceAndTheDisruptionBudgetSelectThePods(Overlay overlay) {
        Rendered r = render(overlay);
        Map<String, Object> deployment = r.one("Deployment");
        Map<String, Object> template = map(path(deployment, "spec", "template"));
        Map<String, Object> podLabels = labels(template);
        assertThat(selects(map(path(deployment, "spec", "selector")), podLabels))
                .as("%s: the Deployment's selector", overlay)
                .isTrue();

        Map<String, Object> service = r.one("Service");
        Map<String, Object> selector = map(path(service, "spec", "selector"));
        assertThat(selector).as("%s: Service selector", overlay).isNotEmpty();
        assertThat(podLabels).as("%s: the Service selects the pods", overlay).containsAllEntriesOf(selector);
        Set<Object> ports = ports(container(map(template.get("spec"))));
        assertThat(maps(path(service, "spec", "ports")))
                .as("%s: the Service targets the container port", overlay)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(ports).contains(p.getOrDefault("targetPort", p.get("port"))));

        Map<String, Object> pdb = r.one("PodDisruptionBudget");
        assertThat(selects(map(path(pdb, "spec", "selector")), podLabels))
                .as("%s: the PDB selects the pods", overlay)
                .isTrue();
        Map<String, Object> budget = map(pdb.get("spec"));
        if (budget.containsKey("minAvailable")) {
            assertThat((Integer) budget.get("minAvailable"))
                    .as("%s: minAvailable leaves room for a drain", overlay)
                    .isBetween(1, overlay.replicas() - 1);
        } else {
            assertThat(budget.get("maxUnavailable"))
                    .as("%s: maxUnavailable", overlay)
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void runsAsAServiceAccountWithItsOwnIamRole(Overlay overlay) {
        Rendered r = render(overlay);
        Map<String, Object> account = r.one("ServiceAccount");
        assertThat(path(r.one("Deployment"), "spec", "template", "spec", "serviceAccountName"))
                .as("%s: the pods run as the ServiceAccount", overlay)
                .isEqualTo(name(account));

        String role = (String) path(account, "metadata", "annotations", "eks.amazonaws.com/role-arn");
        String placeholder = (String) path(
                loadOne(DEPLOY.resolve("base/serviceaccount.yaml")),
                "metadata",
                "annotations",
                "eks.amazonaws.com/role-arn");
        assertThat(role)
                .as("%s: the role ARN", overlay)
                .isNotEqualTo(placeholder)
                .matches("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
        // the policy lets plinth write the policies of roles named plinth-*: its own must not be one
        assertThat(role.substring(role.lastIndexOf('/') + 1))
                .as("%s: the service's own role name", overlay)
                .doesNotStartWithIgnoringCase("plinth-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void takesTheDatabaseUrlFromTheConfigMapAndTheCredentialsFromASecret(Overlay overlay) {
        Rendered r = render(overlay);
        Map<String, Object> container = container(map(path(r.one("Deployment"), "spec", "template", "spec")));
        Map<String, Map<String, Object>> env =
                maps(container.get("env")).stream().collect(Collectors.toMap(e -> (String) e.get("name"), e -> e));

        String url = setting(r, container, env, "SPRING_DATASOURCE_URL");
        String placeholder = (String)
                map(loadOne(DEPLOY.resolve("base/configmap.yaml")).get("data")).get("SPRING_DATASOURCE_URL");
        assertThat(url)
                .as("%s: SPRING_DATASOURCE_URL", overlay)
                .startsWith("jdbc:postgresql://")
                .isNotEqualTo(placeholder);

        for (String name : List.of("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD")) {
            Map<String, Object> variable = env.get(name);
            assertThat(variable)
                    .as("%s: %s is set on the container", overlay, name)
                    .isNotNull();
            assertThat(variable).as("%s: %s is no literal", overlay, name).doesNotContainKey("value");
            assertThat(path(variable, "valueFrom", "secretKeyRef", "name"))
                    .as("%s: %s from a Secret", overlay, name)
                    .isNotNull();
        }
        for (Map<String, Object> configMap : r.ofKind("ConfigMap")) {
            assertThat(map(configMap.get("data")).keySet())
                    .as("%s: no password in ConfigMap %s", overlay, name(configMap))
                    .noneMatch(k -> k.toUpperCase().contains("PASSWORD")
                            || k.toUpperCase().contains("SECRET"));
        }
        assertThat(env.values())
                .as("%s: no literal password or secret in env", overlay)
                .noneMatch(e -> e.containsKey("value")
                        && (((String) e.get("name")).toUpperCase().contains("PASSWORD")
                                || ((String) e.get("name")).toUpperCase().contains("SECRET")));
    }

    /** A setting's value, from the container's env or from a ConfigMap it takes its environment from. */
    private static String setting(
            Rendered r, Map<String, Object> container, Map<String, Map<String, Object>> env, String name) {
        Map<String, Object> variable = env.get(name);
        if (variable != null) {
            if (variable.containsKey("value")) {
                return (String) variable.get("value");
            }
            Map<String, Object> ref = map(path(variable, "valueFrom", "configMapKeyRef"));
            return (String)
                    map(configMap(r, (String) ref.get("name")).get("data")).get(ref.get("key"));
        }
        for (Map<String, Object> source : maps(container.get("envFrom"))) {
            Object ref = path(source, "configMapRef", "name");
            if (ref != null) {
                Object value = map(configMap(r, (String) ref).get("data")).get(name);
                if (value != null) {
                    return (String) value;
                }
            }
        }
        return fail(
                "%s: %s is set neither in env nor in a ConfigMap the container takes its environment from",
                r.overlay(), name);
    }

    private static Map<String, Object> configMap(Rendered r, String name) {
        return r.ofKind("ConfigMap").stream()
                .filter(c -> name.equals(name(c)))
                .findFirst()
                .orElseGet(() -> fail("%s: no ConfigMap %s", r.overlay(), name));
    }

    // ---- rendering ------------------------------------------------------------------------------

    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    private static Rendered render(Overlay overlay) {
        return RENDERED.computeIfAbsent(overlay.name(), name -> {
            String yaml = kubectl(
                    "kustomize", DEPLOY.resolve("overlays").resolve(name).toString());
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : yaml().loadAll(yaml)) {
                if (document != null) {
                    objects.add(map(document));
                }
            }
            return new Rendered(overlay, objects);
        });
    }

    /**
     * Runs kubectl ($KUBECTL, else what bin/find-kubectl finds, installing one into the user's cache when
     * there is none, as the tests do with the emulator and PostgreSQL); fails with what to do when that fails.
     */
    private static String kubectl(String... args) {
        if (kubectl == null) {
            kubectl = Objects.requireNonNullElseGet(System.getenv("KUBECTL"), KustomizeTest::findKubectl);
        }
        List<String> command = new ArrayList<>(List.of(kubectl));
        command.addAll(List.of(args));
        Command run = Command.run(command, Duration.ofMinutes(2));
        if (run.exit() != 0) {
            fail("%s exited with %d: %s", String.join(" ", command), run.exit(), run.stderr());
        }
        return run.stdout();
    }

    /** Found once per run: finding may mean installing. */
    private static String kubectl;

    private static String findKubectl() {
        Command run = Command.run(List.of("bin/find-kubectl", "--install"), Duration.ofMinutes(3));
        if (run.exit() != 0 || run.stdout().isBlank()) {
            fail("""
                    The manifest tests need kubectl 1.21 or newer (for `kubectl kustomize`); none was found, and
                    bin/find-kubectl --install could not install one. Set KUBECTL to a kubectl binary. %s""", run.stderr().strip());
        }
        return run.stdout().strip();
    }

    // ---- the application's own setting --------------------------------------------------------

    /** spring.lifecycle.timeout-per-shutdown-phase from application.yaml. */
    private static Duration shutdownPhase() {
        Object value = path(
                loadOne(Path.of("src/main/resources/application.yaml")),
                "spring",
                "lifecycle",
                "timeout-per-shutdown-phase");
        assertThat(value)
                .as("spring.lifecycle.timeout-per-shutdown-phase in application.yaml")
                .isNotNull();
        return DurationStyle.detectAndParse(String.valueOf(value));
    }

    // ---- YAML helpers -------------------------------------------------------------------------

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private static Map<String, Object> loadOne(Path file) {
        try {
            return map(yaml().load(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> container(Map<String, Object> pod) {
        List<Map<String, Object>> containers = maps(pod.get("containers"));
        return containers.stream()
                .filter(c -> "plinth".equals(c.get("name")))
                .findFirst()
                .orElseGet(() -> fail("no container named plinth in %s", containers));
    }

    /** The container's ports, by name and by number: what a probe or a Service's targetPort may refer to. */
    private static Set<Object> ports(Map<String, Object> container) {
        return maps(container.get("ports")).stream()
                .flatMap(p -> Stream.of(p.get("name"), p.get("containerPort")))
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    private static Map<String, Object> labels(Map<String, Object> template) {
        return map(path(template, "metadata", "labels"));
    }

    /** Whether a label selector ({@code matchLabels} only, as here) selects pods with these labels. */
    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        Map<String, Object> match = map(selector.get("matchLabels"));
        return !match.isEmpty()
                && !selector.containsKey("matchExpressions")
                && labels.entrySet().containsAll(match.entrySet());
    }

    private static String name(Map<String, Object> object) {
        return (String) path(object, "metadata", "name");
    }

    private static Object path(Map<String, Object> object, String... keys) {
        Object current = object;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    private static List<Map<String, Object>> maps(Object value) {
        return list(value).stream().map(KustomizeTest::map).toList();
    }

    /** A Kubernetes memory quantity (Mi, Gi, M, G or plain bytes) in bytes. */
    private static long bytes(Object quantity) {
        String q = String.valueOf(quantity);
        for (var unit : List.of(
                Map.entry("Ki", 1L << 10),
                Map.entry("Mi", 1L << 20),
                Map.entry("Gi", 1L << 30),
                Map.entry("k", 1_000L),
                Map.entry("M", 1_000_000L),
                Map.entry("G", 1_000_000_000L))) {
            if (q.endsWith(unit.getKey())) {
                return (long) (Double.parseDouble(
                                q.substring(0, q.length() - unit.getKey().length()))
                        * unit.getValue());
            }
        }
        return Long.parseLong(q);
    }

    /** A Kubernetes CPU quantity (250m, 1, 0.5) in millicores. */
    private static long millicores(Object quantity) {
        String q = String.valueOf(quantity);
        return q.endsWith("m") ? Long.parseLong(q.substring(0, q.length() - 1)) : (long) (Double.parseDouble(q) * 1000);
    }
}
