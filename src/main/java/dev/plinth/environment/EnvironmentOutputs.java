package dev.plinth.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a client needs from an environment: its address, endpoints and ids. Fields appear as their
 * resources come to exist (null until then); all that apply are present once the environment is READY.
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
        @Nullable String url,
        @Nullable String loadBalancerDns,
        @Nullable String databaseEndpoint,
        @Nullable String databaseProxyEndpoint,
        @Nullable String databaseSecretArn,
        @Nullable String databaseFinalSnapshot,
        @Nullable String tableName,
        @Nullable String fileSystemId,
        @Nullable String accessPointId,
        @Nullable String clusterName,
        @Nullable String serviceName,
        @Nullable String distributionId,
        @Nullable String staticSiteBucket,
        @Nullable String vpcId,
        @Nullable String internetGatewayId,
        List<String> publicSubnetIds,
        List<String> privateSubnetIds,
        List<String> natGatewayIds,
        Map<String, String> securityGroupIds) {}
