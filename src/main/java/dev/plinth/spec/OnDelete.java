package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** What tearing an environment down does with its RDS database. */
public enum OnDelete {
    /** Delete the instance after RDS takes a final snapshot, whose name the outputs show. */
    SNAPSHOT("snapshot"),
    /** Keep the instance and everything it stands on (subnet group, subnets, security group, VPC). */
    RETAIN("retain"),
    /** Delete the instance and its automated backups, without a final snapshot. */
    DELETE("delete");

    private final String wireName;

    OnDelete(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
