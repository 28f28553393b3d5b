package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.Specs;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Plans: what a spec would do and cost, worked out with no mutating AWS call, and what apply then does. */
class PlanIT extends EndToEndTest {

    private static final String SPEC = """
            {"name": "%s", "region": "eu-central-1",
             "network": {"cidr": "10.62.0.0/16", "availabilityZones": 2, "natGateways": "single"},
             "service": {"image": "public.ecr.aws/nginx/nginx:1.27", "desiredCount": 1}}""";

    @Test
    void aNewEnvironmentsPlanCreatesEveryResourceAndPricesItWithoutChangingAnything() {
        int stored = api.get("/environments?name=shop-staging&limit=100")
                .json()
                .path("items")
                .size();
        Reply reply = api.postJson("/plans", Specs.fullExample());

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode plan = reply.json();
        assertThat(plan.path("create").size()).as("the full example's graph").isEqualTo(67);
        assertThat(plan.path("update").size()
                        + plan.path("replace").size()
                        + plan.path("delete").size())
                .isZero();
        assertThat(plan.path("refused").size()).isZero();
        JsonNode cost = plan.path("cost");
        BigDecimal sum = cost.path("lines")
                .valueStream()
                .map(l -> l.path("monthly").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(cost.path("monthly").decimalValue())
                .isEqualByComparingTo(sum)
                .isPositive();
        assertThat(cost.path("lines")
                        .valueStream()
                        .map(l -> l.path("item").asString())
                        .toList())
                .contains(
                        "NAT gateway", "application load balancer", "Fargate task", "RDS Proxy (vCPU of the instance)");
        assertNothingMutated();
        assertThat(api.get("/environments?name=shop-staging&limit=100")
                        .json()
                        .path("items")
                        .size())
                .as("nothing stored")
                .isEqualTo(stored);
    }

    @Test
    void aChangesPlanListsExactlyWhatApplyThenChanges() {
        String id = api.create(SPEC.formatted("planned"));
        api.await(id, CONVERGE, "READY");
        String patch = "{\"service\": {\"desiredCount\": 3, \"image\": \"public.ecr.aws/nginx/nginx:1.28\"}}";

        AWS.clear();
        Reply planned = api.plan(id, "", patch);
        assertThat(planned.status()).as(planned.body()).isEqualTo(200);
        assertNothingMutated();
        JsonNode plan = planned.json();
        assertThat(plan.path("refused").size()).isZero();
        assertThat(plan.path("create").size()
                        + plan.path("replace").size()
                        + plan.path("delete").size())
                .isZero();
        Set<String> toUpdate = PlinthApi.keysOf(plan.path("update"));
        assertThat(toUpdate).containsExactlyInAnyOrder("task-definition", "service");
        assertThat(plan.path("update")
                        .valueStream()
                        .filter(i -> i.path("key").asString().equals("service"))
                        .flatMap(i -> i.path("changes").valueStream())
                        .map(c -> c.path("attribute").asString())
                        .toList())
                .contains("desiredCount", "task-definition");

        assertThat(api.patch(id, "", patch, api.etag(id)).status()).isEqualTo(202);
        api.await(id, CONVERGE, "READY");
        Set<String> applied = PlinthApi.keysOf(api.eventsSinceLast(id, "SPEC_CHANGED"), "UPDATE_STARTED");
        assertThat(applied).as("what apply changed").isEqualTo(toUpdate);

        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    @Test
    void aReplacingChangeIsPlannedAsReplacementAndSaidToBeRefused() {
        String id = api.create(SPEC.formatted("rebuilt"));
        api.await(id, CONVERGE, "READY");

        Reply planned = api.plan(id, "", "{\"network\": {\"cidr\": \"10.63.0.0/16\"}}");

        assertThat(planned.status()).as(planned.body()).isEqualTo(200);
        assertThat(planned.json().at("/refused/0/field").asString()).isEqualTo("network.cidr");
        assertThat(planned.json().at("/refused/0/rule").asString()).isEqualTo("replacement-required");
        assertThat(PlinthApi.keysOf(planned.json().path("replace")))
                .contains("vpc", "subnet/public/eu-central-1a", "service");
        assertThat(planned.json().path("update").size())
                .as("rebuilt, not changed in place")
                .isZero();
        api.delete("/environments/" + id);
        api.await(id, CONVERGE, "DELETED");
    }

    /** Only reads reached AWS: Describe, Get and List calls. */
    /** Reads only: the preflight's policy simulation is one (it evaluates policies, changes nothing). */
    private static void assertNothingMutated() {
        assertThat(AWS.calls())
                .extracting(FaultProxy.Call::action)
                .allMatch(a -> a.startsWith("Describe")
                        || a.startsWith("Get")
                        || a.startsWith("List")
                        || a.equals("SimulatePrincipalPolicy"));
    }
}
