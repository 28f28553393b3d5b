package dev.plinth.aws.database;

import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.Differences;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import dev.plinth.spec.DatabaseEngine;
import dev.plinth.spec.OnDelete;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.ModifyDbInstanceRequest;
import software.amazon.awssdk.services.rds.model.PendingModifiedValues;
import software.amazon.awssdk.services.rds.model.VpcSecurityGroupMembership;

/**
 * The RDS instance: encrypted, private, in the database security group and the environment's subnet
 * group, with the engine's default version. Its master password is managed by RDS in Secrets Manager
 * ({@code ManageMasterUserPassword}): plinth never sees it, and publishes only the secret's ARN.
 * Identified by a name built from the environment's, so a lost create is found by name.
 */
@Component
class DbInstanceHandler extends RdsHandler<DbInstanceHandler.Desired> {

    /**
     * @param onDelete            what teardown does with it: a final snapshot, nothing (retained) or delete outright
     * @param restoreFromSnapshot the DB snapshot to create it from, or null for an empty database
     * @param databaseName        the database RDS creates in it when it is created, or null for none
     */
    record Desired(
            DatabaseEngine engine,
            String instanceClass,
            int storageGb,
            boolean multiAz,
            int backupRetentionDays,
            boolean deletionProtection,
            ResourceKey subnetGroup,
            ResourceKey securityGroup,
            OnDelete onDelete,
            String restoreFromSnapshot,
            String databaseName)
            implements ResourceDesired {

        Desired {
            if (!engine.relational()) {
                throw new IllegalArgumentException(engine + " is not an RDS engine");
            }
        }
    }

    /** The master user; its password lives only in the RDS-managed secret. */
    static final String MASTER_USERNAME = "app";

    static final String INSTANCE_CLASS = "instanceClass";
    static final String ALLOCATED_STORAGE = "allocatedStorage";
    static final String MULTI_AZ = "multiAz";
    static final String BACKUP_RETENTION = "backupRetentionPeriod";
    static final String DELETION_PROTECTION = "deletionProtection";
    static final String SECURITY_GROUPS = "vpcSecurityGroupIds";
    static final String PUBLICLY_ACCESSIBLE = "publiclyAccessible";
    static final String MANAGED_PASSWORD = "manageMasterUserPassword";

    static final String AVAILABLE = "available";
    /** RDS's answer to a final snapshot identifier that is taken. */
    static final String SNAPSHOT_EXISTS = "DBSnapshotAlreadyExists";

    static final String DELETING = "deleting";
    /** States the instance does not leave by itself. */
    private static final Set<String> FAILED = Set.of("failed", "restore-error", "inaccessible-encryption-credentials");

    private static final String INCOMPATIBLE = "incompatible-";
    /** A security group membership on its way out. */
    private static final Set<String> LEAVING = Set.of("removing", "inactive");

    /** Creating takes 5 to 40 minutes (Multi-AZ the longest): no need to look often. */
    private static final Duration POLL = Duration.ofSeconds(30);

    DbInstanceHandler(RegionalClient<RdsClient> client) {
        super(client, Desired.class, "AWS::RDS::DBInstance");
    }

