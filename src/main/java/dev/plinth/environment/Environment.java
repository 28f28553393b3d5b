package dev.plinth.environment;

import static dev.plinth.environment.EnvironmentStatus.DELETED;
import static dev.plinth.environment.EnvironmentStatus.DELETE_FAILED;
import static dev.plinth.environment.EnvironmentStatus.DELETING;
import static dev.plinth.environment.EnvironmentStatus.FAILED;
import static dev.plinth.environment.EnvironmentStatus.PENDING;
import static dev.plinth.environment.EnvironmentStatus.PROVISIONING;
import static dev.plinth.environment.EnvironmentStatus.READY;

import dev.plinth.spec.EnvironmentSpec;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The environment aggregate. Immutable: every state change returns a new value and checks that it
 * is allowed from the current status. {@code version} is the version it was read at; the repository
 * saves a change only if nobody else saved one since. {@code specRevision} counts the changes of the spec
 * alone: it is what a client's ETag names, so the engine's status moves do not make a client's ETag stale.
 *
 * @param team        the team it belongs to, the one of the actor who created it; null for an admin of every team
 * @param retiredSpec the spec before a change that removed resources, kept until they are deleted: it
 *                    describes them for teardown. Null when no removal is pending.
 */
public record Environment(
        String id,
        @Nullable String team,
        EnvironmentSpec spec,
        @Nullable EnvironmentSpec retiredSpec,
        List<String> availabilityZones,
        EnvironmentStatus status,
        @Nullable Failure failure,
        @Nullable String idempotencyKey,
        String requestHash,
        long version,
        long specRevision,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant deleteRequestedAt) {

    public Environment {
        availabilityZones = List.copyOf(availabilityZones);
    }

    /** A newly accepted environment: {@code spec} is valid and has its defaults applied. */
    public static Environment accept(
            String id,
            @Nullable String team,
            EnvironmentSpec spec,
            List<String> zones,
            @Nullable String idempotencyKey,
            String requestHash,
            Instant now) {
        return new Environment(
                id, team, spec, null, zones, PENDING, null, idempotencyKey, requestHash, 0, 1, now, now, null);
    }

    public String name() {
        return spec.name();
    }

    public String region() {
        return spec.region();
    }

    public Environment startProvisioning(Instant now) {
        return moveTo(PROVISIONING, null, now, EnumSet.of(PENDING));
    }

    /** Every resource of the spec is ready, and every resource a change removed is gone. */
    public Environment ready(Instant now) {
        return moveTo(READY, null, now, EnumSet.of(PROVISIONING)).retiring(null);
    }

    public Environment failed(Failure why, Instant now) {
        return moveTo(FAILED, why, now, EnumSet.of(PENDING, PROVISIONING));
    }

    /** Provisioning again after a failure, from the step that failed. */
    public Environment retry(Instant now) {
        return moveTo(PROVISIONING, null, now, EnumSet.of(FAILED));
    }

    /**
     * The spec changed by its owner: provisioning again towards {@code changed}, from READY, or from
     * FAILED (a change can be the fix).
     *
     * @param retiring the spec that describes the resources {@code changed} no longer has and that
     *                 still exist, or null when there are none
     */
    public Environment update(EnvironmentSpec changed, @Nullable EnvironmentSpec retiring, Instant now) {
        return moveTo(PROVISIONING, null, now, EnumSet.of(READY, FAILED))
                .retiring(retiring)
                .revisedTo(changed);
    }

    /** Provisioning again, with the same spec, to change drifted resources back to it. */
    public Environment repair(Instant now) {
        return moveTo(PROVISIONING, null, now, EnumSet.of(READY));
    }

    /** The environment as the spec its resources were made from describes it: the retired spec, if any. */
    public Environment retired() {
        return retiredSpec == null ? this : withSpec(retiredSpec);
    }

    /** The same environment with another spec, for planning: nothing else changes. */
    public Environment withSpec(EnvironmentSpec other) {
        return with(other, retiredSpec, status, failure, specRevision, updatedAt, deleteRequestedAt);
    }

    private Environment revisedTo(EnvironmentSpec changed) {
        return with(changed, retiredSpec, status, failure, specRevision + 1, updatedAt, deleteRequestedAt);
    }

    private Environment retiring(@Nullable EnvironmentSpec retiring) {
        return with(spec, retiring, status, failure, specRevision, updatedAt, deleteRequestedAt);
    }

    /**
     * The entity tag of the spec's revision, as HTTP quotes it: what {@code If-Match} guards. Status moves,
     * failures and drift checks leave it alone; only a change of the spec changes it.
     */
    public String etag() {
        return "\"" + specRevision + "\"";
    }

    /**
     * Whether an entity tag a client sends ({@code If-Match}) names the spec's current revision: this
     * {@link #etag}, or a view's ({@link ViewVersion#etag}, {@code "<revision>.<digest>"}) read while the spec
     * was the same, weak or strong.
     */
    public boolean isRevision(String entityTag) {
        String tag = entityTag.strip().replaceFirst("^W/", "");
        if (tag.length() < 2 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            return false;
        }
        String opaque = tag.substring(1, tag.length() - 1);
        int dot = opaque.indexOf('.');
        return (dot < 0 ? opaque : opaque.substring(0, dot)).equals(String.valueOf(specRevision));
    }

    /** Teardown from any status but DELETED; asking again while DELETING changes nothing. */
    public Environment requestDeletion(Instant now) {
        if (status == DELETING) {
            return this;
        }
        Environment deleting =
                moveTo(DELETING, null, now, EnumSet.of(PENDING, PROVISIONING, READY, FAILED, DELETE_FAILED));
        return deleting.withDeleteRequestedAt(now);
    }

    public Environment deleted(Instant now) {
        return moveTo(DELETED, null, now, EnumSet.of(DELETING));
    }

    public Environment deleteFailed(Failure why, Instant now) {
        return moveTo(DELETE_FAILED, why, now, EnumSet.of(DELETING));
    }

    private Environment moveTo(
            EnvironmentStatus next, @Nullable Failure why, Instant now, Set<EnvironmentStatus> allowedFrom) {
        if (!allowedFrom.contains(status)) {
            throw new IllegalStateException("environment " + id + " cannot go from " + status + " to " + next);
        }
        return with(spec, retiredSpec, next, why, specRevision, now, deleteRequestedAt);
    }

    private Environment withDeleteRequestedAt(Instant at) {
        return with(spec, retiredSpec, status, failure, specRevision, updatedAt, at);
    }

    /** This environment with what a change may change; its identity, request and version stay. */
    private Environment with(
            EnvironmentSpec spec,
            @Nullable EnvironmentSpec retiredSpec,
            EnvironmentStatus status,
            @Nullable Failure failure,
            long specRevision,
            Instant updatedAt,
            @Nullable Instant deleteRequestedAt) {
        return new Environment(
                id,
                team,
                spec,
                retiredSpec,
                availabilityZones,
                status,
                failure,
                idempotencyKey,
                requestHash,
                version,
                specRevision,
                createdAt,
                updatedAt,
                deleteRequestedAt);
    }
}
