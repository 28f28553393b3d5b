package dev.plinth.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.spec.EnvironmentSpec;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The estimate's arithmetic against the price table shipped in prices/prices.json. */
class CostEstimatorTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final CostEstimator estimator = new CostEstimator(json);

    @Test
    void pricesWhatRunsByTheHourAndListsWhatIsUsageBasedAtNothing() {
        EnvironmentSpec spec = json.readValue("""
                {"name": "priced", "region": "eu-central-1", "network": {"cidr": "10.0.0.0/16"},
                 "database": {"engine": "postgres", "instanceClass": "db.t4g.micro", "storageGb": 20, "multiAz": true},
                 "fileSystem": {},
                 "service": {"image": "nginx", "cpu": 256, "memory": 512, "desiredCount": 2}}""", EnvironmentSpec.class).withDefaults();

        CostEstimate cost = estimator.estimate(
                spec,
                Map.of(
                        "AWS::EC2::NatGateway",
                        2L,
                        "AWS::EC2::EIP",
                        2L,
                        "AWS::ElasticLoadBalancingV2::LoadBalancer",
                        1L,
                        "AWS::ECS::Service",
                        1L,
                        "AWS::RDS::DBInstance",
                        1L,
                        "AWS::RDS::DBProxy",
                        1L,
                        "AWS::CloudWatch::Alarm",
                        11L,
                        "AWS::EFS::FileSystem",
                        1L));

        assertThat(cost.lines())
                .extracting(CostEstimate.Line::item, CostEstimate.Line::quantity, CostEstimate.Line::monthly)
                .containsExactly(
                        tuple("NAT gateway", 2, new BigDecimal("65.70")), // 2 × 0.045 × 730
                        tuple("public IPv4 address", 2, new BigDecimal("7.30")), // 2 × 0.005 × 730
                        tuple("application load balancer", 1, new BigDecimal("16.43")),
                        tuple(
                                "Fargate task",
                                2,
                                new BigDecimal("18.02")), // 2 × (0.25 × 0.04048 + 0.5 × 0.004445) × 730
                        tuple("RDS instance db.t4g.micro", 2, new BigDecimal("23.36")),
                        tuple("RDS storage (GB)", 20, new BigDecimal("4.60")), // 20 × 0.115, twice
                        tuple("RDS Proxy (vCPU of the instance)", 2, new BigDecimal("21.90")),
                        tuple("CloudWatch alarm", 11, new BigDecimal("1.10")),
                        tuple("EFS file system", 1, new BigDecimal("0.00")));
        assertThat(cost.monthly()).isEqualByComparingTo("158.41");
        assertThat(cost.currency()).isEqualTo("USD");
        assertThat(cost.basis()).contains("us-east-1").contains("not included");
    }

    @Test
    void anInstanceClassWithoutAPriceSaysSoInsteadOfGuessing() {
        EnvironmentSpec spec = json.readValue("""
                {"name": "unpriced", "region": "eu-central-1", "network": {"cidr": "10.0.0.0/16"},
                 "database": {"engine": "mysql", "instanceClass": "db.x2g.16xlarge", "proxy": false}}""", EnvironmentSpec.class).withDefaults();

        CostEstimate cost = estimator.estimate(spec, Map.of("AWS::RDS::DBInstance", 1L));

        assertThat(cost.lines().getFirst().note()).isEqualTo("no price for this class in the table");
        assertThat(cost.lines().getFirst().monthly()).isEqualByComparingTo("0");
    }
}