    /** A deleting instance is still there: the subnet group and security group it uses must wait for it. */
    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String identifier = name(context);
        return named(
                        identifier,
                        () -> client(context)
                                .describeDBInstances(r -> r.dbInstanceIdentifier(identifier))
                                .dbInstances(),
                        DBInstance::dbInstanceIdentifier)
                .map(instance -> new Observation(
                        instance.dbInstanceIdentifier(),
                        readiness(instance),
                        differences(context, desired, instance),
                        attributes(instance)));
    }

    static Readiness readiness(DBInstance instance) {
        String status = instance.dbInstanceStatus();
        if (FAILED.contains(status) || status.startsWith(INCOMPATIBLE)) {
            return Readiness.failed("DB instance " + instance.dbInstanceIdentifier() + " is " + status);
        }
        if (!AVAILABLE.equals(status)) {
            return Readiness.pending(status, POLL);
        }
        if (instance.endpoint() == null || instance.masterUserSecret() == null) {
            return Readiness.pending("available, without its endpoint or master secret yet", POLL);
        }
        return Readiness.READY;
    }

    /**
     * Settings that differ from the spec and can be changed in place, compared only while the
     * instance is available (AWS modifies it in no other state); its tags in any state. A change AWS already has pending
     * counts as made, so a modification in progress is not requested again.
     */
    private static List<Difference> differences(ResourceContext context, Desired desired, DBInstance instance) {
        var differences = new ArrayList<>(context.tagDifferences(RdsTags.TAGS.map(instance.tagList())));
        if (!AVAILABLE.equals(instance.dbInstanceStatus())) {
            return differences;
        }
        PendingModifiedValues pending = instance.pendingModifiedValues() != null
                ? instance.pendingModifiedValues()
                : PendingModifiedValues.builder().build();
        Differences.compare(
                differences,
                INSTANCE_CLASS,
                desired.instanceClass(),
                first(pending.dbInstanceClass(), instance.dbInstanceClass()));
        Differences.compare(
                differences,
                ALLOCATED_STORAGE,
                desired.storageGb(),
                first(pending.allocatedStorage(), instance.allocatedStorage()));
        Differences.compare(differences, MULTI_AZ, desired.multiAz(), first(pending.multiAZ(), instance.multiAZ()));
        Differences.compare(
                differences,
                BACKUP_RETENTION,
                desired.backupRetentionDays(),
                first(pending.backupRetentionPeriod(), instance.backupRetentionPeriod()));
        Differences.compare(
                differences, DELETION_PROTECTION, desired.deletionProtection(), instance.deletionProtection());
        Differences.compare(differences, PUBLICLY_ACCESSIBLE, false, instance.publiclyAccessible());
        Differences.compare(
                differences,
                SECURITY_GROUPS,
                Set.of(context.idOf(desired.securityGroup())),
                new TreeSet<>(instance.vpcSecurityGroups().stream()
                        .filter(g -> !LEAVING.contains(g.status()))
                        .map(VpcSecurityGroupMembership::vpcSecurityGroupId)
                        .toList()));
        if (instance.masterUserSecret() == null) {
            differences.add(new Difference(MANAGED_PASSWORD, "true", "false"));
        }
        return differences;
    }

    private static <T> T first(T pending, T current) {
        return pending != null ? pending : current;
    }

    private static Map<String, String> attributes(DBInstance instance) {
        var attributes = new LinkedHashMap<String, String>();
        attributes.put(DataLayer.IDENTIFIER, instance.dbInstanceIdentifier());
        put(attributes, DataLayer.ARN, instance.dbInstanceArn());
        if (instance.endpoint() != null) {
            put(attributes, DataLayer.ENDPOINT, instance.endpoint().address());
            put(
                    attributes,
                    DataLayer.PORT,
                    instance.endpoint().port() == null
                            ? null
                            : instance.endpoint().port().toString());
        }
        if (instance.masterUserSecret() != null) {
            put(attributes, DataLayer.SECRET_ARN, instance.masterUserSecret().secretArn());
        }
        return attributes;
    }

    private static void put(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }

    /**
     * Creates the instance, or restores it from {@code restoreFromSnapshot} with the same settings.
     * NOTE: RestoreDBInstanceFromDBSnapshot takes neither ManageMasterUserPassword nor the backup
     * retention: the next observation finds them different and one ModifyDBInstance sets them.
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        if (desired.restoreFromSnapshot() != null) {
            return client(context)
                    .restoreDBInstanceFromDBSnapshot(r -> r.dbInstanceIdentifier(RdsNames.of(context))
                            .dbSnapshotIdentifier(desired.restoreFromSnapshot())
                            .engine(desired.engine().wireName())
                            .dbInstanceClass(desired.instanceClass())
                            .allocatedStorage(desired.storageGb())
                            .multiAZ(desired.multiAz())
                            .deletionProtection(desired.deletionProtection())
                            .vpcSecurityGroupIds(context.idOf(desired.securityGroup()))
                            .dbSubnetGroupName(context.idOf(desired.subnetGroup()))
                            .publiclyAccessible(false)
                            .copyTagsToSnapshot(true)
                            .tags(RdsTags.TAGS.of(context)))
                    .dbInstance()
                    .dbInstanceIdentifier();
        }
        return client(context)
                .createDBInstance(r -> r.dbInstanceIdentifier(RdsNames.of(context))
                        .engine(desired.engine().wireName())
                        .dbInstanceClass(desired.instanceClass())
                        .allocatedStorage(desired.storageGb())
                        .multiAZ(desired.multiAz())
                        .storageEncrypted(true)
                        .backupRetentionPeriod(desired.backupRetentionDays())
                        .deletionProtection(desired.deletionProtection())
                        .manageMasterUserPassword(true)
                        .masterUsername(MASTER_USERNAME)
                        .dbName(desired.databaseName())
                        .vpcSecurityGroupIds(context.idOf(desired.securityGroup()))
                        .dbSubnetGroupName(context.idOf(desired.subnetGroup()))
                        .publiclyAccessible(false)
                        .copyTagsToSnapshot(true)
                        .tags(RdsTags.TAGS.of(context)))
                .dbInstance()
                .dbInstanceIdentifier();
    }

    /** One ModifyDBInstance with every difference but the tags, applied now rather than in the next maintenance window. */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        List<Difference> settings = retagThenSettings(context, observed);
        if (settings.isEmpty()) {
            return;
        }
        ModifyDbInstanceRequest.Builder request = ModifyDbInstanceRequest.builder()
                .dbInstanceIdentifier(observed.physicalId())
                .applyImmediately(true);
        for (Difference d : settings) {
            switch (d.attribute()) {
                case INSTANCE_CLASS -> request.dbInstanceClass(desired.instanceClass());
                case ALLOCATED_STORAGE -> request.allocatedStorage(desired.storageGb());
                case MULTI_AZ -> request.multiAZ(desired.multiAz());
                case BACKUP_RETENTION -> request.backupRetentionPeriod(desired.backupRetentionDays());
                case DELETION_PROTECTION -> request.deletionProtection(desired.deletionProtection());
                case PUBLICLY_ACCESSIBLE -> request.publiclyAccessible(false);
                case SECURITY_GROUPS -> request.vpcSecurityGroupIds(context.idOf(desired.securityGroup()));
                case MANAGED_PASSWORD -> request.manageMasterUserPassword(true);
                default -> throw new IllegalArgumentException("cannot change " + d.attribute() + " of a DB instance");
            }
        }
        client(context).modifyDBInstance(request.build());
    }

    /** The final snapshot teardown asks for with {@code onDelete} {@code snapshot}. */
    static String finalSnapshot(ResourceContext context) {
        return RdsNames.finalSnapshot(name(context), context.environmentId());
    }

    @Override
    public Optional<String> leavesBehind(ResourceContext context, Desired desired) {
        return desired.onDelete() == OnDelete.SNAPSHOT
                ? Optional.of("final snapshot " + finalSnapshot(context))
                : Optional.empty();
    }

    /**
     * Asks once; while the instance is deleting there is nothing more to do (a second DeleteDBInstance
     * would be refused with InvalidDBInstanceState, which teardown waits out). With {@code snapshot},
     * RDS takes the final snapshot before it deletes; with {@code delete}, neither a final snapshot nor
     * the automated backups are kept. With deletion protection on, AWS refuses
     * (InvalidParameterCombination) and the error goes through as it is. An orphan, deleted without a
     * spec ({@code desired} null), keeps a final snapshot: a database's data is never dropped by default.
     */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        if (pendingIn(observed, DELETING)) {
            return;
        }
        var rds = client(context);
        switch (desired == null ? OnDelete.SNAPSHOT : desired.onDelete()) {
            case DELETE ->
                rds.deleteDBInstance(r -> r.dbInstanceIdentifier(observed.physicalId())
                        .skipFinalSnapshot(true)
                        .deleteAutomatedBackups(true));
            case SNAPSHOT -> {
                String snapshot = finalSnapshot(context);
                try {
                    rds.deleteDBInstance(r -> r.dbInstanceIdentifier(observed.physicalId())
                            .skipFinalSnapshot(false)
                            .finalDBSnapshotIdentifier(snapshot));
                } catch (RuntimeException e) {
                    if (!AwsErrors.hasCode(e, SNAPSHOT_EXISTS)
                            || !isSnapshotOf(context, snapshot, observed.physicalId())) {
                        throw e;
                    }
                    // NOTE: an earlier, interrupted teardown already has its final snapshot: keep that one, take no
                    // second
                    rds.deleteDBInstance(
                            r -> r.dbInstanceIdentifier(observed.physicalId()).skipFinalSnapshot(true));
                }
            }
            case RETAIN -> throw new IllegalStateException(observed.physicalId() + " is retained, not deleted");
        }
    }

    private boolean isSnapshotOf(ResourceContext context, String snapshot, String instanceIdentifier) {
        return RdsSnapshotCatalog.find(client(context), snapshot)
                .filter(s -> instanceIdentifier.equalsIgnoreCase(s.dbInstanceIdentifier()))
                .isPresent();
    }

    @Override
    public void markRetained(ResourceContext context, Desired desired, Observation observed) {
        RdsTags.markRetained(client(context), observed.attributes().get(DataLayer.ARN));
    }
}
