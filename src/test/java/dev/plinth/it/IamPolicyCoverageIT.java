package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.deploy.IamActions;
import dev.plinth.deploy.IamPolicy;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The IAM policy allows every AWS call the service really made. The end-to-end tests share one
 * service (one Spring context), which counts each call as {@code plinth.aws.calls} by SDK service,
 * operation and outcome; this class runs after all of them (junit-platform.properties orders classes
 * by {@code @Order}, and the others have the default) and checks each (service, operation) seen
 * against helm-free-deploy/iam/plinth-policy.json. A failed call counts too: AWS authorised it first.
 */
@Order(Integer.MAX_VALUE)
class IamPolicyCoverageIT extends EndToEndTest {

    /**
     * A little below the number the end-to-end tests make today (130), so that the check cannot pass
     * on a handful of calls, for example when this class runs alone.
     */
    private static final int AT_LEAST = 125;

    private static final Pattern SAMPLE = Pattern.compile("^plinth_aws_calls_total\\{([^}]*)}\\s", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void thePolicyAllowsEveryOperationTheServiceCalled() {
        PlinthApi.Reply metrics = api.getOutsideContract("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);

        Map<String, Set<String>> called = calls(metrics.body());
        int operations = called.values().stream().mapToInt(Set::size).sum();
        assertThat(operations)
                .as("distinct AWS operations the end-to-end tests made (run this class after the others, in "
                        + "the same JVM); seen: %s", called)
                .isGreaterThanOrEqualTo(AT_LEAST);

        IamPolicy policy = IamPolicy.load();
        Map<String, List<String>> missing = new TreeMap<>();
        called.forEach((service, ops) -> ops.forEach(operation -> {
            assertThat(IamActions.knows(service)).as("an IAM prefix for the SDK service %s", service).isTrue();
            List<String> notAllowed = IamActions.required(service, operation).stream()
                    .filter(action -> !policy.allows(action)).toList();
            if (!notAllowed.isEmpty()) {
                missing.put(service + " " + operation, notAllowed);
            }
        }));
        assertThat(missing)
                .as("operations the service called whose IAM actions %s does not allow", IamPolicy.FILE)
                .isEmpty();
    }

    /** Service → operations, from the Prometheus text exposition of {@code plinth.aws.calls}. */
    private static Map<String, Set<String>> calls(String exposition) {
        Map<String, Set<String>> calls = new TreeMap<>();
        Matcher sample = SAMPLE.matcher(exposition);
        while (sample.find()) {
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(1));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            assertThat(labels).as("labels of %s", sample.group()).containsKeys("service", "operation", "outcome");
            calls.computeIfAbsent(labels.get("service"), s -> new TreeSet<>()).add(labels.get("operation"));
        }
        return calls;
    }
}
