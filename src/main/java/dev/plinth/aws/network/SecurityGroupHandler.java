package dev.plinth.aws.network;

import dev.plinth.aws.AwsClients;
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
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * A security group with no ingress of its own: each rule is a resource, so a rule naming another
 * group is removed before either group is deleted. AWS's default allow-all egress rule stays.
 */
@Component
class SecurityGroupHandler implements ResourceHandler<SecurityGroupHandler.Desired> {

    record Desired(ResourceKey vpc, String description) implements ResourceDesired {}

    private final AwsClients aws;

    SecurityGroupHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Desired> desiredType() {
        return Desired.class;
    }

    @Override
    public String kind() {
        return "AWS::EC2::SecurityGroup";
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        Ec2Client ec2 = aws.ec2(context.region());
        return Ec2Tags.find(context,
                id -> ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups(),
                () -> ec2.describeSecurityGroups(r -> r.filters(Ec2Tags.ownedBy(context))).securityGroups(),
                SecurityGroup::tags)
                .map(group -> Observation.of(group.groupId(), Readiness.READY));
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return aws.ec2(context.region())
                .createSecurityGroup(r -> r.groupName(context.name())
                        .description(desired.description())
                        .vpcId(context.idOf(desired.vpc()))
                        .tagSpecifications(Ec2Tags.on(ResourceType.SECURITY_GROUP, context)))
                .groupId();
    }

    /**
     * While a network interface or another group's rule still uses it, AWS answers DependencyViolation:
     * waited out, with the interfaces' owners named.
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        Ec2Client ec2 = aws.ec2(context.region());
        NetworkInterfaces.deleteNaming(ec2, Filter.builder().name("group-id").values(observed.physicalId()).build(),
                () -> ec2.deleteSecurityGroup(r -> r.groupId(observed.physicalId())));
    }

    @Override
    public void markRetained(ResourceContext context, Desired desired, Observation observed) {
        Ec2Tags.markRetained(aws, context, observed.physicalId());
    }
}
