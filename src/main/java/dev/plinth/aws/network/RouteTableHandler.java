package dev.plinth.aws.network;

import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.util.List;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/** A route table of the VPC; its routes and subnet associations are resources of their own. */
@Component
class RouteTableHandler extends Ec2Handler<RouteTableHandler.Desired, RouteTable> {

    record Desired(ResourceKey vpc) implements ResourceDesired {}

    RouteTableHandler(RegionalClient<Ec2Client> client) {
        super(client, Desired.class, "AWS::EC2::RouteTable", RouteTable::routeTableId, RouteTable::tags);
    }

    @Override
    protected List<RouteTable> describe(Ec2Client ec2, Ec2Query query) {
        return ec2.describeRouteTables(r -> query.applyTo(r::routeTableIds, r::filters))
                .routeTables();
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .createRouteTable(r -> r.vpcId(context.idOf(desired.vpc()))
                        .tagSpecifications(Ec2Tags.on(ResourceType.ROUTE_TABLE, context)))
                .routeTable()
                .routeTableId();
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteRouteTable(r -> r.routeTableId(observed.physicalId()));
    }
}
