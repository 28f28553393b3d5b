package dev.plinth.testing.behaviour;

import dev.plinth.testing.behaviour.Timeline.Phase;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An RDS DB instance takes minutes in each of its states, where the emulator has it {@code available}
 * at once and gone the moment it is deleted. After CreateDBInstance (or a restore) DescribeDBInstances
 * answers {@code creating}, then {@code backing-up} (the first automated backup, when backups are on),
 * and only then {@code available}; no endpoint is published while it is creating. ModifyDBInstance with
 * ApplyImmediately makes it {@code modifying} for a while, and AWS refuses another modification (or a
 * final snapshot) until it is available again (InvalidDBInstanceState). After DeleteDBInstance it stays
 * listed as {@code deleting} before DescribeDBInstances answers DBInstanceNotFound, and holds its subnet
 * group until then.
 *
 * <p>Durations: AWS's "Creating an Amazon RDS DB instance" (the instance is usable once its status is
 * available; "it can take several minutes"), what single-AZ PostgreSQL and MySQL take in practice (about
 * eight minutes; Multi-AZ about twenty, a standby in a second zone and its sync), and terraform-provider-aws
 * internal/service/rds/instance.go, which waits up to 40 minutes for create, 80 for modify, 60 for delete
 * and names these states (creating, backing-up, modifying, deleting…) as the ones to wait through.
 */
final class RdsInstanceStates implements Behaviour {

    static final String CREATING = "creating";
    static final String BACKING_UP = "backing-up";
    static final String MODIFYING = "modifying";
    static final String DELETING = "deleting";

    private static final Duration CREATE_SINGLE_AZ = Duration.ofMinutes(6);
    private static final Duration CREATE_MULTI_AZ = Duration.ofMinutes(16);
    private static final Duration FIRST_BACKUP = Duration.ofMinutes(2);
    private static final Duration MODIFY = Duration.ofMinutes(5);
    /** With a final snapshot; the snapshot alone takes a few minutes. */
    private static final Duration DELETE = Duration.ofMinutes(6);

    private final Timeline timeline;
    /** The last description seen of each instance, answered while it is deleting. */
    private final Map<String, String> lastSeen = new ConcurrentHashMap<>();

    RdsInstanceStates(AwsTime time) {
        this.timeline = new Timeline(time);
    }

    @Override
    public String name() {
        return "rds-instance-states";
    }

    /**
     * AWS modifies, and takes a final snapshot of, an available instance only; and deletes no subnet
     * group an instance still uses, a deleting one included (InvalidDBSubnetGroupStateFault).
     */
    @Override
    public Optional<AwsError> before(AwsCall call) {
        if (!call.service().equals("rds")) {
            return Optional.empty();
        }
        if (call.action().equals("DeleteDBSubnetGroup")) {
            return usingSubnetGroup(call.param("DBSubnetGroupName"))
                    .map(id -> AwsError.client(
                            "InvalidDBSubnetGroupStateFault",
                            "Cannot delete the subnet group '" + call.param("DBSubnetGroupName")
                                    + "' because at least one database instance: " + id + " is still using it."));
        }
        String id = identifier(call.param("DBInstanceIdentifier"));
        Optional<String> state = timeline.stateOf(id);
        if (state.isEmpty()) {
            return Optional.empty();
        }
        boolean finalSnapshot = !"true".equals(call.param("SkipFinalSnapshot"));
        if (call.action().equals("ModifyDBInstance")
                || call.action().equals("DeleteDBInstance")
                        && finalSnapshot
                        && !state.get().equals(DELETING)) {
            return Optional.of(AwsError.client(
                    "InvalidDBInstanceState",
                    "Database instance " + id + " is in state " + state.get() + ", not available."));
        }
        return Optional.empty();
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.service().equals("rds")) {
            return answer;
        }
        switch (call.action()) {
            case "CreateDBInstance", "RestoreDBInstanceFromDBSnapshot" -> {
                if (answer.ok()) {
                    boolean multiAz = "true".equals(call.param("MultiAZ"));
                    boolean backups = !"0".equals(call.param("BackupRetentionPeriod"));
                    timeline.start(
                            identifier(call.param("DBInstanceIdentifier")),
                            new Phase(CREATING, multiAz ? CREATE_MULTI_AZ : CREATE_SINGLE_AZ),
                            new Phase(BACKING_UP, backups ? FIRST_BACKUP : Duration.ZERO));
                    return rewrite(answer);
                }
            }
            case "ModifyDBInstance" -> {
                if (answer.ok()) {
                    timeline.start(identifier(call.param("DBInstanceIdentifier")), new Phase(MODIFYING, MODIFY));
                    return rewrite(answer);
                }
            }
            case "DeleteDBInstance" -> {
                if (answer.ok()) {
                    timeline.start(identifier(call.param("DBInstanceIdentifier")), new Phase(DELETING, DELETE));
                    return rewrite(answer);
                }
            }
            case "DescribeDBInstances" -> {
                return answer.ok()
                        ? rewrite(answer)
                        : stillDeleting(identifier(call.param("DBInstanceIdentifier")), answer);
            }
            default -> {}
        }
        return answer;
    }

    /** Each instance in the answer in the state it has reached, remembered as it is then. */
    private AwsAnswer rewrite(AwsAnswer answer) {
        XmlAnswer xml = XmlAnswer.of(answer);
        xml.forEachItem("DBInstanceIdentifier", (id, item) -> {
            if (!"DBInstance".equals(item.getLocalName())) {
                return;
            }
            timeline.stateOf(identifier(id)).ifPresent(state -> {
                XmlAnswer.set(item, "DBInstanceStatus", state);
                if (state.equals(CREATING)) {
                    XmlAnswer.remove(item, "Endpoint");
                }
            });
            lastSeen.put(identifier(id), XmlAnswer.text(item));
        });
        return answer.withText(xml.text());
    }

    /** An instance the emulator has dropped that AWS still has, deleting, in this subnet group. */
    private Optional<String> usingSubnetGroup(String subnetGroup) {
        return lastSeen.entrySet().stream()
                .filter(e -> timeline.isIn(e.getKey(), DELETING)
                        && e.getValue().contains("<DBSubnetGroupName>" + subnetGroup + "</DBSubnetGroupName>"))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The emulator's DBInstanceNotFound for an instance AWS still lists as deleting: its last description. */
    private AwsAnswer stillDeleting(String id, AwsAnswer answer) {
        String item = id == null ? null : lastSeen.get(id);
        if (item == null || !timeline.isIn(id, DELETING) || !answer.text().contains("DBInstanceNotFound")) {
            return answer;
        }
        String body = "<DescribeDBInstancesResponse xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\">"
                + "<DescribeDBInstancesResult><DBInstances>" + item + "</DBInstances></DescribeDBInstancesResult>"
                + "<ResponseMetadata><RequestId>rds-instance-states</RequestId></ResponseMetadata>"
                + "</DescribeDBInstancesResponse>";
        return answer.succeeded(body);
    }

    /** RDS identifiers are case-insensitive and answered in lower case. */
    private static String identifier(String id) {
        return id == null ? null : id.toLowerCase(Locale.ROOT);
    }

    @Override
    public void reset() {
        timeline.reset();
        lastSeen.clear();
    }
}
