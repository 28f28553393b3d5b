package dev.plinth.aws.network;

import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteState;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * One route of a route table, to an internet gateway or a NAT gateway. Routes have no id or tags in
 * AWS; the route table and destination name one, so the id here is {@code rtb-…|0.0.0.0/0}.
 */
@Component
class RouteHandler extends AwsHandler<RouteHandler.Desired, Ec2Client> {

    enum TargetType {
        INTERNET_GATEWAY,
        NAT_GATEWAY
    }

    /** @param target the gateway (its attachment, for an internet gateway: the route needs it attached) */
    record Desired(ResourceKey routeTable, String destination, TargetType targetType, ResourceKey target)
            implements ResourceDesired {}

    RouteHandler(RegionalClient<Ec2Client> client) {
        super(client, Desired.class, "AWS::EC2::Route");
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String tableId = context.idOf(desired.routeTable());
        List<Route> routes = RouteTables.parts(client(context), tableId, RouteTable::routes);
        String wanted = targetId(context, desired);
        return routes.stream()
                .filter(route -> desired.destination().equals(route.destinationCidrBlock()))
                .findFirst()
                .map(route -> {
                    String actual =
                            desired.targetType() == TargetType.NAT_GATEWAY ? route.natGatewayId() : route.gatewayId();
                    List<Difference> differences = wanted.equals(actual) && route.state() != RouteState.BLACKHOLE
                            ? List.of()
                            : List.of(new Difference("target", wanted, actual + " (" + route.stateAsString() + ")"));
                    return new Observation(tableId + "|" + desired.destination(), Readiness.READY, differences);
                });
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        String tableId = context.idOf(desired.routeTable());
        String target = targetId(context, desired);
        client(context).createRoute(r -> {
            r.routeTableId(tableId).destinationCidrBlock(desired.destination());
            switch (desired.targetType()) {
                case INTERNET_GATEWAY -> r.gatewayId(target);
                case NAT_GATEWAY -> r.natGatewayId(target);
            }
        });
        return tableId + "|" + desired.destination();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        String target = targetId(context, desired);
        client(context).replaceRoute(r -> {
            r.routeTableId(context.idOf(desired.routeTable())).destinationCidrBlock(desired.destination());
            switch (desired.targetType()) {
                case INTERNET_GATEWAY -> r.gatewayId(target);
                case NAT_GATEWAY -> r.natGatewayId(target);
            }
        });
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context)
                .deleteRoute(r ->
                        r.routeTableId(context.idOf(desired.routeTable())).destinationCidrBlock(desired.destination()));
    }

    /** The gateway id: an attachment's id is {@code igw-…|vpc-…}. */
    private static String targetId(ResourceContext context, Desired desired) {
        String id = context.idOf(desired.target());
        int bar = id.indexOf('|');
        return bar < 0 ? id : id.substring(0, bar);
    }
}
