package dev.plinth.aws.orphans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.AwsProperties;
import dev.plinth.aws.KindEntry;
import dev.plinth.aws.OrphanForm;
import dev.plinth.aws.ResourceKinds;
import dev.plinth.engine.Layer;
import dev.plinth.engine.Observation;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.ResourceKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ARNs are split into the tagging API's types, and orphans are deleted in the graph's layer order reversed. */
class OrphanDeletersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-0abc, ec2:vpc, vpc-0abc, vpc-0abc",
        "arn:aws:ec2:eu-west-1:123456789012:security-group/sg-1, ec2:security-group, sg-1, sg-1",
        "arn:aws:rds:eu-west-1:123456789012:db:shop-db, rds:db, shop-db, shop-db",
        "arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0a1b, rds:db-proxy, prx-0a1b, prx-0a1b",
        "arn:aws:logs:eu-west-1:123456789012:log-group:/plinth/shop/app:*, logs:log-group, /plinth/shop/app:*, app:*",
        "arn:aws:ecs:eu-west-1:123456789012:service/shop/web, ecs:service, shop/web, web",
        "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/50dc6c49, elasticloadbalancing:loadbalancer, app/shop/50dc6c49, 50dc6c49",
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-cpu-high, cloudwatch:alarm, shop-cpu-high, shop-cpu-high",
        "arn:aws:s3:::plinth-shop-1a2b3c4d, s3:bucket, plinth-shop-1a2b3c4d, plinth-shop-1a2b3c4d",
        "arn:aws:cloudfront::123456789012:distribution/E1ABC, cloudfront:distribution, E1ABC, E1ABC",
        "arn:aws:cloudfront:123456789012:distribution/E1ABC, cloudfront:distribution, E1ABC, E1ABC",
        "not-an-arn, unknown, not-an-arn, not-an-arn"
    })
    void splitsAnArnIntoTypeAndResource(String arn, String type, String resource, String lastSegment) {
        ResourceArn parsed = ResourceArn.parse(arn);
        assertThat(parsed.type()).isEqualTo(type);
        assertThat(parsed.resource()).isEqualTo(resource);
        assertThat(parsed.lastSegment()).isEqualTo(lastSegment);
    }

    @Test
    void deletesLayerByLayerInReverseWithTheVpcLast() {
        OrphanDeleters deleters = deleters();
        List<OrphanDeleters.Kind> kinds = deleters.inOrder();

        assertThat(kinds)
                .extracting(OrphanDeleters.Kind::layer)
                .isSortedAccordingTo(Comparator.<Layer>naturalOrder().reversed());
        assertThat(kinds.getFirst().type()).isEqualTo("cloudwatch:alarm");
        assertThat(kinds.getLast().type()).isEqualTo("ec2:vpc");
        assertThat(kinds).extracting(OrphanDeleters.Kind::type).doesNotHaveDuplicates();
        List<String> types = kinds.stream().map(OrphanDeleters.Kind::type).toList();
        assertThat(types.indexOf("ecs:service")).isLessThan(types.indexOf("ecs:cluster"));
        assertThat(types.indexOf("elasticloadbalancing:listener"))
                .isLessThan(types.indexOf("elasticloadbalancing:targetgroup"));
        assertThat(types.indexOf("rds:db-proxy")).isLessThan(types.indexOf("rds:db"));
        assertThat(types.indexOf("rds:db")).isLessThan(types.indexOf("rds:subgrp"));
        assertThat(types.indexOf("ec2:natgateway")).isLessThan(types.indexOf("ec2:elastic-ip"));
        assertThat(types.indexOf("ec2:subnet")).isLessThan(types.indexOf("ec2:vpc"));
        assertThat(deleters.rank("sqs:queue"))
                .as("kinds plinth does not make come last")
                .isEqualTo(kinds.size());
        assertThat(deleters.kind("sqs:queue")).isEmpty();
    }

    @Test
    void refusesCustomDeletersThatAreNotThoseTheEntriesSayCustom() {
        List<KindEntry> entries = ResourceKinds.inTeardownOrder();
        Set<ResourceKind> custom = entries.stream()
                .filter(e -> e.orphanForm()
                        .filter(f -> f.deletion() == OrphanForm.Deletion.CUSTOM)
                        .isPresent())
                .map(KindEntry::kind)
                .collect(Collectors.toSet());
        assertThat(custom).contains(ResourceKind.of("AWS::EC2::RouteTable"));
        OrphanDeleters.requireCustomDeletersMatch(custom, entries);

        Set<ResourceKind> missingOne = new HashSet<>(custom);
        missingOne.remove(ResourceKind.of("AWS::EC2::RouteTable"));
        assertThatThrownBy(() -> OrphanDeleters.requireCustomDeletersMatch(missingOne, entries))
                .as("an entry says custom, and there is no deleter for it")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS::EC2::RouteTable");

        Set<ResourceKind> oneTooMany = new HashSet<>(custom);
        oneTooMany.add(ResourceKind.of("AWS::EC2::VPC"));
        assertThatThrownBy(() -> OrphanDeleters.requireCustomDeletersMatch(oneTooMany, entries))
                .as("a deleter for a kind whose entry does not say custom")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AWS::EC2::VPC");
    }

    @Test
    void refusesToStartWithoutAHandlerItReuses() {
        assertThatThrownBy(() -> new OrphanDeleters(clients(), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no handler of kind");
    }

    /** Stand-ins for the engine's handlers: only their kinds matter here. */
    private static OrphanDeleters deleters() {
        List<ResourceHandler<?>> handlers = Stream.of(
                        "AWS::CloudWatch::Alarm",
                        "AWS::S3::Bucket",
                        "AWS::ElasticLoadBalancingV2::Listener",
                        "AWS::ElasticLoadBalancingV2::LoadBalancer",
                        "AWS::ElasticLoadBalancingV2::TargetGroup",
                        "AWS::ECS::Cluster",
                        "AWS::Logs::LogGroup",
                        "AWS::EFS::AccessPoint",
                        "AWS::RDS::DBInstance",
                        "AWS::RDS::DBSubnetGroup",
                        "AWS::DynamoDB::Table",
                        "AWS::EC2::NatGateway",
                        "AWS::EC2::EIP",
                        "AWS::EC2::SecurityGroup",
                        "AWS::EC2::Subnet",
                        "AWS::EC2::VPC")
                .<ResourceHandler<?>>map(OrphanDeletersTest::handlerOf)
                .toList();
        return new OrphanDeleters(clients(), handlers);
    }

    private static AwsClients clients() {
        return new AwsClients(new AwsProperties(null, 1, 1, Duration.ofSeconds(1)), new SimpleMeterRegistry());
    }

    private static ResourceHandler<ResourceDesired> handlerOf(String kind) {
        return new ResourceHandler<>() {
            @Override
            public Class<ResourceDesired> desiredType() {
                return ResourceDesired.class;
            }

            @Override
            public ResourceKind kind() {
                return ResourceKind.of(kind);
            }

            @Override
            public Optional<Observation> observe(ResourceContext context, ResourceDesired desired) {
                return Optional.empty();
            }

            @Override
            public String create(ResourceContext context, ResourceDesired desired) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(ResourceContext context, ResourceDesired desired, Observation observed) {}
        };
    }
}
