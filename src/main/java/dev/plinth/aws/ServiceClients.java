package dev.plinth.aws;

import java.util.List;
import org.springframework.beans.factory.BeanRegistrar;
import org.springframework.beans.factory.BeanRegistry;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * For each service a handler lives in, a bean {@code RegionalClient<C>}: the one-service view of
 * {@link AwsClients} that a handler takes, found by its type argument.
 */
@Configuration(proxyBeanMethods = false)
@Import(ServiceClients.Registrar.class)
class ServiceClients {

    /** The services the handlers call. */
    static final List<Class<? extends SdkClient>> SERVICES = List.of(
            Ec2Client.class,
            RdsClient.class,
            DynamoDbClient.class,
            EfsClient.class,
            EcsClient.class,
            ElasticLoadBalancingV2Client.class,
            CloudWatchLogsClient.class,
            ApplicationAutoScalingClient.class,
            CloudWatchClient.class,
            S3Client.class,
            IamClient.class,
            CloudFrontClient.class);

    static final class Registrar implements BeanRegistrar {

        @Override
        public void register(BeanRegistry registry, Environment env) {
            SERVICES.forEach(service -> register(registry, service));
        }

        private static <C extends SdkClient> void register(BeanRegistry registry, Class<C> service) {
            ParameterizedTypeReference<RegionalClient<C>> type = ParameterizedTypeReference.forType(
                    ResolvableType.forClassWithGenerics(RegionalClient.class, service)
                            .getType());
            registry.registerBean(
                    service.getSimpleName(),
                    type,
                    spec -> spec.supplier(
                            context -> context.bean(AwsClients.class).regional(service)));
        }
    }
}
