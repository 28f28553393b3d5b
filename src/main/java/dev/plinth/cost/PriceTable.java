package dev.plinth.cost;

import java.math.BigDecimal;
import java.util.Map;

/**
 * On-demand prices of what an environment pays for by the hour or month, from
 * {@code prices/prices.json}; {@code source} says where they come from and what they leave out.
 */
public record PriceTable(
        String source,
        int hoursPerMonth,
        BigDecimal natGatewayHour,
        BigDecimal publicIpv4Hour,
        BigDecimal loadBalancerHour,
        BigDecimal fargateVcpuHour,
        BigDecimal fargateGbHour,
        BigDecimal rdsStorageGbMonth,
        BigDecimal rdsProxyVcpuHour,
        int rdsProxyMinimumVcpus,
        BigDecimal alarmMonth,
        Map<String, RdsClass> rdsInstanceHour) {

    /** An RDS instance class: its price per hour (single-AZ) and its vCPUs (RDS Proxy is priced by them). */
    public record RdsClass(BigDecimal hour, int vcpus) {}
}
