package dev.plinth.aws.network;

import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.Describe;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * One TCP ingress rule: from another security group, a CIDR block or a managed prefix list (named;
 * its id is looked up). Found again by what it allows, since AWS refuses a second identical rule.
 */
@Component
class SecurityGroupIngressHandler extends TaggedAwsHandler<SecurityGroupIngressHandler.Desired, Ec2Client> {

    record Desired(ResourceKey group, int port, Source source, String description) implements ResourceDesired {}

    /** Where traffic may come from: exactly one of the three is set. */
    record Source(ResourceKey group, String cidr, String prefixListName) {

        Source {
            if ((group != null ? 1 : 0) + (cidr != null ? 1 : 0) + (prefixListName != null ? 1 : 0) != 1) {
                throw new IllegalArgumentException("a rule needs exactly one source");
            }
        }

        static Source group(ResourceKey group) {
            return new Source(group, null, null);
        }

        static Source cidr(String cidr) {
            return new Source(null, cidr, null);
        }

        static Source prefixList(String name) {
            return new Source(null, null, name);
        }
    }

    private static final String DUPLICATE = "InvalidPermission.Duplicate";

    SecurityGroupIngressHandler(RegionalClient<Ec2Client> client) {
        super(client, Desired.class, "AWS::EC2::SecurityGroupIngress", Ec2Tags::retag);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        return find(context, desired)
                .map(rule -> new Observation(
                        rule.securityGroupRuleId(),
                        Readiness.READY,
                        context.tagDifferences(Ec2Tags.TAGS.map(rule.tags()))));
    }

    private Optional<SecurityGroupRule> find(ResourceContext context, Desired desired) {
        String groupId = context.idOf(desired.group());
        Source source = desired.source();
        String sourceGroupId = source.group() == null ? null : context.idOf(source.group());
        String prefixListId = source.prefixListName() == null ? null : prefixListId(context, source.prefixListName());
        return Describe.orNone(() -> client(context)
                        .describeSecurityGroupRules(r -> r.filters(Filter.builder()
                                .name("group-id")
                                .values(groupId)
                                .build()))
                        .securityGroupRules())
                .stream()
                .filter(rule -> groupId.equals(rule.groupId())
                        && !Boolean.TRUE.equals(rule.isEgress())
                        && "tcp".equals(rule.ipProtocol())
                        && rule.fromPort() != null
                        && rule.fromPort() == desired.port()
                        && rule.toPort() != null
                        && rule.toPort() == desired.port()
                        && (sourceGroupId != null
                                ? rule.referencedGroupInfo() != null
                                        && sourceGroupId.equals(
                                                rule.referencedGroupInfo().groupId())
                                : prefixListId != null
                                        ? prefixListId.equals(rule.prefixListId())
                                        : source.cidr().equals(rule.cidrIpv4())))
                .findFirst();
    }

    private String prefixListId(ResourceContext context, String name) {
        return client(context)
                .describeManagedPrefixLists(r -> r.filters(
                        Filter.builder().name("prefix-list-name").values(name).build()))
                .prefixLists()
                .stream()
                .filter(p -> name.equals(p.prefixListName()))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("no managed prefix list " + name + " in " + context.region()))
                .prefixListId();
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        Ec2Client ec2 = client(context);
        IpPermission.Builder permission = IpPermission.builder()
                .ipProtocol("tcp")
                .fromPort(desired.port())
                .toPort(desired.port());
        Source source = desired.source();
        if (source.group() != null) {
            permission.userIdGroupPairs(UserIdGroupPair.builder()
                    .groupId(context.idOf(source.group()))
                    .description(desired.description())
                    .build());
        } else if (source.prefixListName() != null) {
            permission.prefixListIds(PrefixListId.builder()
                    .prefixListId(prefixListId(context, source.prefixListName()))
                    .description(desired.description())
                    .build());
        } else {
            permission.ipRanges(IpRange.builder()
                    .cidrIp(source.cidr())
                    .description(desired.description())
                    .build());
        }
        try {
            return ec2.authorizeSecurityGroupIngress(r -> r.groupId(context.idOf(desired.group()))
                            .ipPermissions(permission.build())
                            .tagSpecifications(Ec2Tags.on(ResourceType.SECURITY_GROUP_RULE, context)))
                    .securityGroupRules()
                    .getFirst()
                    .securityGroupRuleId();
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
        client(context)
                .revokeSecurityGroupIngress(
                        r -> r.groupId(context.idOf(desired.group())).securityGroupRuleIds(observed.physicalId()));
    }
}
