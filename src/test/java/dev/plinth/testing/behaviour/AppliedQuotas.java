package dev.plinth.testing.behaviour;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Quotas of an account whose values were changed from the defaults ("GetServiceQuota", Service
 * Quotas API reference: the applied value of the quota in the Region). The emulator knows only the
 * VPC quotas, at their defaults, and answers NoSuchResourceException for the others, as AWS does for a
 * quota without an applied value; a test sets the value a quota has in the account it plays.
 */
public final class AppliedQuotas implements Behaviour {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Quota(String serviceCode, String quotaCode) {}

    private final Map<Quota, Double> applied = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "service-quotas-applied";
    }

    /** The account's quota {@code quotaCode} of {@code serviceCode} is {@code value} in every Region. */
    public void apply(String serviceCode, String quotaCode, double value) {
        applied.put(new Quota(serviceCode, quotaCode), value);
    }

    /**
     * An account raised for {@code environments} environments of one Region beside its default VPC: VPCs,
     * internet gateways, NAT gateways per zone and Elastic IPs (the "Amazon VPC quotas" and "Elastic IP
     * address quota" that default to 5).
     */
    public void raiseNetworkQuotasFor(int environments) {
        double room = environments + 1;
        apply("vpc", "L-F678F1CE", room);
        apply("vpc", "L-A4707A72", room);
        apply("vpc", "L-FE5A380F", room);
        apply("ec2", "L-0263D0A3", room);
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.is("servicequotas", "GetServiceQuota")) {
            return answer;
        }
        String serviceCode = call.json().path("ServiceCode").asString();
        String quotaCode = call.json().path("QuotaCode").asString();
        Double value = applied.get(new Quota(serviceCode, quotaCode));
        if (value == null) {
            return answer;
        }
        ObjectNode quota = JSON.createObjectNode()
                .put("ServiceCode", serviceCode)
                .put("QuotaCode", quotaCode)
                .put(
                        "QuotaArn",
                        "arn:aws:servicequotas:" + call.region() + ":123456789012:" + serviceCode + "/" + quotaCode)
                .put("Value", value)
                .put("Unit", "None")
                .put("Adjustable", true)
                .put("GlobalQuota", false);
        ObjectNode body = JSON.createObjectNode();
        body.set("Quota", quota);
        return new AwsAnswer(
                200, Map.of("Content-Type", List.of("application/x-amz-json-1.1")), JSON.writeValueAsBytes(body));
    }

    @Override
    public void reset() {
        applied.clear();
    }
}
