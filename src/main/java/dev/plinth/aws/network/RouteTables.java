package dev.plinth.aws.network;

import dev.plinth.aws.Describe;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/** What EC2 describes with a route table and has no describe call of its own: its routes, its subnet associations. */
final class RouteTables {

    private RouteTables() {}

    /** The {@code parts} of the route table {@code tableId}; none when the table is gone. */
    static <T> List<T> parts(Ec2Client ec2, String tableId, Function<RouteTable, List<T>> parts) {
        return Describe.orNone(() ->
                        ec2.describeRouteTables(r -> r.routeTableIds(tableId)).routeTables())
                .stream()
                .flatMap(table -> parts.apply(table).stream())
                .toList();
    }
}
