package dev.plinth.aws.compute;

import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.TaggedAwsHandler;
import dev.plinth.aws.database.DataLayer;
import dev.plinth.aws.iam.IamRoleHandler;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import dev.plinth.spec.DatabaseVariables;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EFSAuthorizationConfigIAM;
import software.amazon.awssdk.services.ecs.model.EFSTransitEncryption;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * The Fargate task definition of the app: one essential container {@value #CONTAINER} with the
 * spec's image, port and environment, logging to the log group. With a relational database it gets
 * the host and port as values, and the user name and password as secrets the agent reads from the
 * RDS-managed secret (their values never pass through plinth nor stand in the task definition), under
 * the names the spec's {@link DatabaseVariables} give (by default {@code DB_HOST}, {@code DB_PORT},
 * {@code DB_USERNAME}, {@code DB_PASSWORD}); with DynamoDB,
 * {@code DYNAMODB_TABLE}; with a file system, the volume {@value #VOLUME} through the access point,
 * encrypted in transit and authorised by the task role.
 *
 * <p>Its family is the resource's name and its physical id the revision's ARN. Revisions cannot be
 * changed: a difference is resolved by registering a new revision and deregistering the old one,
 * which observe then finds as the family's latest revision with this environment's tags.
 */
@Component
class TaskDefinitionHandler extends TaggedAwsHandler<TaskDefinitionHandler.Desired, EcsClient> {

    /**
     * @param database    the database connection, when there is a relational database
     * @param table       the DynamoDB table (its {@link DataLayer#TABLE_NAME}), when there is one
     * @param fileSystem  the shared volume, when there is a file system
     */
    record Desired(
            String image,
            int port,
            int cpu,
            int memory,
            Map<String, String> environment,
            ResourceKey executionRole,
            ResourceKey taskRole,
            ResourceKey logGroup,
            Database database,
            ResourceKey table,
            FileSystem fileSystem)
            implements ResourceDesired {

        Desired {
            environment = Map.copyOf(environment);
        }
    }

    /**
     * @param endpointOf the resource whose {@link DataLayer#ENDPOINT} the app connects to (the proxy or the instance)
     * @param secretOf   the resource that publishes the master user secret's {@link DataLayer#SECRET_ARN}
     * @param port       the engine's port
     * @param variables  the names of the variables the connection is given in
     */
    record Database(ResourceKey endpointOf, ResourceKey secretOf, int port, DatabaseVariables variables) {}

    record FileSystem(ResourceKey fileSystem, ResourceKey accessPoint, String mountPath) {}

    static final String CONTAINER = "app";
    static final String VOLUME = "data";
    static final String STREAM_PREFIX = "app";
    private static final int DELETE_BATCH = 10;

    static final String DYNAMODB_TABLE = "DYNAMODB_TABLE";

    TaskDefinitionHandler(RegionalClient<EcsClient> client) {
        super(client, Desired.class, "AWS::ECS::TaskDefinition", Ecs::retag);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        EcsClient ecs = client(context);
        Optional<TaskDefinition> found = context.knownId()
                .flatMap(arn -> describe(ecs, arn))
                .filter(td -> td.status() == TaskDefinitionStatus.ACTIVE)
                .or(() -> latestOwn(ecs, context));
        return found.map(td -> {
            var differences = new ArrayList<>(context.tagDifferences(
                    Ecs.TAGS.map(ecs.listTagsForResource(r -> r.resourceArn(td.taskDefinitionArn()))
                            .tags())));
            differences.addAll(differences(td, request(context, desired)));
            return new Observation(
                    td.taskDefinitionArn(),
                    Readiness.READY,
                    differences,
                    Map.of(ComputeLayer.ARN, td.taskDefinitionArn()));
        });
    }

    /** A change is a new revision, with a new ARN: the service that runs it moves to it. Tags change in place. */
    @Override
    public boolean updateMakesNewId() {
        return true;
    }

    /**
     * Also a revision of this environment's that is deregistered (INACTIVE) but not yet deleted: teardown
     * deregisters, then deletes, and an error in between must not leave it behind.
     */
    @Override
    public Optional<Observation> remains(ResourceContext context, Desired desired) {
        return observe(context, desired)
                .or(() -> revisions(client(context), context, TaskDefinitionStatus.INACTIVE)
                        .findFirst()
                        .map(td -> new Observation(td.taskDefinitionArn(), Readiness.READY, List.of(), Map.of())));
    }

    /** The family's newest ACTIVE revision that carries this environment's and key's tags. */
    private static Optional<TaskDefinition> latestOwn(EcsClient ecs, ResourceContext context) {
        return revisions(ecs, context, TaskDefinitionStatus.ACTIVE)
                .filter(td -> td.status() == TaskDefinitionStatus.ACTIVE)
                .findFirst();
    }

    /** This family's revisions of one status that carry this environment's tags, newest first, described lazily. */
    private static Stream<TaskDefinition> revisions(
            EcsClient ecs, ResourceContext context, TaskDefinitionStatus status) {
        String family = context.name();
        return ecs
                .listTaskDefinitions(r -> r.familyPrefix(family).status(status).sort(SortOrder.DESC))
                .taskDefinitionArns()
                .stream()
                // NOTE: familyPrefix matches by prefix: another family may start with this one's name
                .filter(arn -> familyOf(arn).equals(family))
                .map(arn -> describeOwn(ecs, arn, context))
                .flatMap(Optional::stream);
    }

    private static Optional<TaskDefinition> describeOwn(EcsClient ecs, String arn, ResourceContext context) {
        try {
            var answer = ecs.describeTaskDefinition(r -> r.taskDefinition(arn).include(TaskDefinitionField.TAGS));
            return Ecs.TAGS.owns(context, answer.tags()) ? Optional.of(answer.taskDefinition()) : Optional.empty();
        } catch (RuntimeException e) {
            if (isGone(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String familyOf(String arn) {
        String revision = arn.substring(arn.lastIndexOf('/') + 1);
        return revision.substring(0, revision.lastIndexOf(':'));
    }

    private static Optional<TaskDefinition> describe(EcsClient ecs, String arn) {
        try {
            return Optional.of(
                    ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition());
        } catch (RuntimeException e) {
            if (isGone(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** NOTE: ECS answers a deleted (or never registered) revision with a plain ClientException, not a NotFound code. */
    private static boolean isGone(RuntimeException e) {
        return AwsErrors.isNotFound(e)
                || AwsErrors.hasCode(e, "ClientException")
                        && String.valueOf(e.getMessage()).contains("Unable to describe task definition");
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        return client(context)
                .registerTaskDefinition(request(context, desired))
                .taskDefinition()
                .taskDefinitionArn();
    }

    /**
     * A new revision (with the context's tags), then the old one deregistered: services and tasks that
     * use it go on running, and the service picks the new one up when it is updated. When only the
     * tags differ, the revision is retagged instead.
     */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        if (onlyTags(observed)) {
            retagAsObserved(context, observed);
            return;
        }
        EcsClient ecs = client(context);
        ecs.registerTaskDefinition(request(context, desired));
        ecs.deregisterTaskDefinition(r -> r.taskDefinition(observed.physicalId()));
    }

    /**
     * Every revision of the family this environment registered (earlier ones are left by updates):
     * the active ones deregistered, then all deleted. NOTE: a deregistered revision stays listed as
     * INACTIVE, with its tags, until it is deleted; DeleteTaskDefinitions takes only INACTIVE
     * revisions, at most ten per call.
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        EcsClient ecs = client(context);
        var arns = new LinkedHashSet<String>();
        arns.add(observed.physicalId());
        revisions(ecs, context, TaskDefinitionStatus.ACTIVE)
                .map(TaskDefinition::taskDefinitionArn)
                .forEach(arns::add);
        arns.forEach(arn -> ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn)));
        revisions(ecs, context, TaskDefinitionStatus.INACTIVE)
                .map(TaskDefinition::taskDefinitionArn)
                .forEach(arns::add);
        List<String> all = List.copyOf(arns);
        for (int i = 0; i < all.size(); i += DELETE_BATCH) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + DELETE_BATCH));
            ecs.deleteTaskDefinitions(r -> r.taskDefinitions(batch));
        }
    }

    /** The RegisterTaskDefinition request for what the spec asks. */
    static RegisterTaskDefinitionRequest request(ResourceContext context, Desired desired) {
        var environment = new TreeMap<>(desired.environment());
        var secrets = new ArrayList<Secret>();
        if (desired.database() != null) {
            Database db = desired.database();
            String secretArn = context.attributeOf(db.secretOf(), DataLayer.SECRET_ARN);
            environment.put(db.variables().host(), context.attributeOf(db.endpointOf(), DataLayer.ENDPOINT));
            environment.put(db.variables().port(), String.valueOf(db.port()));
            // NOTE: "<secret ARN>:<json key>::" picks one key of the secret's JSON; the agent reads it at task start
            // (Amazon ECS Developer Guide, "Pass Secrets Manager secrets through environment variables")
            secrets.add(Secret.builder()
                    .name(db.variables().username())
                    .valueFrom(secretArn + ":username::")
                    .build());
            secrets.add(Secret.builder()
                    .name(db.variables().password())
                    .valueFrom(secretArn + ":password::")
                    .build());
        }
        if (desired.table() != null) {
            environment.put(DYNAMODB_TABLE, context.attributeOf(desired.table(), DataLayer.TABLE_NAME));
        }
        var container = ContainerDefinition.builder()
                .name(CONTAINER)
                .image(desired.image())
                .essential(true)
                .portMappings(PortMapping.builder()
                        .containerPort(desired.port())
                        .protocol(TransportProtocol.TCP)
                        .build())
                .environment(environment.entrySet().stream()
                        .map(e -> KeyValuePair.builder()
                                .name(e.getKey())
                                .value(e.getValue())
                                .build())
                        .toList())
                .secrets(secrets)
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS)
                        .options(Map.of(
                                "awslogs-group", context.idOf(desired.logGroup()),
                                "awslogs-region", context.region(),
                                "awslogs-stream-prefix", STREAM_PREFIX)));
        var volumes = new ArrayList<Volume>();
        if (desired.fileSystem() != null) {
            FileSystem fs = desired.fileSystem();
            volumes.add(Volume.builder()
                    .name(VOLUME)
                    .efsVolumeConfiguration(efs -> efs.fileSystemId(context.idOf(fs.fileSystem()))
                            .transitEncryption(EFSTransitEncryption.ENABLED)
                            .authorizationConfig(a -> a.accessPointId(context.idOf(fs.accessPoint()))
                                    .iam(EFSAuthorizationConfigIAM.ENABLED)))
                    .build());
            container.mountPoints(MountPoint.builder()
                    .sourceVolume(VOLUME)
                    .containerPath(fs.mountPath())
                    .readOnly(false)
                    .build());
        }
        return RegisterTaskDefinitionRequest.builder()
                .family(context.name())
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu(String.valueOf(desired.cpu()))
                .memory(String.valueOf(desired.memory()))
                .executionRoleArn(context.attributeOf(desired.executionRole(), IamRoleHandler.ARN))
                .taskRoleArn(context.attributeOf(desired.taskRole(), IamRoleHandler.ARN))
                .containerDefinitions(container.build())
                .volumes(volumes)
                .tags(Ecs.TAGS.of(context))
                .build();
    }

    /**
     * What differs between a registered revision and the request that would be registered now,
     * comparing only what plinth sets (AWS fills in defaults of its own).
     */
    static List<Difference> differences(TaskDefinition actual, RegisterTaskDefinitionRequest wanted) {
        var differences = new ArrayList<Difference>();
        Differences.compare(differences, "cpu", wanted.cpu(), actual.cpu());
        Differences.compare(differences, "memory", wanted.memory(), actual.memory());
        Differences.compare(differences, "executionRoleArn", wanted.executionRoleArn(), actual.executionRoleArn());
        Differences.compare(differences, "taskRoleArn", wanted.taskRoleArn(), actual.taskRoleArn());
        ContainerDefinition want = wanted.containerDefinitions().getFirst();
        ContainerDefinition have = actual.containerDefinitions().stream()
                .filter(c -> CONTAINER.equals(c.name()))
                .findFirst()
                .orElse(null);
        if (have == null) {
            differences.add(new Difference("container", CONTAINER, null));
            return differences;
        }
        Differences.compare(differences, "image", want.image(), have.image());
        Differences.compare(differences, "containerPort", ports(want), ports(have));
        Differences.compare(differences, "environment", pairs(want.environment()), pairs(have.environment()));
        Differences.compare(differences, "secrets", secrets(want.secrets()), secrets(have.secrets()));
        Differences.compare(differences, "logConfiguration", logOptions(want), logOptions(have));
        Differences.compare(differences, "mountPoints", mounts(want), mounts(have));
        Differences.compare(differences, "volumes", volumes(wanted.volumes()), volumes(actual.volumes()));
        return differences;
    }

    private static List<Integer> ports(ContainerDefinition c) {
        return c.portMappings().stream()
                .map(PortMapping::containerPort)
                .sorted()
                .toList();
    }

    private static Map<String, String> pairs(List<KeyValuePair> pairs) {
        return byName(pairs, KeyValuePair::name, KeyValuePair::value);
    }

    private static Map<String, String> secrets(List<Secret> secrets) {
        return byName(secrets, Secret::name, Secret::valueFrom);
    }

    private static Map<String, String> logOptions(ContainerDefinition c) {
        return c.logConfiguration() == null
                ? Map.of()
                : new TreeMap<>(c.logConfiguration().options());
    }

    private static Map<String, String> mounts(ContainerDefinition c) {
        return byName(c.mountPoints(), MountPoint::sourceVolume, MountPoint::containerPath);
    }

    private static Map<String, String> volumes(List<Volume> volumes) {
        return byName(
                volumes,
                Volume::name,
                v -> v.efsVolumeConfiguration() == null
                        ? ""
                        : v.efsVolumeConfiguration().fileSystemId() + " "
                                + v.efsVolumeConfiguration().transitEncryptionAsString()
                                + " "
                                + (v.efsVolumeConfiguration().authorizationConfig() == null
                                        ? ""
                                        : v.efsVolumeConfiguration()
                                                        .authorizationConfig()
                                                        .accessPointId() + " "
                                                + v.efsVolumeConfiguration()
                                                        .authorizationConfig()
                                                        .iamAsString()));
    }

    /** The items as a map sorted by name (of a name given twice, the last), to compare with another. */
    private static <T> Map<String, String> byName(List<T> items, Function<T, String> name, Function<T, String> value) {
        return items.stream().collect(Collectors.toMap(name, value, (first, last) -> last, TreeMap::new));
    }
}
