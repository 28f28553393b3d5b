package dev.plinth.aws.network;

import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** The internet gateway; attaching it to the VPC is a resource of its own. */
@Component
class InternetGatewayHandler extends Ec2Handler<InternetGatewayHandler.Desired, InternetGateway> {

    record Desired() implements ResourceDesired {}

    InternetGatewayHandler(RegionalClient<Ec2Client> client) {
        super(
                client,
                Desired.class,
                "AWS::EC2::InternetGateway",
                InternetGateway::internetGatewayId,
                InternetGateway::tags);
    }

    @Override
    protected List<InternetGateway> describe(Ec2Client ec2, Ec2Query query) {
        return ec2.describeInternetGateways(r -> query.applyTo(r::internetGatewayIds, r::filters))
                .internetGateways();
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createInternetGateway(r -> r.tagSpecifications(Ec2Tags.on(ResourceType.INTERNET_GATEWAY, context)))
                .internetGateway()
                .internetGatewayId();
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteInternetGateway(r -> r.internetGatewayId(observed.physicalId()));
    }
}
