package dev.plinth.aws.preflight;

import com.github.benmanes.caffeine.cache.Cache;
import dev.plinth.aws.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;

/**
 * A quota's value and what the account uses of it. The value changes only when an increase is granted,
 * and is kept for {@link PreflightProperties#keepFor}; the use changes with every create and delete, and
 * is read each time.
 */
@Component
class QuotaReader {

    private record Key(AccountQuota quota, String region) {}

    private final AwsClients aws;
    private final Cache<Key, Double> limits;

    QuotaReader(AwsClients aws, PreflightProperties properties) {
        this.aws = aws;
        this.limits = properties.answers(1_000);
    }

    /**
     * The quota's applied value in the Region. GetServiceQuota answers NoSuchResourceException where
     * the account has no applied value for it ("GetServiceQuota", Service Quotas API reference): the
     * default then applies, as documented for the quota.
     */
    double limit(AccountQuota quota, String region) {
        return limits.get(new Key(quota, region), key -> read(quota, region));
    }

    private double read(AccountQuota quota, String region) {
        try {
            return aws.client(ServiceQuotasClient.class, region)
                    .getServiceQuota(r -> r.serviceCode(quota.serviceCode).quotaCode(quota.code))
                    .quota()
                    .value();
        } catch (NoSuchResourceException none) {
            return quota.documentedDefault;
        }
    }

    /**
     * What the account uses of the quota now: by Region, or for a per-zone quota by zone. Every page
     * is read. A NAT gateway counts while it is pending or available, as only those hold the quota
     * ("NAT gateways", VPC user guide); the default VPC and its internet gateway count like any other.
     */
    Map<String, Integer> used(AccountQuota quota, String region) {
        return quota == AccountQuota.NAT_GATEWAYS
                ? natGatewaysByZone(region)
                : Map.of(region, usedInRegion(quota, region));
    }

    private int usedInRegion(AccountQuota quota, String region) {
        return switch (quota) {
            case VPCS ->
                count(aws.client(Ec2Client.class, region)
                        .describeVpcsPaginator()
                        .vpcs());
            case INTERNET_GATEWAYS ->
                count(aws.client(Ec2Client.class, region)
                        .describeInternetGatewaysPaginator()
                        .internetGateways());
            case ELASTIC_IPS ->
                aws.client(Ec2Client.class, region)
                        .describeAddresses(r -> r.filters(filter("domain", DomainType.VPC.toString())))
                        .addresses()
                        .size();
            case LOAD_BALANCERS ->
                (int) aws
                        .client(ElasticLoadBalancingV2Client.class, region)
                        .describeLoadBalancersPaginator()
                        .loadBalancers()
                        .stream()
                        .filter(lb -> lb.type() == LoadBalancerTypeEnum.APPLICATION)
                        .count();
            case DB_INSTANCES ->
                count(aws.client(RdsClient.class, region)
                        .describeDBInstancesPaginator()
                        .dbInstances());
            case DB_PROXIES ->
                count(aws.client(RdsClient.class, region)
                        .describeDBProxiesPaginator(r -> {})
                        .dbProxies());
            case NAT_GATEWAYS -> throw new IllegalArgumentException("NAT gateways are counted by zone");
        };
    }

    private Map<String, Integer> natGatewaysByZone(String region) {
        List<NatGateway> gateways = aws
                .client(Ec2Client.class, region)
                .describeNatGatewaysPaginator(r -> r.filter(filter("state", "pending", "available")))
                .natGateways()
                .stream()
                .toList();
        if (gateways.isEmpty()) {
            return Map.of();
        }
        Set<String> subnetIds = gateways.stream().map(NatGateway::subnetId).collect(Collectors.toSet());
        Map<String, String> zoneOfSubnet = aws
                .client(Ec2Client.class, region)
                .describeSubnetsPaginator(r -> r.subnetIds(subnetIds))
                .subnets()
                .stream()
                .collect(Collectors.toMap(Subnet::subnetId, Subnet::availabilityZone));
        return gateways.stream()
                .filter(g -> zoneOfSubnet.containsKey(g.subnetId()))
                .collect(Collectors.groupingBy(g -> zoneOfSubnet.get(g.subnetId()), Collectors.summingInt(g -> 1)));
    }

    private static int count(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }
}
