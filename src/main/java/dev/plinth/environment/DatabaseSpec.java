package dev.plinth.environment;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatabaseSpec(
        Boolean enabled,
        DatabaseEngine engine,
        String instanceClass,
        Integer storageGb,
        Boolean multiAz,
        Boolean proxy,
        Integer backupRetentionDays,
        Boolean deletionProtection) implements Sections.Switchable {

    public static final String DEFAULT_INSTANCE_CLASS = "db.t4g.micro";
    public static final int DEFAULT_STORAGE_GB = 20;
    public static final int DEFAULT_BACKUP_RETENTION_DAYS = 7;

    DatabaseSpec withDefaults() {
        DatabaseEngine e = engine == null ? DatabaseEngine.POSTGRES : engine;
        if (!e.relational()) {
            return new DatabaseSpec(null, e, null, null, null, null, null, null);
        }
        return new DatabaseSpec(null, e,
                instanceClass == null ? DEFAULT_INSTANCE_CLASS : instanceClass,
                storageGb == null ? DEFAULT_STORAGE_GB : storageGb,
                multiAz != null && multiAz,
                proxy == null || proxy,
                backupRetentionDays == null ? DEFAULT_BACKUP_RETENTION_DAYS : backupRetentionDays,
                deletionProtection != null && deletionProtection);
    }
}
