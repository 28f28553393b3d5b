package dev.plinth.aws.network;

import dev.plinth.aws.AwsClients;
import dev.plinth.engine.DeleteBlocker;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetState;

/** A subnet in one zone; public subnets give their instances public addresses. */
@Component
class SubnetHandler extends Ec2Handler<SubnetHandler.Desired, Subnet> {

    record Desired(ResourceKey vpc, String availabilityZone, String cidr, boolean publicAddresses)
            implements ResourceDesired {}

    static final String MAP_PUBLIC_IP = "mapPublicIpOnLaunch";

    SubnetHandler(AwsClients aws) {
        super(aws, Desired.class, "AWS::EC2::Subnet", Subnet::subnetId, Subnet::tags);
    }

    @Override
    protected List<Subnet> describe(Ec2Client ec2, Ec2Query query) {
        return ec2.describeSubnets(r -> query.applyTo(r::subnetIds, r::filters)).subnets();
    }

    @Override
    protected Readiness readiness(Subnet subnet) {
        return subnet.state() == SubnetState.AVAILABLE
                ? Readiness.READY
                : Readiness.pending(subnet.stateAsString(), Duration.ofSeconds(2));
    }

    @Override
    protected List<Difference> differences(Ec2Client ec2, ResourceContext context, Desired desired, Subnet subnet) {
        boolean mapsPublic = Boolean.TRUE.equals(subnet.mapPublicIpOnLaunch());
        var differences = new ArrayList<>(super.differences(ec2, context, desired, subnet));
        if (mapsPublic != desired.publicAddresses()) {
            differences.add(new Difference(
                    MAP_PUBLIC_IP, String.valueOf(desired.publicAddresses()), String.valueOf(mapsPublic)));
        }
        return differences;
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return aws.ec2(context.region())
                .createSubnet(r -> r.vpcId(context.idOf(desired.vpc()))
                        .cidrBlock(desired.cidr())
                        .availabilityZone(desired.availabilityZone())
                        .tagSpecifications(Ec2Tags.on(ResourceType.SUBNET, context)))
                .subnet()
                .subnetId();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        retagAsObserved(context, observed);
        if (differs(observed, MAP_PUBLIC_IP)) {
            aws.ec2(context.region())
                    .modifySubnetAttribute(r -> r.subnetId(observed.physicalId())
                            .mapPublicIpOnLaunch(AttributeBooleanValue.builder()
                                    .value(desired.publicAddresses())
                                    .build()));
        }
    }

    /** Its network interfaces, which AWS releases minutes after what owned them is deleted. */
    @Override
    public Optional<DeleteBlocker> deleteBlockedBy(ResourceContext context, Desired desired, Observation observed) {
        return NetworkInterfaces.blocking(
                aws.ec2(context.region()),
                Filter.builder().name("subnet-id").values(observed.physicalId()).build(),
                observed.physicalId());
    }

    /**
     * An interface may still arrive between that check and this call: AWS answers DependencyViolation,
     * waited out, with the interfaces' owners named.
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        Ec2Client ec2 = aws.ec2(context.region());
        NetworkInterfaces.deleteNaming(
                ec2,
                Filter.builder().name("subnet-id").values(observed.physicalId()).build(),
                () -> ec2.deleteSubnet(r -> r.subnetId(observed.physicalId())));
    }

    @Override
    public void markRetained(ResourceContext context, Desired desired, Observation observed) {
        Ec2Tags.markRetained(aws, context, observed.physicalId());
    }
}
