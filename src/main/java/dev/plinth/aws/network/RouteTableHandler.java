package dev.plinth.aws.network;

import dev.plinth.aws.AwsClients;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.ResourceKey;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/** A route table of the VPC; its routes and subnet associations are resources of their own. */
@Component
class RouteTableHandler implements ResourceHandler<RouteTableHandler.Desired>, Retagger {

    record Desired(ResourceKey vpc) implements ResourceDesired {}

    private final AwsClients aws;

    RouteTableHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Desired> desiredType() {
        return Desired.class;
    }

    @Override
    public String kind() {
        return "AWS::EC2::RouteTable";
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        Ec2Client ec2 = aws.ec2(context.region());
        return Ec2Tags.find(
                        context,
                        id -> ec2.describeRouteTables(r -> r.routeTableIds(id)).routeTables(),
                        () -> ec2.describeRouteTables(r -> r.filters(Ec2Tags.ownedBy(context)))
                                .routeTables(),
                        RouteTable::tags)
                .map(table -> new Observation(
                        table.routeTableId(), Readiness.READY, context.tagDifferences(Ec2Tags.map(table.tags()))));
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return aws.ec2(context.region())
                .createRouteTable(r -> r.vpcId(context.idOf(desired.vpc()))
                        .tagSpecifications(Ec2Tags.on(ResourceType.ROUTE_TABLE, context)))
                .routeTable()
                .routeTableId();
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        aws.ec2(context.region()).deleteRouteTable(r -> r.routeTableId(observed.physicalId()));
    }

    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        Ec2Tags.retag(aws, context, observed.physicalId(), changes);
    }
}
