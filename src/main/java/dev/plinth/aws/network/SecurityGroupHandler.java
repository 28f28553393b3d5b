package dev.plinth.aws.network;

import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * A security group with no ingress of its own: each rule is a resource, so a rule naming another
 * group is removed before either group is deleted. AWS's default allow-all egress rule stays. An
 * ingress rule plinth did not make (it carries no tag of this environment) is a difference: it
 * opens what the spec does not, and updating the group revokes it.
 */
@Component
class SecurityGroupHandler extends InterfaceHoldingHandler<SecurityGroupHandler.Desired, SecurityGroup> {

    record Desired(ResourceKey vpc, String description) implements ResourceDesired {}

    static final String INGRESS = "ingress";
    private static final String RESERVED_PREFIX = "sg-";

    SecurityGroupHandler(RegionalClient<Ec2Client> client) {
        super(
                client,
                Desired.class,
                "AWS::EC2::SecurityGroup",
                SecurityGroup::groupId,
                SecurityGroup::tags,
                "group-id");
    }

    @Override
    protected List<SecurityGroup> describe(Ec2Client ec2, Ec2Query query) {
        return ec2.describeSecurityGroups(r -> query.applyTo(r::groupIds, r::filters))
                .securityGroups();
    }

    /** Teardown needs only the group: its rules are not described on every pass. */
    @Override
    public Optional<Observation> remains(ResourceContext context, Desired desired) {
        return find(client(context), context).map(group -> Observation.of(group.groupId(), Readiness.READY));
    }

    @Override
    protected List<Difference> differences(
            Ec2Client ec2, ResourceContext context, Desired desired, SecurityGroup group) {
        var differences = new ArrayList<>(super.differences(ec2, context, desired, group));
        List<SecurityGroupRule> foreign = foreignIngress(ec2, group.groupId(), context);
        if (!foreign.isEmpty()) {
            differences.add(new Difference(
                    INGRESS,
                    "only the spec's rules",
                    "also "
                            + foreign.stream()
                                    .map(SecurityGroupHandler::describe)
                                    .collect(Collectors.joining(", "))));
        }
        return differences;
    }

    /** The ingress rules of the group that do not carry this environment's tag: made by someone else. */
    private static List<SecurityGroupRule> foreignIngress(Ec2Client ec2, String groupId, ResourceContext context) {
        return ec2
                .describeSecurityGroupRules(r -> r.filters(
                        Filter.builder().name("group-id").values(groupId).build()))
                .securityGroupRules()
                .stream()
                .filter(rule -> groupId.equals(rule.groupId()) && !Boolean.TRUE.equals(rule.isEgress()))
                .filter(rule -> rule.tags().stream()
                        .noneMatch(t ->
                                t.key().equals(Tags.ENVIRONMENT_ID) && t.value().equals(context.environmentId())))
                .toList();
    }

    private static String describe(SecurityGroupRule rule) {
        String from = rule.cidrIpv4() != null
                ? rule.cidrIpv4()
                : rule.cidrIpv6() != null
                        ? rule.cidrIpv6()
                        : rule.prefixListId() != null
                                ? rule.prefixListId()
                                : rule.referencedGroupInfo() != null
                                        ? rule.referencedGroupInfo().groupId()
                                        : "?";
        String ports = Objects.equals(rule.fromPort(), rule.toPort())
                ? String.valueOf(rule.fromPort())
                : rule.fromPort() + "-" + rule.toPort();
        return rule.securityGroupRuleId() + " (" + rule.ipProtocol() + " " + ports + " from " + from + ")";
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        retagAsObserved(context, observed);
        Ec2Client ec2 = client(context);
        List<String> foreign = foreignIngress(ec2, observed.physicalId(), context).stream()
                .map(SecurityGroupRule::securityGroupRuleId)
                .toList();
        if (!foreign.isEmpty()) {
            ec2.revokeSecurityGroupIngress(r -> r.groupId(observed.physicalId()).securityGroupRuleIds(foreign));
        }
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createSecurityGroup(r -> r.groupName(groupName(context))
                        .description(desired.description())
                        .vpcId(context.idOf(desired.vpc()))
                        .tagSpecifications(Ec2Tags.on(ResourceType.SECURITY_GROUP, context)))
                .groupId();
    }

    /**
     * The group's name: its {@code Name} tag, unless that starts with {@code sg-}, which CreateSecurityGroup
     * (EC2 API reference, GroupName: "Cannot start with sg-") refuses with InvalidParameterValue; then
     * prefixed with {@code plinth-}.
     */
    static String groupName(ResourceContext context) {
        String name = context.name();
        return name.startsWith(RESERVED_PREFIX) ? "plinth-" + name : name;
    }

    /**
     * While another group's rule still uses it, or an interface arrived after the check of its
     * interfaces, AWS answers DependencyViolation.
     */
    @Override
    protected void deleteById(Ec2Client ec2, String id) {
        ec2.deleteSecurityGroup(r -> r.groupId(id));
    }
}
