package dev.plinth.realaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.plinth.testing.Leftovers;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sts.StsClient;
import tools.jackson.databind.JsonNode;

/**
 * The packaged service against the AWS account in the environment (the SDK's default credentials and
 * region chains), run only by {@code ./mvnw verify -Paws}: each environment reaches READY, is deleted,
 * ends DELETED, and nothing tagged with it is left in the account. It spends real money (README, "On a
 * real AWS account"); without credentials or a region it is skipped, saying which is missing.
 */
class RealAccountIT {

    /** The longest a small environment takes on AWS: the NAT gateway and the load balancer take minutes each. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(30);
    /** Deleting waits out the ENIs of the NAT gateway, the load balancer and the tasks. */
    private static final Duration DELETED_WITHIN = Duration.ofMinutes(40);

    /** Why there is no account to use, once the first test found out. */
    private static String missing;

    private static Region region;
    private static ServiceProcess service;
    private static PlinthApi api;

    /** Skips each test, saying what is missing, unless there is an account to use; starts the service once. */
    @BeforeEach
    void anAccount() throws Exception {
        if (missing != null) {
            skip(missing);
        }
        if (service != null) {
            return;
        }
        try {
            region = DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (SdkClientException e) {
            skip("no AWS region in the environment: set AWS_REGION (or a profile's region)");
        }
        String account;
        try (var sts = StsClient.builder()
                .region(region)
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build()) {
            account = sts.getCallerIdentity().account();
        } catch (SdkClientException e) {
            skip("no AWS credentials in the environment (the SDK's default chain: AWS_PROFILE, AWS_ACCESS_KEY_ID, "
                    + "SSO, an instance or container role)");
            return;
        }
        System.out.printf("-Paws: account %s, region %s%n", account, region);
        Path dir = Files.createTempDirectory("plinth-aws");
        service = ServiceProcess.start(
                Map.of(
                        "SPRING_DATASOURCE_URL",
                        "jdbc:h2:file:" + dir.resolve("plinth")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                        "AWS_REGION",
                        region.id()),
                Set.of("AWS_ENDPOINT_URL"),
                dir.resolve("service.log"));
        api = service.api();
    }

    /** Says on the build's output, not only in its report, why the test did not run. */
    private static void skip(String why) {
        missing = why;
        System.out.println("RealAccountIT skipped: " + why);
        abort(why);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** VPC, subnets, internet gateway and route tables, no NAT gateway: free of charge. */
    @Test
    void aNetworkOnlyEnvironment() {
        readyThenNothingLeft("""
                {"name": "%s", "region": "%s",
                 "network": {"cidr": "10.91.0.0/16", "availabilityZones": 2, "natGateways": "none"}}
                """);
    }

    /** One task of the smallest Fargate size behind a load balancer, with one NAT gateway: cents per run. */
    @Test
    void aCheapService() {
        readyThenNothingLeft("""
                {"name": "%s", "region": "%s",
                 "network": {"cidr": "10.92.0.0/16", "availabilityZones": 2, "natGateways": "single"},
                 "service": {"image": "public.ecr.aws/nginx/nginx:stable", "port": 80, "cpu": 256, "memory": 512,
                             "desiredCount": 1, "healthCheckPath": "/"}}
                """);
    }

    private static void readyThenNothingLeft(String specTemplate) {
        String name = "plinth-it-" + UUID.randomUUID().toString().substring(0, 8);
        String id = api.create(specTemplate.formatted(name, region.id()));
        try {
            JsonNode env = api.await(id, READY_WITHIN, "READY", "FAILED");
            assertThat(env.path("status").asString())
                    .as("%s: %s", name, env.path("failure"))
                    .isEqualTo("READY");
        } finally {
            assertThat(api.delete("/environments/" + id).status()).isEqualTo(202);
            JsonNode gone = api.await(id, DELETED_WITHIN, "DELETED", "DELETE_FAILED");
            assertThat(gone.path("status").asString())
                    .as("%s: %s", name, gone.path("failure"))
                    .isEqualTo("DELETED");
        }
        try (var ec2 = Ec2Client.builder().region(region).build();
                var tagging =
                        ResourceGroupsTaggingApiClient.builder().region(region).build()) {
            Leftovers.assertNothingTagged(ec2, tagging, id);
        }
    }
}
