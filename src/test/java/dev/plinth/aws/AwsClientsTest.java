package dev.plinth.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The one-service views the handlers take: each service's client, built once per region, global ones once. */
class AwsClientsTest {

    private final AwsClients aws =
            new AwsClients(new AwsProperties(null, 1, 16, Duration.ofSeconds(30)), new SimpleMeterRegistry());

    @AfterEach
    void close() {
        aws.close();
    }

    @Test
    void everyServiceAHandlerTakesIsBuiltForTheRegionAskedFor() {
        for (Class<? extends SdkClient> service : ServiceClients.SERVICES) {
            SdkClient client = aws.regional(service).in("eu-west-1");

            assertThat(client).as(service.getSimpleName()).isInstanceOf(service);
        }
        assertThat(aws.regional(Ec2Client.class)
                        .in("eu-west-1")
                        .serviceClientConfiguration()
                        .region())
                .isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void oneClientPerServiceAndRegion() {
        RegionalClient<Ec2Client> ec2 = aws.regional(Ec2Client.class);

        assertThat(ec2.in("eu-west-1"))
                .isSameAs(ec2.in("eu-west-1"))
                .isSameAs(aws.client(Ec2Client.class, "eu-west-1"));
        assertThat(ec2.in("eu-west-1")).isNotSameAs(ec2.in("eu-central-1"));
        assertThat(aws.regional(S3Client.class).in("eu-west-1")).isSameAs(aws.s3("eu-west-1"));
    }

    @Test
    void globalServicesIgnoreTheRegion() {
        IamClient iam = aws.regional(IamClient.class).in("eu-west-1");

        assertThat(iam.serviceClientConfiguration().region()).isEqualTo(Region.AWS_GLOBAL);
        assertThat(aws.regional(IamClient.class).in("us-east-2")).isSameAs(iam).isSameAs(aws.iam());
        assertThat(aws.regional(CloudFrontClient.class).in("eu-west-1")).isSameAs(aws.cloudFront());
    }
}
