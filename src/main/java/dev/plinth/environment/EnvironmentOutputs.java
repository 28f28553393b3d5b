package dev.plinth.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a client needs from an environment: its address, endpoints and ids. Fields appear as their
 * resources come to exist; all that apply are present once the environment is READY.
 *
 * @param url                   the CloudFront HTTPS URL, else the load balancer's HTTP URL
 * @param databaseSecretArn     the Secrets Manager secret RDS keeps the master credentials in
 *                              (its ARN only: plinth never reads the secret)
 * @param databaseFinalSnapshot the final DB snapshot teardown asked RDS for ({@code database.onDelete}
 *                              {@code snapshot}), from the moment the instance's deletion starts
 * @param securityGroupIds      by role: {@code loadBalancer}, {@code app}, {@code databaseProxy},
 *                              {@code database}, {@code fileSystem}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EnvironmentOutputs(
        String url,
        String loadBalancerDns,
        String databaseEndpoint,
        String databaseProxyEndpoint,
        String databaseSecretArn,
        String databaseFinalSnapshot,
        String tableName,
        String fileSystemId,
        String accessPointId,
        String clusterName,
        String serviceName,
        String distributionId,
        String staticSiteBucket,
        String vpcId,
        String internetGatewayId,
        List<String> publicSubnetIds,
        List<String> privateSubnetIds,
        List<String> natGatewayIds,
        Map<String, String> securityGroupIds) {}
