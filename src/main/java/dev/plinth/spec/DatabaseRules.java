package dev.plinth.spec;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The rules of the {@code database} section. */
final class DatabaseRules {

    static final int MIN_STORAGE_GB = 20;
    static final int MAX_STORAGE_GB = 65536;
    static final int MAX_BACKUP_RETENTION_DAYS = 35;
    /** A DB snapshot identifier (1 to 255 characters), or the ARN of a manual or shared one. */
    private static final Pattern SNAPSHOT = Pattern.compile(
            "[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}(?<!-)|arn:aws[a-z-]*:rds:[a-z0-9-]+:\\d{12}:snapshot:[A-Za-z0-9:-]{1,255}");

    private static final Pattern INSTANCE_CLASS = Pattern.compile("db\\.[a-z0-9]+\\.[a-z0-9]+");
    /**
     * DBName of CreateDBInstance (RDS API reference): a letter, then letters, digits and underscores; 1 to 64
     * characters for MySQL, 1 to 63 for PostgreSQL.
     */
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private DatabaseRules() {}

    static void check(DatabaseSpec db, List<Violation> out) {
        if (db.engine() == DatabaseEngine.DYNAMODB) {
            notFor(db.instanceClass(), "instanceClass", out);
            notFor(db.storageGb(), "storageGb", out);
            notFor(db.multiAz(), "multiAz", out);
            notFor(db.proxy(), "proxy", out);
            notFor(db.backupRetentionDays(), "backupRetentionDays", out);
            notFor(db.deletionProtection(), "deletionProtection", out);
            notFor(db.restoreFromSnapshot(), "restoreFromSnapshot", out);
            notFor(db.name(), "name", out);
            if (db.onDelete() != null && db.onDelete() != OnDelete.DELETE) {
                out.add(new Violation(
                        "database.onDelete",
                        "not-applicable",
                        "a dynamodb table is deleted with its environment: only 'delete' applies"));
            }
            return;
        }
        Rules.matches(
                db.instanceClass(),
                INSTANCE_CLASS,
                "database.instanceClass",
                "instance-class",
                "must be an RDS instance class such as db.t4g.micro",
                out);
        Rules.range(db.storageGb(), MIN_STORAGE_GB, MAX_STORAGE_GB, "database.storageGb", out);
        Rules.range(db.backupRetentionDays(), 0, MAX_BACKUP_RETENTION_DAYS, "database.backupRetentionDays", out);
        Rules.matches(
                db.restoreFromSnapshot(),
                SNAPSHOT,
                "database.restoreFromSnapshot",
                "snapshot-identifier",
                "must be a DB snapshot identifier (letters, digits and hyphens, starting with a letter) or its ARN",
                out);
        if (db.name() != null) {
            databaseName(db, db.name(), out);
        }
    }

    private static void databaseName(DatabaseSpec db, String name, List<Violation> out) {
        DatabaseEngine engine = db.engineOrDefault();
        int max = engine == DatabaseEngine.MYSQL ? 64 : 63;
        if (!DATABASE_NAME.matcher(name).matches() || name.length() > max) {
            out.add(new Violation(
                    "database.name",
                    "database-name",
                    "must start with a letter and hold only letters, " + "digits and underscores, at most " + max
                            + " characters for " + engine.wireName()));
        }
        if (db.restoreFromSnapshot() != null) {
            out.add(new Violation(
                    "database.name",
                    "not-with-snapshot",
                    "a restored instance has the snapshot's databases; RDS takes no database name for a restore"));
        }
    }

    private static void notFor(@Nullable Object value, String field, List<Violation> out) {
        if (value != null) {
            out.add(new Violation("database." + field, "not-applicable", "does not apply to dynamodb"));
        }
    }
}
