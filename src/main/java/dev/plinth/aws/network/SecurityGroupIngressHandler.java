package dev.plinth.aws.network;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.AwsErrors;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.ResourceKey;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * One TCP ingress rule: from another security group, or from a CIDR block. Found again by what it
 * allows, since AWS refuses a second identical rule.
 *
 * @see Desired
 */
@Component
class SecurityGroupIngressHandler implements ResourceHandler<SecurityGroupIngressHandler.Desired> {

    /** Exactly one of {@code sourceGroup} and {@code sourceCidr} is set. */
    record Desired(ResourceKey group, int port, ResourceKey sourceGroup, String sourceCidr, String description)
            implements ResourceDesired {

        Desired {
            if ((sourceGroup == null) == (sourceCidr == null)) {
                throw new IllegalArgumentException("a rule needs exactly one source");
            }
        }
    }

    private static final String DUPLICATE = "InvalidPermission.Duplicate";

    private final AwsClients aws;

    SecurityGroupIngressHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Desired> desiredType() {
        return Desired.class;
    }

    @Override
    public String kind() {
        return "AWS::EC2::SecurityGroupIngress";
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        return find(context, desired).map(rule -> Observation.of(rule.securityGroupRuleId(), Readiness.READY));
    }

    private Optional<SecurityGroupRule> find(ResourceContext context, Desired desired) {
        String groupId = context.idOf(desired.group());
        String sourceId = desired.sourceGroup() == null ? null : context.idOf(desired.sourceGroup());
        return Ec2Tags.orNone(() -> aws.ec2(context.region())
                        .describeSecurityGroupRules(r -> r.filters(Filter.builder().name("group-id").values(groupId).build()))
                        .securityGroupRules()).stream()
                .filter(rule -> groupId.equals(rule.groupId()) && !Boolean.TRUE.equals(rule.isEgress())
                        && "tcp".equals(rule.ipProtocol())
                        && rule.fromPort() != null && rule.fromPort() == desired.port()
                        && rule.toPort() != null && rule.toPort() == desired.port()
                        && (sourceId != null
                                ? rule.referencedGroupInfo() != null && sourceId.equals(rule.referencedGroupInfo().groupId())
                                : desired.sourceCidr().equals(rule.cidrIpv4())))
                .findFirst();
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        Ec2Client ec2 = aws.ec2(context.region());
        IpPermission.Builder permission = IpPermission.builder().ipProtocol("tcp").fromPort(desired.port()).toPort(desired.port());
        if (desired.sourceGroup() != null) {
            permission.userIdGroupPairs(UserIdGroupPair.builder()
                    .groupId(context.idOf(desired.sourceGroup())).description(desired.description()).build());
        } else {
            permission.ipRanges(IpRange.builder().cidrIp(desired.sourceCidr()).description(desired.description()).build());
        }
        try {
            return ec2.authorizeSecurityGroupIngress(r -> r.groupId(context.idOf(desired.group()))
                            .ipPermissions(permission.build())
                            .tagSpecifications(Ec2Tags.on(ResourceType.SECURITY_GROUP_RULE, context)))
                    .securityGroupRules().getFirst().securityGroupRuleId();
        } catch (RuntimeException e) {
            // the same rule already exists (made by an attempt whose id was lost): it is the one we want
            if (AwsErrors.hasCode(e, DUPLICATE)) {
                return find(context, desired).orElseThrow(() -> e).securityGroupRuleId();
            }
            throw e;
        }
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        aws.ec2(context.region()).revokeSecurityGroupIngress(r -> r
                .groupId(context.idOf(desired.group())).securityGroupRuleIds(observed.physicalId()));
    }
}
