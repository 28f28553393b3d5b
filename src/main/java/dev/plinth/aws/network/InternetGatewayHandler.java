package dev.plinth.aws.network;

import dev.plinth.aws.AwsClients;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** The internet gateway; attaching it to the VPC is a resource of its own. */
@Component
class InternetGatewayHandler implements ResourceHandler<InternetGatewayHandler.Desired>, Retagger {

    record Desired() implements ResourceDesired {}

    private final AwsClients aws;

    InternetGatewayHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Desired> desiredType() {
        return Desired.class;
    }

    @Override
    public String kind() {
        return "AWS::EC2::InternetGateway";
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        Ec2Client ec2 = aws.ec2(context.region());
        return Ec2Tags.find(
                        context,
                        id -> ec2.describeInternetGateways(r -> r.internetGatewayIds(id))
                                .internetGateways(),
                        () -> ec2.describeInternetGateways(r -> r.filters(Ec2Tags.ownedBy(context)))
                                .internetGateways(),
                        InternetGateway::tags)
                .map(igw -> new Observation(
                        igw.internetGatewayId(), Readiness.READY, context.tagDifferences(Ec2Tags.map(igw.tags()))));
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return aws.ec2(context.region())
                .createInternetGateway(r -> r.tagSpecifications(Ec2Tags.on(ResourceType.INTERNET_GATEWAY, context)))
                .internetGateway()
                .internetGatewayId();
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        aws.ec2(context.region()).deleteInternetGateway(r -> r.internetGatewayId(observed.physicalId()));
    }

    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        Ec2Tags.retag(aws, context, observed.physicalId(), changes);
    }
}
