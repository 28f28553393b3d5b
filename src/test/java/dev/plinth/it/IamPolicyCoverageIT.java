package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.deploy.IamActions;
import dev.plinth.deploy.IamPolicy;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.IamEvaluator;
import dev.plinth.testing.IamRequest;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.behaviour.IamCallRecord;
import java.util.HashMap;
import java.util.LinkedHashSet;
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
 * The IAM policies allow every request the service really made, as IAM evaluates them. The end-to-end
 * tests share one service and one front to the emulator, whose {@link IamCallRecord} records each call
 * as the requests IAM authorises for it (the action on each resource, with its tags); this class runs
 * after all of them (junit-platform.properties orders classes by {@code @Order}, and the others have the
 * default) and has {@link IamEvaluator} decide each against plinth's policies ({@link IamPolicy#all}).
 * A failed call counts too: AWS authorised it first.
 */
@Order(Integer.MAX_VALUE)
class IamPolicyCoverageIT extends EndToEndTest {

    /**
     * A little below the number of distinct IAM actions the end-to-end tests make today, so that the check
     * cannot pass on a handful of calls, for example when this class runs alone.
     */
    private static final int AT_LEAST = 125;

    private static final Pattern SAMPLE = Pattern.compile("^plinth_aws_calls_total\\{([^}]*)}\\s", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void thePoliciesAllowEveryRequestTheServiceMade() {
        List<IamRequest> recorded = List.copyOf(new LinkedHashSet<>(
                AWS.behaviours().get(IamCallRecord.NAME, IamCallRecord.class).requests()));
        Set<String> actions = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        recorded.forEach(r -> actions.add(r.action()));

        Map<String, String> unrecorded = new TreeMap<>();
        called().forEach((service, operations) -> operations.forEach(operation -> {
            List<String> required = IamActions.required(service, operation);
            if (!required.isEmpty() && !actions.contains(required.getFirst())) {
                unrecorded.put(service + " " + operation, required.getFirst());
            }
        }));
        assertThat(unrecorded)
                .as("operations the service called (plinth.aws.calls) that the record misses")
                .isEmpty();

        List<IamEvaluator.Decision> refused = IamEvaluator.of(IamPolicy.documents()).decide(recorded).stream()
                .filter(d -> !d.allowed())
                .toList();
        assertThat(refused)
                .as("requests the service made that %s does not allow", IamPolicy.FOLDER)
                .isEmpty();
        assertThat(actions)
                .as("distinct IAM actions the end-to-end tests made (run this class after the others, in the same JVM)")
                .hasSizeGreaterThanOrEqualTo(AT_LEAST);
    }

    /** SDK service → operations, from the Prometheus text exposition of {@code plinth.aws.calls}. */
    private Map<String, Set<String>> called() {
        PlinthApi.Reply metrics = api.getOutsideContract("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        Map<String, Set<String>> calls = new TreeMap<>();
        Matcher sample = SAMPLE.matcher(metrics.body());
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
