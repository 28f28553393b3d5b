package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** The database of an environment. */
public enum DatabaseEngine {
    /** RDS for PostgreSQL, optionally behind an RDS Proxy. */
    POSTGRES("postgres", 5432),
    /** RDS for MySQL, optionally behind an RDS Proxy. */
    MYSQL("mysql", 3306),
    /** A DynamoDB table (on-demand capacity); no instance, no proxy, no port. */
    DYNAMODB("dynamodb", 0);

    private final String wireName;
    private final int port;

    DatabaseEngine(String wireName, int port) {
        this.wireName = wireName;
        this.port = port;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The port clients connect to; 0 for DynamoDB. */
    public int port() {
        return port;
    }

    public boolean relational() {
        return this != DYNAMODB;
    }
}
