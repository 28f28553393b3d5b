package dev.plinth.aws.network;

import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.SubnetState;

/** A subnet in one zone; public subnets give their instances public addresses. */
@Component
class SubnetHandler extends InterfaceHoldingHandler<SubnetHandler.Desired, Subnet> {

    record Desired(ResourceKey vpc, String availabilityZone, String cidr, boolean publicAddresses)
            implements ResourceDesired {}

    static final String MAP_PUBLIC_IP = "mapPublicIpOnLaunch";

    SubnetHandler(RegionalClient<Ec2Client> client) {
        super(client, Desired.class, "AWS::EC2::Subnet", Subnet::subnetId, Subnet::tags, "subnet-id");
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
        return client(context)
                .createSubnet(r -> r.vpcId(context.idOf(desired.vpc()))
                        .cidrBlock(desired.cidr())
                        .availabilityZone(desired.availabilityZone())
                        .tagSpecifications(Ec2Tags.on(ResourceType.SUBNET, context)))
                .subnet()
                .subnetId();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        retagThenChange(
                context,
                observed,
                MAP_PUBLIC_IP,
                ec2 -> ec2.modifySubnetAttribute(r -> r.subnetId(observed.physicalId())
                        .mapPublicIpOnLaunch(AttributeBooleanValue.builder()
                                .value(desired.publicAddresses())
                                .build())));
    }

    /**
     * An interface may still arrive between the check of its interfaces and this call: AWS answers
     * DependencyViolation.
     */
    @Override
    protected void deleteById(Ec2Client ec2, String id) {
        ec2.deleteSubnet(r -> r.subnetId(id));
    }
}
