package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.FaultProxy;
import dev.plinth.testing.PlinthApi.Reply;
import dev.plinth.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The preflight with its default memory: a second check of the same spec asks IAM and Service Quotas
 * nothing again, and still reads what the account uses, which every create and delete changes.
 */
class PreflightKeepsIT extends EndToEndTest {

    @DynamicPropertySource
    static void keepAnswers(DynamicPropertyRegistry registry) {
        registry.add("plinth.preflight.keep-for", () -> "5m");
    }

    @Test
    void whatChangesOnlyByHandIsAskedOnceAndWhatTheAccountUsesEveryTime() {
        Reply first = api.postJson("/plans", Specs.fullExample());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        List<String> remembered =
                List.of("GetServiceQuota", "SimulatePrincipalPolicy", "DescribeOrderableDBInstanceOptions");
        assertThat(actions()).containsAll(remembered);

        AWS.clear();
        Reply second = api.postJson("/plans", Specs.fullExample());

        assertThat(second.json().path("findings")).isEqualTo(first.json().path("findings"));
        assertThat(actions())
                .as("asked again")
                .doesNotContainAnyElementsOf(remembered)
                .contains(
                        "DescribeVpcs",
                        "DescribeInternetGateways",
                        "DescribeAddresses",
                        "DescribeNatGateways",
                        "DescribeLoadBalancers",
                        "DescribeDBInstances",
                        "DescribeDBProxies");
    }

    private static List<String> actions() {
        return AWS.calls().stream().map(FaultProxy.Call::action).toList();
    }
}
