package dev.plinth.aws.network;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;

/** A subnet associated with a route table; found again by the pair, which AWS allows only once. */
@Component
class RouteTableAssociationHandler extends AwsHandler<RouteTableAssociationHandler.Desired, Ec2Client> {

    record Desired(ResourceKey routeTable, ResourceKey subnet) implements ResourceDesired {}

    RouteTableAssociationHandler(RegionalClient<Ec2Client> client) {
        super(client, Desired.class, "AWS::EC2::SubnetRouteTableAssociation");
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String tableId = context.idOf(desired.routeTable());
        String subnetId = context.idOf(desired.subnet());
        List<RouteTableAssociation> associations =
                RouteTables.parts(client(context), tableId, RouteTable::associations);
        return associations.stream()
                .filter(a -> subnetId.equals(a.subnetId()))
                .findFirst()
                .map(a -> Observation.of(a.routeTableAssociationId(), Readiness.READY));
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .associateRouteTable(r ->
                        r.routeTableId(context.idOf(desired.routeTable())).subnetId(context.idOf(desired.subnet())))
                .associationId();
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).disassociateRouteTable(r -> r.associationId(observed.physicalId()));
    }
}
