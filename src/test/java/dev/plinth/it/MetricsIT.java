package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.PrometheusText;
import dev.plinth.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code /actuator/prometheus} shows of one environment provisioned (with AWS throttling a call),
 * changed, repaired after drift, and deleted; and that the example dashboard and alert rules ask only
 * for metrics it shows. A service of its own (its own meters, so every counter and timer is this
 * test's) with its gauges refreshed often; the gauges count the database, which may hold other tests'
 * environments, so they are compared with what they showed before.
 */
class MetricsIT extends EndToEndTest {

    private static final String REGION = "eu-central-1";
    private static final Path MONITORING = Path.of("helm-free-deploy/monitoring");
    private static final Pattern METRIC = Pattern.compile("\\bplinth_[a-z0-9_]+");
    private static final Pattern DURATION = Pattern.compile("\\d+[smhdwy]");
    private static final Duration REFRESH = Duration.ofMillis(200);
    private static final String SERVICE_KIND = "AWS::ECS::Service";
    private static final String SECURITY_GROUP_KIND = "AWS::EC2::SecurityGroup";

    @DynamicPropertySource
    static void ownMeters(DynamicPropertyRegistry registry) {
        registry.add("plinth.metrics.refresh-interval", REFRESH::toString);
    }

    @Test
    void provisioningAChangeARepairAndTeardownShowInTheMetrics() throws IOException {
        Waits.pause(REFRESH.multipliedBy(3)); // the gauges have counted the database as it is before this test
        PrometheusText before = metrics();
        double readyBefore = before.sum("plinth_environments", "status", "READY");
        double deletedBefore = before.sum("plinth_environments", "status", "DELETED");
        // two SDK attempts per call in tests: the first call fails after two throttled attempts, the
        // engine's retry gets through on its second
        AWS.fail("CreateInternetGateway", 3, 503, "RequestLimitExceeded", "Request limit exceeded.");
        String id = api.create("""
                {"name": "watched", "region": "eu-central-1",
                 "network": {"cidr": "10.73.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "desiredCount": 1}}""");
        JsonNode ready = api.await(id, CONVERGE, "READY", "FAILED");
        assertThat(ready.path("status").asString()).as(ready.toString()).isEqualTo("READY");
        Map<String, Long> kinds = kindsOf(id);

        PrometheusText provisioned = awaitMetrics(
                m -> m.sum("plinth_environments", "status", "READY") == readyBefore + 1
                        && m.sum("plinth_environment_provision_duration_seconds_count") == 1,
                "the provisioning");
        assertThat(provisioned.sum("plinth_environment_provision_duration_seconds_count", "outcome", "ready"))
                .isEqualTo(1);
        assertThat(provisioned.sum(
                        "plinth_environment_provision_duration_seconds_bucket", "outcome", "ready", "le", "3600.0"))
                .as("observed in the bucket of an hour")
                .isEqualTo(1);
        assertThat(kinds)
                .allSatisfy((kind, resources) -> assertThat(
                                provisioned.sum("plinth_resource_create_duration_seconds_count", "kind", kind))
                        .as("creates of %s", kind)
                        .isEqualTo(resources.doubleValue()));
        String gateway = "CreateInternetGateway";
        assertThat(provisioned.sum(
                        "plinth_aws_calls_total",
                        "service",
                        "Ec2",
                        "operation",
                        gateway,
                        "outcome",
                        "error",
                        "error_code",
                        "RequestLimitExceeded"))
                .isEqualTo(1);
        assertThat(provisioned.sum(
                        "plinth_aws_calls_total",
                        "service",
                        "Ec2",
                        "operation",
                        gateway,
                        "outcome",
                        "ok",
                        "error_code",
                        "none"))
                .isEqualTo(1);
        assertThat(provisioned.sum("plinth_aws_throttles_total", "service", "Ec2", "operation", gateway))
                .isEqualTo(3);
        assertThat(provisioned.sum("plinth_aws_retries_total", "service", "Ec2", "operation", gateway))
                .isEqualTo(2);
        assertThat(provisioned.sum(
                        "plinth_scheduler_executions_seconds_count", "task", "reconcile-environment", "outcome", "ok"))
                .isPositive();

        Reply patched = api.patch(id, "", "{\"service\": {\"desiredCount\": 2}}", api.etag(id));
        assertThat(patched.status()).as(patched.body()).isEqualTo(202);
        api.await(id, CONVERGE, "READY");
        PrometheusText changed =
                awaitMetrics(m -> m.sum("plinth_environment_update_duration_seconds_count") == 1, "the change");
        assertThat(changed.sum("plinth_environment_update_duration_seconds_count", "outcome", "ready"))
                .isEqualTo(1);
        assertThat(changed.sum("plinth_environment_provision_duration_seconds_count"))
                .as("still the one")
                .isEqualTo(1);
        assertThat(changed.sum("plinth_resource_update_duration_seconds_count", "kind", SERVICE_KIND))
                .isEqualTo(1);
        assertThat(changed.sum("plinth_resource_create_duration_seconds_count"))
                .as("resources compared with the change and unchanged are neither created nor updated")
                .isEqualTo(provisioned.sum("plinth_resource_create_duration_seconds_count"));

        String appGroup = api.get("/environments/" + id)
                .json()
                .at("/outputs/securityGroupIds/app")
                .asString();
        ec2(REGION)
                .authorizeSecurityGroupIngress(r -> r.groupId(appGroup)
                        .ipProtocol("tcp")
                        .fromPort(22)
                        .toPort(22)
                        .cidrIp("0.0.0.0/0"));
        Reply reconcile = api.send("POST", "/environments/" + id + "/reconcile", "application/json", "");
        assertThat(reconcile.status()).as(reconcile.body()).isEqualTo(202);
        Waits.until(
                CONVERGE,
                () -> api.get("/environments/" + id).json(),
                env -> env.path("status").asString().equals("READY")
                        && !api.messagesOf(id, "REPAIR_STARTED").isEmpty(),
                "the drift to be repaired");
        PrometheusText repaired =
                awaitMetrics(m -> m.sum("plinth_environment_update_duration_seconds_count") == 2, "the repair");
        assertThat(repaired.sum("plinth_drift_detected_total", "kind", SECURITY_GROUP_KIND, "attribute", "ingress"))
                .isEqualTo(1);
        assertThat(repaired.sum("plinth_drift_repaired_total", "kind", SECURITY_GROUP_KIND, "attribute", "ingress"))
                .isEqualTo(1);
        assertThat(repaired.sum("plinth_drift_checks_total", "outcome", "drifted"))
                .isEqualTo(1);
        assertThat(repaired.sum("plinth_environment_update_duration_seconds_count", "outcome", "ready"))
                .as("a repair is an update, and it succeeded")
                .isEqualTo(2);
        assertThat(repaired.sum("plinth_resource_update_duration_seconds_count", "kind", SECURITY_GROUP_KIND))
                .isEqualTo(1);

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
        PrometheusText deleted = awaitMetrics(
                m -> m.sum("plinth_environments", "status", "DELETED") == deletedBefore + 1
                        && m.sum("plinth_environment_delete_duration_seconds_count") == 1,
                "the teardown");
        assertThat(deleted.sum("plinth_environments", "status", "READY")).isEqualTo(readyBefore);
        assertThat(deleted.sum("plinth_environment_delete_duration_seconds_count", "outcome", "deleted"))
                .isEqualTo(1);
        assertThat(deleted.sum("plinth_resource_delete_duration_seconds_count", "kind", "AWS::EC2::VPC"))
                .isEqualTo(1);
        assertThat(deleted.sum("plinth_resource_delete_duration_seconds_count", "kind", SERVICE_KIND))
                .isEqualTo(1);
        assertThat(deleted.samples("plinth_reconcile_backlog"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isNotNegative());
        assertThat(deleted.samples("plinth_reconcile_lag_seconds"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isNotNegative());

        assertTheDashboardAndTheRulesAskOnlyForMetricsShown(deleted);
    }

    /** Every PromQL expression of the dashboard and the rules names plinth's metrics, and only ones it shows. */
    private static void assertTheDashboardAndTheRulesAskOnlyForMetricsShown(PrometheusText shown) throws IOException {
        JsonNode dashboard =
                JsonMapper.builder().build().readTree(Files.readString(MONITORING.resolve("grafana-dashboard.json")));
        List<String> expressions = new ArrayList<>(
                dashboard.findValues("expr").stream().map(JsonNode::asString).toList());
        List<Map<String, Object>> rules = rules();
        rules.forEach(rule -> expressions.add((String) rule.get("expr")));

        assertThat(dashboard
                        .path("panels")
                        .valueStream()
                        .filter(p -> !p.path("type").asString().equals("row")))
                .allSatisfy(p -> assertThat(p.path("targets").isEmpty())
                        .as("a panel without a query")
                        .isFalse());
        assertThat(expressions)
                .hasSizeGreaterThan(20)
                .allSatisfy(e -> assertThat(METRIC.matcher(e).find())
                        .as("names a plinth metric: %s", e)
                        .isTrue());
        Set<String> asked = expressions.stream()
                .flatMap(e -> METRIC.matcher(e).results().map(MatchResult::group))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(shown.names()).as("metrics shown").containsAll(asked);
        assertThat(rules)
                .extracting(r -> r.get("alert"))
                .contains("PlinthReconcileBacklogGrowing", "PlinthEnvironmentsFailed", "PlinthAwsErrorRateHigh");
    }

    /** The rules of prometheus-rules.yaml, checked against the rule file format on the way. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        Object file = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(MONITORING.resolve("prometheus-rules.yaml")));
        assertThat(file).isInstanceOf(Map.class);
        assertThat(((Map<String, Object>) file).keySet()).containsExactly("groups");
        List<Map<String, Object>> groups = (List<Map<String, Object>>) ((Map<String, Object>) file).get("groups");
        assertThat(groups).isNotEmpty().allSatisfy(group -> {
            assertThat(group.keySet()).contains("name", "rules").isSubsetOf("name", "interval", "limit", "rules");
            assertThat(group.get("name")).isInstanceOf(String.class);
        });
        List<Map<String, Object>> rules = groups.stream()
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .toList();
        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.keySet())
                    .contains("alert", "expr")
                    .isSubsetOf("alert", "expr", "for", "keep_firing_for", "labels", "annotations");
            assertThat(rule.get("alert")).asString().matches("[a-zA-Z_][a-zA-Z0-9_]*");
            assertThat(rule.get("expr")).isInstanceOf(String.class);
            if (rule.containsKey("for")) {
                assertThat(rule.get("for")).asString().matches(DURATION);
            }
            for (String map : List.of("labels", "annotations")) {
                if (rule.containsKey(map)) {
                    assertThat((Map<String, Object>) rule.get(map))
                            .allSatisfy((k, v) -> assertThat(v).isInstanceOf(String.class));
                }
            }
        });
        return rules;
    }

    /** How many resources of each kind the environment has. */
    private Map<String, Long> kindsOf(String id) {
        return api.get("/environments/" + id + "/resources")
                .json()
                .path("items")
                .valueStream()
                .collect(Collectors.groupingBy(r -> r.path("kind").asString(), Collectors.counting()));
    }

    private PrometheusText metrics() {
        Reply reply = api.getOutsideContract("/actuator/prometheus");
        assertThat(reply.status()).isEqualTo(200);
        return PrometheusText.parse(reply.body());
    }

    /**
     * The metrics once they show {@code what}: an observation follows the status it times by a moment, and
     * the gauges are refreshed in the background.
     */
    private PrometheusText awaitMetrics(Predicate<PrometheusText> shown, String what) {
        return Waits.until(Duration.ofSeconds(10), this::metrics, shown, "the metrics to show " + what);
    }
}
