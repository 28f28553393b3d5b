package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The data layer. For {@code postgres} and {@code mysql}: an RDS instance whose master password RDS
 * keeps in Secrets Manager (plinth never sees it), optionally behind an RDS Proxy. For
 * {@code dynamodb}: an on-demand table; the instance settings do not apply.
 *
 * @param instanceClass       default {@code db.t4g.micro}
 * @param storageGb           20 to 65536, default 20
 * @param multiAz             a standby in a second zone, default false
 * @param proxy               an RDS Proxy in front of the instance, default true
 * @param backupRetentionDays 0 to 35, default 7
 * @param deletionProtection  default false
 * @param onDelete            what teardown does with the database: {@code snapshot} (default for RDS),
 *                            {@code retain} or {@code delete}; a DynamoDB table is always deleted
 * @param restoreFromSnapshot a DB snapshot identifier or ARN in the region to start the instance from,
 *                            of the same engine; optional, RDS only
 * @param name                the database RDS creates in the new instance ({@code DBName}); optional, RDS
 *                            only, not with a snapshot (whose databases come with it). Without it a MySQL
 *                            instance has no database of the application's, a PostgreSQL one only {@code postgres}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabaseSpec(
        @Nullable Boolean enabled,
        @Nullable DatabaseEngine engine,
        @Nullable String instanceClass,
        @Nullable Integer storageGb,
        @Nullable Boolean multiAz,
        @Nullable Boolean proxy,
        @Nullable Integer backupRetentionDays,
        @Nullable Boolean deletionProtection,
        @Nullable OnDelete onDelete,
        @Nullable String restoreFromSnapshot,
        @Nullable String name)
        implements Sections.Switchable {

    public static final String DEFAULT_INSTANCE_CLASS = "db.t4g.micro";
    public static final int DEFAULT_STORAGE_GB = 20;
    public static final int DEFAULT_BACKUP_RETENTION_DAYS = 7;

    /** The engine, {@code postgres} unless the spec names one. */
    public DatabaseEngine engineOrDefault() {
        return engine == null ? DatabaseEngine.POSTGRES : engine;
    }

    /** What teardown does with the database; specs stored before the setting existed take the default. */
    public OnDelete onDeleteOrDefault() {
        return onDelete != null
                ? onDelete
                : engine != null && !engine.relational() ? OnDelete.DELETE : OnDelete.SNAPSHOT;
    }

    DatabaseSpec withDefaults() {
        DatabaseEngine e = engineOrDefault();
        if (!e.relational()) {
            return new DatabaseSpec(null, e, null, null, null, null, null, null, OnDelete.DELETE, null, null);
        }
        return new DatabaseSpec(
                null,
                e,
                instanceClass == null ? DEFAULT_INSTANCE_CLASS : instanceClass,
                storageGb == null ? DEFAULT_STORAGE_GB : storageGb,
                multiAz != null && multiAz,
                proxy == null || proxy,
                backupRetentionDays == null ? DEFAULT_BACKUP_RETENTION_DAYS : backupRetentionDays,
                deletionProtection != null && deletionProtection,
                onDelete == null ? OnDelete.SNAPSHOT : onDelete,
                restoreFromSnapshot,
                name);
    }
}
