package dev.plinth.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.engine.Tags;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;

/** What an environment left behind in an emulator after its teardown, read with the emulator's dummy credentials. */
public final class Leftovers {

    private Leftovers() {}

    /** Any SDK client straight to the emulator at {@code endpoint}: {@code client(RdsClient.builder(), endpoint, region)}. */
    public static <B extends AwsClientBuilder<B, C>, C> C client(B builder, URI endpoint, String region) {
        return builder.endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    /** Nothing in the emulator carries the environment's tag: neither EC2 kinds nor anything the tagging API knows. */
    public static void assertNothingTagged(URI endpoint, String region, String environmentId) {
        try (Ec2Client ec2 = client(Ec2Client.builder(), endpoint, region);
                var tagging = client(ResourceGroupsTaggingApiClient.builder(), endpoint, region)) {
            assertNothingTagged(ec2, tagging, environmentId);
        }
    }

    /** Nothing these clients reach (an emulator, or an AWS account) carries the environment's tag. */
    public static void assertNothingTagged(
            Ec2Client ec2, ResourceGroupsTaggingApiClient tagging, String environmentId) {
        assertThat(Ec2Inventory.ofEnvironment(ec2, environmentId).size())
                .as("EC2 resources tagged with environment %s", environmentId)
                .isZero();
        List<String> arns = tagging
                .getResources(r -> r.tagFilters(f -> f.key(Tags.ENVIRONMENT_ID).values(environmentId)))
                .resourceTagMappingList()
                .stream()
                .map(ResourceTagMapping::resourceARN)
                .filter(arn -> !isDeletedNatGateway(ec2, arn))
                .filter(arn -> !isFinalSnapshot(arn, environmentId))
                .toList();
        assertThat(arns)
                .as("resources the tagging API finds with environment %s", environmentId)
                .isEmpty();
    }

    /** The final DB snapshot teardown leaves on purpose ({@code database.onDelete} {@code snapshot}), with the instance's tags. */
    private static boolean isFinalSnapshot(String arn, String environmentId) {
        return arn.startsWith("arn:aws:rds:")
                && arn.contains(":snapshot:")
                && arn.endsWith("-final-" + environmentId.substring(0, 8));
    }

    /** A deleted NAT gateway stays listed, in state "deleted", for about an hour (in the emulator, for good). */
    private static boolean isDeletedNatGateway(Ec2Client ec2, String arn) {
        int slash = arn.indexOf(":natgateway/");
        if (slash < 0) {
            return false;
        }
        String id = arn.substring(slash + ":natgateway/".length());
        return ec2.describeNatGateways(r -> r.natGatewayIds(id)).natGateways().stream()
                .allMatch(n -> n.state() == NatGatewayState.DELETED);
    }
}
