package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppliedQuotasTest {

    private static final AwsCall VPCS = new AwsCall(
            "servicequotas",
            "eu-central-1",
            "GetServiceQuota",
            Protocol.JSON,
            "POST",
            "/",
            null,
            "{\"ServiceCode\": \"vpc\", \"QuotaCode\": \"L-F678F1CE\"}");
    private static final AwsAnswer DEFAULT = new AwsAnswer(200, Map.of(), "{\"Quota\": {\"Value\": 5.0}}".getBytes());

    @Test
    void answersTheValueATestAppliedAndTheEmulatorsOtherwise() {
        var quotas = new AppliedQuotas();
        assertThat(quotas.after(VPCS, DEFAULT)).isSameAs(DEFAULT);

        quotas.apply("vpc", "L-F678F1CE", 1);
        AwsAnswer applied = quotas.after(VPCS, DEFAULT);

        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.json().at("/Quota/Value").asDouble()).isEqualTo(1.0);
        assertThat(applied.json().at("/Quota/QuotaCode").asString()).isEqualTo("L-F678F1CE");
        assertThat(applied.json().at("/Quota/QuotaArn").asString()).startsWith("arn:aws:servicequotas:eu-central-1:");

        quotas.reset();
        assertThat(quotas.after(VPCS, DEFAULT)).isSameAs(DEFAULT);
    }

    @Test
    void aQuotaWithoutAnAppliedValueKeepsTheNoSuchResourceAnswer() {
        var quotas = new AppliedQuotas();
        quotas.apply("vpc", "L-F678F1CE", 1);
        var elasticIps = new AwsCall(
                "servicequotas",
                "eu-central-1",
                "GetServiceQuota",
                Protocol.JSON,
                "POST",
                "/",
                null,
                "{\"ServiceCode\": \"ec2\", \"QuotaCode\": \"L-0263D0A3\"}");
        AwsAnswer none = new AwsAnswer(400, Map.of(), "{\"__type\": \"NoSuchResourceException\"}".getBytes());

        assertThat(quotas.after(elasticIps, none)).isSameAs(none);
    }
}
