package dev.plinth.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a client needs from an environment: ids and endpoints. Fields appear as their resources
 * get ids; all are present once the environment is READY.
 *
 * @param securityGroupIds by role: {@code loadBalancer}, {@code app}, {@code databaseProxy},
 *                         {@code database}, {@code fileSystem}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EnvironmentOutputs(
        String vpcId,
        String internetGatewayId,
        List<String> publicSubnetIds,
        List<String> privateSubnetIds,
        List<String> natGatewayIds,
        Map<String, String> securityGroupIds) {}
