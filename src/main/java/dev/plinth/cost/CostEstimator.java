package dev.plinth.cost;

import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.ServiceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Estimates what an environment costs a month from its spec (with defaults) and the number of
 * resources of each kind its graph has, with the {@link PriceTable}.
 */
@Component
public class CostEstimator {

    private static final BigDecimal MIB_PER_UNIT = BigDecimal.valueOf(1024);

    private final PriceTable prices;

    CostEstimator(JsonMapper json) {
        try (InputStream in = CostEstimator.class.getResourceAsStream("/prices/prices.json")) {
            this.prices = json.readValue(in, PriceTable.class);
        } catch (IOException e) {
            throw new UncheckedIOException("prices/prices.json is missing or broken", e);
        }
    }

    /** @param kinds how many resources of each kind (AWS::EC2::NatGateway, ...) the environment has */
    public CostEstimate estimate(EnvironmentSpec spec, Map<String, Long> kinds) {
        List<CostEstimate.Line> lines = new ArrayList<>();
        hourly(
                lines,
                "NAT gateway",
                count(kinds, "AWS::EC2::NatGateway"),
                prices.natGatewayHour(),
                "per hour, data processed not included");
        hourly(lines, "public IPv4 address", count(kinds, "AWS::EC2::EIP"), prices.publicIpv4Hour(), "per hour");
        hourly(
                lines,
                "application load balancer",
                count(kinds, "AWS::ElasticLoadBalancingV2::LoadBalancer"),
                prices.loadBalancerHour(),
                "per hour, capacity units not included");
        ServiceSpec service = spec.service();
        if (service != null && count(kinds, "AWS::ECS::Service") > 0) {
            fargate(lines, service);
        }
        DatabaseSpec database = spec.database();
        if (database != null && count(kinds, "AWS::RDS::DBInstance") > 0) {
            database(lines, database, count(kinds, "AWS::RDS::DBProxy") > 0);
        }
        int alarms = count(kinds, "AWS::CloudWatch::Alarm");
        if (alarms > 0) {
            lines.add(new CostEstimate.Line(
                    "CloudWatch alarm",
                    alarms,
                    money(prices.alarmMonth().multiply(BigDecimal.valueOf(alarms))),
                    "per alarm-month"));
        }
        usageOnly(lines, kinds, "AWS::DynamoDB::Table", "DynamoDB table (on demand)");
        usageOnly(lines, kinds, "AWS::EFS::FileSystem", "EFS file system");
        usageOnly(lines, kinds, "AWS::CloudFront::Distribution", "CloudFront distribution");
        usageOnly(lines, kinds, "AWS::S3::Bucket", "S3 bucket");
        BigDecimal total = lines.stream().map(CostEstimate.Line::monthly).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new CostEstimate("USD", money(total), lines, prices.source());
    }

    // NullAway: a plan's spec has its defaults (EnvironmentSpec.withDefaults), which set desiredCount, cpu and memory
    @SuppressWarnings("NullAway")
    private void fargate(List<CostEstimate.Line> lines, ServiceSpec service) {
        int tasks = service.desiredCount();
        BigDecimal vcpus = BigDecimal.valueOf(service.cpu()).divide(MIB_PER_UNIT);
        BigDecimal gb = BigDecimal.valueOf(service.memory()).divide(MIB_PER_UNIT);
        BigDecimal perTaskHour = vcpus.multiply(prices.fargateVcpuHour()).add(gb.multiply(prices.fargateGbHour()));
        lines.add(new CostEstimate.Line(
                "Fargate task",
                tasks,
                month(perTaskHour.multiply(BigDecimal.valueOf(tasks))),
                "%s vCPU and %s GB each, at the desired count%s"
                        .formatted(
                                vcpus.stripTrailingZeros().toPlainString(),
                                gb.stripTrailingZeros().toPlainString(),
                                service.autoscaling() == null ? "" : " (autoscaling moves it)")));
    }

    // NullAway: a plan's spec has its defaults (EnvironmentSpec.withDefaults), which set multiAz and storageGb of an
    // RDS database, the only kind this is called for
    @SuppressWarnings("NullAway")
    private void database(List<CostEstimate.Line> lines, DatabaseSpec database, boolean proxy) {
        int copies = database.multiAz() ? 2 : 1;
        PriceTable.RdsClass rds = prices.rdsInstanceHour().get(database.instanceClass());
        if (rds == null) {
            lines.add(new CostEstimate.Line(
                    "RDS instance " + database.instanceClass(),
                    copies,
                    BigDecimal.ZERO.setScale(2),
                    "no price for this class in the table"));
        } else {
            lines.add(new CostEstimate.Line(
                    "RDS instance " + database.instanceClass(),
                    copies,
                    month(rds.hour().multiply(BigDecimal.valueOf(copies))),
                    copies == 2 ? "Multi-AZ: two instances" : "single-AZ"));
        }
        lines.add(new CostEstimate.Line(
                "RDS storage (GB)",
                database.storageGb(),
                money(prices.rdsStorageGbMonth().multiply(BigDecimal.valueOf((long) database.storageGb() * copies))),
                "gp3, per GB-month" + (copies == 2 ? ", kept twice" : "")));
        if (proxy) {
            int vcpus = Math.max(prices.rdsProxyMinimumVcpus(), rds == null ? 0 : rds.vcpus());
            lines.add(new CostEstimate.Line(
                    "RDS Proxy (vCPU of the instance)",
                    vcpus,
                    month(prices.rdsProxyVcpuHour().multiply(BigDecimal.valueOf(vcpus))),
                    "per vCPU-hour, at least " + prices.rdsProxyMinimumVcpus()));
        }
    }

    private void hourly(List<CostEstimate.Line> lines, String item, int quantity, BigDecimal perHour, String note) {
        if (quantity > 0) {
            lines.add(
                    new CostEstimate.Line(item, quantity, month(perHour.multiply(BigDecimal.valueOf(quantity))), note));
        }
    }

    private static void usageOnly(List<CostEstimate.Line> lines, Map<String, Long> kinds, String kind, String item) {
        int quantity = count(kinds, kind);
        if (quantity > 0) {
            lines.add(new CostEstimate.Line(item, quantity, BigDecimal.ZERO.setScale(2), "usage-based: not estimated"));
        }
    }

    private BigDecimal month(BigDecimal perHour) {
        return money(perHour.multiply(BigDecimal.valueOf(prices.hoursPerMonth())));
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static int count(Map<String, Long> kinds, String kind) {
        return kinds.getOrDefault(kind, 0L).intValue();
    }
}
