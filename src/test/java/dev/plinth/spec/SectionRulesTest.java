package dev.plinth.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.spec.AutoscalingSpec.ScheduleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of the optional sections: database, file system, service, autoscaling, cdn, alarms. */
class SectionRulesTest {

    private static final NetworkSpec NETWORK = new NetworkSpec("10.42.0.0/16", 2, NatGatewayMode.SINGLE);
    private static final ServiceSpec NGINX = service("public.ecr.aws/nginx/nginx:stable", null, null, null, null);

    static Stream<Arguments> invalid() {
        return Stream.of(
                bad(
                        "dynamodb with an instance class",
                        spec(db(DatabaseEngine.DYNAMODB, "db.t4g.micro", null, null, null), null, null),
                        tuple("database.instanceClass", "not-applicable")),
                bad(
                        "dynamodb with a proxy",
                        spec(
                                new DatabaseSpec(
                                        null,
                                        DatabaseEngine.DYNAMODB,
                                        null,
                                        null,
                                        null,
                                        true,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null),
                                null,
                                null),
                        tuple("database.proxy", "not-applicable")),
                bad(
                        "dynamodb kept on delete",
                        spec(
                                new DatabaseSpec(
                                        null,
                                        DatabaseEngine.DYNAMODB,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        OnDelete.RETAIN,
                                        null,
                                        null),
                                null,
                                null),
                        tuple("database.onDelete", "not-applicable")),
                bad(
                        "dynamodb snapshotted on delete",
                        spec(
                                new DatabaseSpec(
                                        null,
                                        DatabaseEngine.DYNAMODB,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        OnDelete.SNAPSHOT,
                                        null,
                                        null),
                                null,
                                null),
                        tuple("database.onDelete", "not-applicable")),
                bad(
                        "dynamodb restored from a snapshot",
                        spec(
                                new DatabaseSpec(
                                        null,
                                        DatabaseEngine.DYNAMODB,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        "snap-1",
                                        null),
                                null,
                                null),
                        tuple("database.restoreFromSnapshot", "not-applicable")),
                bad(
                        "snapshot name with a double hyphen",
                        spec(restore("snap--1"), null, null),
                        tuple("database.restoreFromSnapshot", "snapshot-identifier")),
                bad(
                        "snapshot name starting with a digit",
                        spec(restore("1snap"), null, null),
                        tuple("database.restoreFromSnapshot", "snapshot-identifier")),
                bad(
                        "snapshot name ending with a hyphen",
                        spec(restore("snap-"), null, null),
                        tuple("database.restoreFromSnapshot", "snapshot-identifier")),
                bad(
                        "snapshot ARN of another service",
                        spec(restore("arn:aws:s3:::bucket"), null, null),
                        tuple("database.restoreFromSnapshot", "snapshot-identifier")),
                bad(
                        "dynamodb with a database name",
                        spec(named(DatabaseEngine.DYNAMODB, "orders"), null, null),
                        tuple("database.name", "not-applicable")),
                bad(
                        "database name starting with a digit",
                        spec(named(DatabaseEngine.MYSQL, "1wordpress"), null, null),
                        tuple("database.name", "database-name")),
                bad(
                        "database name with a hyphen",
                        spec(named(DatabaseEngine.POSTGRES, "shop-db"), null, null),
                        tuple("database.name", "database-name")),
                bad(
                        "postgres database name of 64 characters",
                        spec(named(DatabaseEngine.POSTGRES, "d".repeat(64)), null, null),
                        tuple("database.name", "database-name")),
                bad(
                        "mysql database name of 65 characters",
                        spec(named(DatabaseEngine.MYSQL, "d".repeat(65)), null, null),
                        tuple("database.name", "database-name")),
                bad(
                        "database name with a snapshot",
                        spec(
                                new DatabaseSpec(
                                        null,
                                        DatabaseEngine.POSTGRES,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        "snap-1",
                                        "shop"),
                                null,
                                null),
                        tuple("database.name", "not-with-snapshot")),
                bad(
                        "instance class not one",
                        spec(db(DatabaseEngine.POSTGRES, "t4g.micro", null, null, null), null, null),
                        tuple("database.instanceClass", "instance-class")),
                bad(
                        "storage below 20 GB",
                        spec(db(DatabaseEngine.MYSQL, null, 10, null, null), null, null),
                        tuple("database.storageGb", "range")),
                bad(
                        "backups kept 36 days",
                        spec(db(DatabaseEngine.POSTGRES, null, null, 36, null), null, null),
                        tuple("database.backupRetentionDays", "range")),
                bad(
                        "RDS over one zone",
                        new EnvironmentSpec(
                                "shop",
                                "eu-central-1",
                                null,
                                Map.of(),
                                new NetworkSpec("10.42.0.0/16", 1, NatGatewayMode.SINGLE),
                                db(DatabaseEngine.POSTGRES, null, null, null, null),
                                null,
                                null,
                                null,
                                null),
                        tuple("network.availabilityZones", "database-zones")),
                bad(
                        "relative mount path",
                        spec(null, new FileSystemSpec(null, "data"), null),
                        tuple("fileSystem.mountPath", "absolute-path")),
                bad(
                        "mount at /",
                        spec(null, new FileSystemSpec(null, "/"), null),
                        tuple("fileSystem.mountPath", "absolute-path")),
                bad(
                        "service without an image",
                        spec(null, null, service(null, null, null, null, null)),
                        tuple("service.image", "required")),
                bad(
                        "image with spaces",
                        spec(null, null, service("nginx latest", null, null, null, null)),
                        tuple("service.image", "image-reference")),
                bad(
                        "image in capitals",
                        spec(null, null, service("NGINX", null, null, null, null)),
                        tuple("service.image", "image-reference")),
                bad("port 0", spec(null, null, service("nginx", 0, null, null, null)), tuple("service.port", "range")),
                bad(
                        "port 70000",
                        spec(null, null, service("nginx", 70000, null, null, null)),
                        tuple("service.port", "range")),
                bad(
                        "cpu Fargate does not offer",
                        spec(null, null, service("nginx", null, 300, null, null)),
                        tuple("service.cpu", "fargate-size")),
                bad(
                        "too much memory for 256",
                        spec(null, null, service("nginx", null, 256, 4096, null)),
                        tuple("service.memory", "fargate-size")),
                bad(
                        "1536 MiB with 256",
                        spec(null, null, service("nginx", null, 256, 1536, null)),
                        tuple("service.memory", "fargate-size")),
                bad(
                        "memory off the 1024 step",
                        spec(null, null, service("nginx", null, 1024, 2500, null)),
                        tuple("service.memory", "fargate-size")),
                bad(
                        "health check not a path",
                        spec(
                                null,
                                null,
                                new ServiceSpec(null, "nginx", null, null, null, null, "health", null, null, null)),
                        tuple("service.healthCheckPath", "path")),
                bad(
                        "environment name with a dash",
                        spec(null, null, env(Map.of("APP-MODE", "x"))),
                        tuple("service.environment.APP-MODE", "env-name")),
                bad(
                        "reserved environment name",
                        spec(null, null, env(Map.of("DB_PASSWORD", "hunter2"))),
                        tuple("service.environment.DB_PASSWORD", "reserved-env")),
                bad(
                        "a database variable that is no variable name",
                        spec(
                                null,
                                null,
                                variables(new DatabaseVariables("WORDPRESS-DB-HOST", null, null, null), Map.of())),
                        tuple("service.databaseVariables.host", "env-name")),
                bad(
                        "two database variables of one name",
                        spec(
                                null,
                                null,
                                variables(
                                        new DatabaseVariables(null, null, "WORDPRESS_DB_USER", "WORDPRESS_DB_USER"),
                                        Map.of())),
                        tuple("service.databaseVariables.password", "unique")),
                bad(
                        "a database variable set in the environment too",
                        spec(
                                null,
                                null,
                                variables(
                                        new DatabaseVariables(null, null, null, "WORDPRESS_DB_PASSWORD"),
                                        Map.of("WORDPRESS_DB_PASSWORD", "hunter2"))),
                        tuple("service.environment.WORDPRESS_DB_PASSWORD", "reserved-env")),
                bad(
                        "autoscaling without max",
                        spec(null, null, scaled(2, null, 2, List.of())),
                        tuple("service.autoscaling.max", "required")),
                bad(
                        "min above max",
                        spec(null, null, scaled(5, 3, null, List.of())),
                        tuple("service.autoscaling.min", "min-max")),
                bad(
                        "desired outside the bounds",
                        spec(null, null, scaled(2, 6, 8, List.of())),
                        tuple("service.desiredCount", "within-bounds")),
                bad(
                        "cpu target 95",
                        spec(
                                null,
                                null,
                                new ServiceSpec(
                                        null,
                                        "nginx",
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        new AutoscalingSpec(null, 1, 4, 95, null, null),
                                        null)),
                        tuple("service.autoscaling.cpuTarget", "range")),
                bad(
                        "cron with five fields",
                        spec(
                                null,
                                null,
                                scaled(1, 4, null, List.of(new ScheduleSpec("n", "cron(0 18 * * MON)", 0, 0)))),
                        tuple("service.autoscaling.schedules[0].cron", "schedule-expression")),
                bad(
                        "cron with both day fields set",
                        spec(
                                null,
                                null,
                                scaled(1, 4, null, List.of(new ScheduleSpec("n", "cron(0 18 1 * MON *)", 0, 0)))),
                        tuple("service.autoscaling.schedules[0].cron", "schedule-expression")),
                bad(
                        "two schedules of one name",
                        spec(
                                null,
                                null,
                                scaled(
                                        1,
                                        4,
                                        null,
                                        List.of(
                                                new ScheduleSpec("nights", "cron(0 18 ? * MON-FRI *)", 0, 0),
                                                new ScheduleSpec("nights", "cron(0 8 ? * MON-FRI *)", 1, 4)))),
                        tuple("service.autoscaling.schedules[1].name", "unique")),
                bad(
                        "schedule min above max",
                        spec(null, null, scaled(1, 4, null, List.of(new ScheduleSpec("n", "rate(1 day)", 3, 1)))),
                        tuple("service.autoscaling.schedules[0].min", "min-max")),
                bad(
                        "schedule without bounds",
                        spec(null, null, scaled(1, 4, null, List.of(new ScheduleSpec("n", "rate(1 day)", null, null)))),
                        tuple("service.autoscaling.schedules[0].min", "required"),
                        tuple("service.autoscaling.schedules[0].max", "required")),
                bad(
                        "service behind a load balancer in one zone",
                        withNetwork(new NetworkSpec("10.42.0.0/16", 1, NatGatewayMode.SINGLE), NGINX),
                        tuple("network.availabilityZones", "load-balancer-zones")),
                bad(
                        "service without a NAT gateway",
                        withNetwork(new NetworkSpec("10.42.0.0/16", 2, NatGatewayMode.NONE), NGINX),
                        tuple("network.natGateways", "service-egress")),
                bad(
                        "service in one zone without a NAT gateway",
                        withNetwork(new NetworkSpec("10.42.0.0/16", 1, NatGatewayMode.NONE), NGINX),
                        tuple("network.availabilityZones", "load-balancer-zones"),
                        tuple("network.natGateways", "service-egress")),
                bad(
                        "cdn without a service",
                        new EnvironmentSpec(
                                "shop",
                                "eu-central-1",
                                null,
                                Map.of(),
                                NETWORK,
                                null,
                                null,
                                null,
                                new CdnSpec(null, null),
                                null),
                        tuple("cdn", "requires-service")),
                bad(
                        "alarms without a service",
                        new EnvironmentSpec(
                                "shop",
                                "eu-central-1",
                                null,
                                Map.of(),
                                NETWORK,
                                null,
                                null,
                                null,
                                null,
                                new AlarmsSpec(null)),
                        tuple("alarms", "requires-service")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void aBrokenRuleIsReportedWithItsFieldAndName(String why, EnvironmentSpec spec, Tuple[] expected) {
        assertThat(new SpecValidator().validate(spec))
                .extracting(Violation::field, Violation::rule)
                .containsExactlyInAnyOrder(expected);
    }

    @Test
    void theIssuesFullExampleIsValid() {
        var spec = new EnvironmentSpec(
                "shop-staging",
                "eu-central-1",
                null,
                Map.of(),
                NETWORK,
                db(DatabaseEngine.POSTGRES, "db.t4g.micro", 20, 7, false),
                new FileSystemSpec(true, "/data"),
                new ServiceSpec(
                        null,
                        "public.ecr.aws/nginx/nginx:stable",
                        80,
                        256,
                        512,
                        2,
                        "/",
                        Map.of("APP_MODE", "staging"),
                        new AutoscalingSpec(
                                null,
                                2,
                                6,
                                60,
                                75,
                                List.of(
                                        new ScheduleSpec("nights", "cron(0 18 ? * MON-FRI *)", 0, 0),
                                        new ScheduleSpec("mornings", "cron(0 8 ? * MON-FRI *)", 2, 6))),
                        null),
                new CdnSpec(true, null),
                new AlarmsSpec(true));

        assertThat(new SpecValidator().validate(spec)).isEmpty();
    }

    @Test
    void aNetworkInOneZoneWithoutNatGatewaysIsValidWithoutAService() {
        var oneZoneNoNat = new NetworkSpec("10.42.0.0/16", 1, NatGatewayMode.NONE);

        assertThat(new SpecValidator().validate(withNetwork(oneZoneNoNat, null)))
                .isEmpty();
        assertThat(new SpecValidator()
                        .validate(withNetwork(
                                oneZoneNoNat,
                                new ServiceSpec(false, "nginx", null, null, null, null, null, null, null, null))))
                .isEmpty();
    }

    @Test
    void aSwitchedOffSectionIsNeitherCheckedNorKept() {
        var spec = new EnvironmentSpec(
                "shop",
                "eu-central-1",
                null,
                Map.of(),
                NETWORK,
                new DatabaseSpec(
                        false, DatabaseEngine.DYNAMODB, "nonsense", null, null, null, null, null, null, null, null),
                null,
                new ServiceSpec(false, null, 0, null, null, null, null, null, null, null),
                null,
                null);

        assertThat(new SpecValidator().validate(spec)).isEmpty();
        assertThat(spec.withDefaults().database()).isNull();
        assertThat(spec.withDefaults().service()).isNull();
    }

    @Test
    void defaultsAreFilledIn() {
        var spec = new EnvironmentSpec(
                        "shop",
                        "eu-central-1",
                        null,
                        Map.of(),
                        NETWORK,
                        new DatabaseSpec(null, null, null, null, null, null, null, null, null, null, null),
                        new FileSystemSpec(null, null),
                        new ServiceSpec(
                                null,
                                "nginx",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                new AutoscalingSpec(null, null, 4, null, null, null),
                                null),
                        new CdnSpec(null, null),
                        new AlarmsSpec(null))
                .withDefaults();

        assertThat(spec.database())
                .isEqualTo(new DatabaseSpec(
                        null,
                        DatabaseEngine.POSTGRES,
                        "db.t4g.micro",
                        20,
                        false,
                        true,
                        7,
                        false,
                        OnDelete.SNAPSHOT,
                        null,
                        null));
        assertThat(spec.fileSystem().mountPath()).isEqualTo("/data");
        assertThat(spec.service())
                .extracting(
                        ServiceSpec::port,
                        ServiceSpec::cpu,
                        ServiceSpec::memory,
                        ServiceSpec::desiredCount,
                        ServiceSpec::healthCheckPath)
                .containsExactly(80, 256, 512, 2, "/");
        assertThat(spec.service().autoscaling())
                .extracting(AutoscalingSpec::min, AutoscalingSpec::max, AutoscalingSpec::cpuTarget)
                .containsExactly(1, 4, 60);
        assertThat(spec.cdn().staticSite()).isFalse();
        assertThat(spec.hasProxy()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"256,512", "256,2048", "512,4096", "1024,8192", "2048,16384", "4096,30720", "8192,61440", "16384,122880"
    })
    void everyFargateSizeIsAccepted(int cpu, int memory) {
        assertThat(new SpecValidator().validate(spec(null, null, service("nginx", null, cpu, memory, null))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nginx",
                "nginx:1.27",
                "public.ecr.aws/nginx/nginx:stable",
                "registry.example.com:5000/team/app:v1.2.3",
                "123456789012.dkr.ecr.eu-central-1.amazonaws.com/app@sha256:"
                        + "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90"
            })
    void imageReferencesAreAccepted(String image) {
        assertThat(new SpecValidator().validate(spec(null, null, service(image, null, null, null, null))))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "cron(0 18 ? * MON-FRI *)",
                "cron(15 10 L * ? 2026)",
                "rate(5 minutes)",
                "rate(1 day)",
                "at(2026-12-24T18:00:00)"
            })
    void scheduleExpressionsAreAccepted(String expression) {
        assertThat(ServiceRules.validExpression(expression)).isTrue();
    }

    private static Arguments bad(String why, EnvironmentSpec spec, Tuple... expected) {
        return Arguments.of(why, spec, expected);
    }

    private static EnvironmentSpec spec(DatabaseSpec database, FileSystemSpec fileSystem, ServiceSpec service) {
        return new EnvironmentSpec(
                "shop", "eu-central-1", null, Map.of(), NETWORK, database, fileSystem, service, null, null);
    }

    private static EnvironmentSpec withNetwork(NetworkSpec network, ServiceSpec service) {
        return new EnvironmentSpec("shop", "eu-central-1", null, Map.of(), network, null, null, service, null, null);
    }

    private static DatabaseSpec db(
            DatabaseEngine engine, String instanceClass, Integer storage, Integer backups, Boolean protection) {
        return new DatabaseSpec(
                null, engine, instanceClass, storage, null, null, backups, protection, null, null, null);
    }

    private static DatabaseSpec named(DatabaseEngine engine, String name) {
        return new DatabaseSpec(null, engine, null, null, null, null, null, null, null, null, name);
    }

    @ParameterizedTest
    @CsvSource({"MYSQL, wordpress", "MYSQL, W_2", "POSTGRES, shop_orders"})
    void databaseNamesAreAccepted(DatabaseEngine engine, String name) {
        var violations = new ArrayList<Violation>();
        DatabaseRules.check(named(engine, name), violations);
        assertThat(violations).isEmpty();
        DatabaseRules.check(named(DatabaseEngine.MYSQL, "d".repeat(64)), violations);
        assertThat(violations).as("64 characters for mysql").isEmpty();
    }

    private static DatabaseSpec restore(String snapshot) {
        return new DatabaseSpec(
                null, DatabaseEngine.POSTGRES, null, null, null, null, null, null, null, snapshot, null);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "shop-db-final-1a2b3c4d",
                "a",
                "arn:aws:rds:eu-central-1:123456789012:snapshot:shop-db-final-1a2b3c4d"
            })
    void snapshotNamesAreAccepted(String snapshot) {
        var violations = new ArrayList<Violation>();
        DatabaseRules.check(restore(snapshot), violations);
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"postgres, snapshot", "mysql, snapshot", "dynamodb, delete"})
    void onDeleteHasADefaultPerEngine(String engine, String expected) {
        DatabaseSpec database = new DatabaseSpec(
                null,
                DatabaseEngine.valueOf(engine.toUpperCase()),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertThat(database.withDefaults().onDelete().wireName()).isEqualTo(expected);
        assertThat(database.onDeleteOrDefault().wireName()).isEqualTo(expected);
    }

    private static ServiceSpec service(String image, Integer port, Integer cpu, Integer memory, Integer desired) {
        return new ServiceSpec(null, image, port, cpu, memory, desired, null, null, null, null);
    }

    private static ServiceSpec env(Map<String, String> environment) {
        return new ServiceSpec(null, "nginx", null, null, null, null, null, environment, null, null);
    }

    private static ServiceSpec variables(DatabaseVariables variables, Map<String, String> environment) {
        return new ServiceSpec(null, "nginx", null, null, null, null, null, environment, null, variables);
    }

    private static ServiceSpec scaled(Integer min, Integer max, Integer desired, List<ScheduleSpec> schedules) {
        return new ServiceSpec(
                null,
                "nginx",
                null,
                null,
                null,
                desired,
                null,
                null,
                new AutoscalingSpec(null, min, max, null, null, schedules),
                null);
    }
}
