package dev.plinth.lifecycle;

import dev.plinth.environment.AccountCheck;
import dev.plinth.environment.Actor;
import dev.plinth.environment.DeletionProtectedException;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.EnvironmentRepository.PageMark;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.environment.EventType;
import dev.plinth.environment.IdempotencyKeyReusedException;
import dev.plinth.environment.NameTakenException;
import dev.plinth.environment.ReconcileTrigger;
import dev.plinth.environment.RegionCatalog;
import dev.plinth.environment.SnapshotCatalog;
import dev.plinth.spec.DatabaseSpec;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.SpecValidator;
import dev.plinth.spec.Violation;
import dev.plinth.support.SqlTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Accepting, finding and tearing down environments. The engine does the AWS work. */
@Service
public class EnvironmentService {

    private static final int SAVE_ATTEMPTS = 5;

    private final EnvironmentRepository environments;
    private final SpecValidator validator;
    private final RegionCatalog regions;
    private final SnapshotCatalog snapshots;
    private final AccountCheck account;
    private final ReconcileTrigger engine;
    private final TransactionTemplate transaction;
    private final EventLog events;
    private final JsonMapper json;
    private final Clock clock;

    public EnvironmentService(
            EnvironmentRepository environments,
            SpecValidator validator,
            RegionCatalog regions,
            SnapshotCatalog snapshots,
            AccountCheck account,
            ReconcileTrigger engine,
            TransactionTemplate transaction,
            EventLog events,
            JsonMapper json,
            Clock clock) {
        this.environments = environments;
        this.validator = validator;
        this.regions = regions;
        this.snapshots = snapshots;
        this.account = account;
        this.engine = engine;
        this.transaction = transaction;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** An accepted environment, and whether it was accepted by an earlier request with the same Idempotency-Key. */
    public record Accepted(Environment environment, boolean replayed) {}

    /** One page of a listing; {@code nextPageToken} is null on the last page. */
    public record Page(List<Environment> items, @Nullable String nextPageToken) {}

    /**
     * Validates the spec, stores the environment and hands it to the engine. Nothing is created in
     * AWS for a rejected spec.
     *
     * @throws InvalidRequestException           when a rule is broken
     * @throws NameTakenException             when a live environment has the name
     * @throws IdempotencyKeyReusedException  when the key came with a different body before
     * @throws RuntimeException                what {@link AccountCheck} throws when the account would refuse it
     */
    public Accepted create(EnvironmentSpec spec, @Nullable String idempotencyKey, Actor actor) {
        List<Violation> violations = validator.validate(spec);
        // an accepted request was valid: a key that comes back with an invalid body came back with a different one
        String hash = violations.isEmpty() ? requestHash(spec) : "invalid";
        Optional<Accepted> replay = replay(actor.team(), idempotencyKey, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        EnvironmentSpec full = spec.withDefaults();
        List<String> zones = zonesFor(full);
        checkSnapshot(full);
        if (environments.isNameTaken(full.name())) {
            throw new NameTakenException(full.name());
        }
        account.admit(full, zones);
        Environment env = Environment.accept(
                UUID.randomUUID().toString(), actor.team(), full, zones, idempotencyKey, hash, SqlTime.now(clock));
        try {
            transaction.executeWithoutResult(tx -> {
                environments.insert(env);
                events.append(
                        env.id(),
                        EventType.ACCEPTED,
                        actor,
                        "accepted " + env.name() + " in " + env.region()
                                + (env.team() == null ? "" : " for team " + env.team()));
                engine.reconcileNow(env.id());
            });
        } catch (DuplicateKeyException e) {
            // a concurrent request took the key or the name between the checks above and the insert
            return replay(actor.team(), idempotencyKey, hash).orElseThrow(() -> new NameTakenException(full.name()));
        }
        return new Accepted(env, false);
    }

    public Environment get(String id) {
        return environments.findById(id).orElseThrow(() -> new EnvironmentNotFoundException(id));
    }

    /** The environment with the version of its view, in one query. */
    public EnvironmentRepository.Viewed viewed(String id) {
        return environments.findViewed(id).orElseThrow(() -> new EnvironmentNotFoundException(id));
    }

    /** @param team only this team's environments, when not empty */
    public Page list(
            Optional<String> team,
            @Nullable EnvironmentStatus status,
            @Nullable String name,
            @Nullable String pageToken,
            int limit) {
        List<Environment> rows = environments.list(team, status, name, decode(pageToken), limit + 1);
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<Environment> page = rows.subList(0, limit);
        return new Page(page, encode(page.getLast()));
    }

    /**
     * Starts teardown. Asking again while it runs changes nothing; a DELETED environment stays as it is.
     *
     * @throws DeletionProtectedException while the spec protects the database
     */
    public Environment delete(String id, Actor actor) {
        for (int attempt = 1; ; attempt++) {
            Environment env = get(id);
            if (env.status() == EnvironmentStatus.DELETED || env.status() == EnvironmentStatus.DELETING) {
                return env;
            }
            if (env.spec().deletionProtected()) {
                throw new DeletionProtectedException(id);
            }
            Optional<Environment> saved = transaction.execute(tx -> {
                Optional<Environment> s = environments.save(env.requestDeletion(SqlTime.now(clock)));
                s.ifPresent(e -> {
                    events.append(
                            e.id(), EventType.DELETE_REQUESTED, actor, "teardown asked for while " + env.status());
                    engine.reconcileNow(e.id());
                });
                return s;
            });
            if (saved.isPresent()) {
                return saved.get();
            }
            if (attempt == SAVE_ATTEMPTS) {
                throw new IllegalStateException("environment " + id + " kept changing; could not start teardown");
            }
        }
    }

    private Optional<Accepted> replay(@Nullable String team, @Nullable String idempotencyKey, String hash) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return environments.findByIdempotencyKey(team, idempotencyKey).map(existing -> {
            if (!existing.requestHash().equals(hash)) {
                throw new IdempotencyKeyReusedException(existing.id());
            }
            return new Accepted(existing, true);
        });
    }

    /** The zones an environment of this (valid) spec would use: the region's first ones, as on create. */
    // NullAway: a valid spec has its defaults (EnvironmentSpec.withDefaults), which set network.availabilityZones
    @SuppressWarnings("NullAway")
    public List<String> zonesFor(EnvironmentSpec spec) {
        int wanted = spec.network().availabilityZones();
        List<String> available = regions.availabilityZones(spec.region());
        if (available.size() < wanted) {
            throw new InvalidRequestException(List.of(new Violation(
                    "network.availabilityZones",
                    "region-capacity",
                    "region " + spec.region() + " has " + available.size() + " available zone(s), " + wanted
                            + " were asked for")));
        }
        return available.subList(0, wanted);
    }

    /** The snapshot to restore the database from exists in the region, and is of the spec's engine. */
    private void checkSnapshot(EnvironmentSpec spec) {
        DatabaseSpec database = spec.database();
        if (database == null || !spec.hasRelationalDatabase() || database.restoreFromSnapshot() == null) {
            return;
        }
        String snapshot = database.restoreFromSnapshot();
        String wanted = database.engineOrDefault().wireName();
        Optional<String> engine = snapshots.engineOf(spec.region(), snapshot);
        if (engine.isEmpty()) {
            throw new InvalidRequestException(List.of(new Violation(
                    "database.restoreFromSnapshot",
                    "snapshot-not-found",
                    "region " + spec.region() + " has no DB snapshot " + snapshot)));
        }
        if (!wanted.equalsIgnoreCase(engine.get())) {
            throw new InvalidRequestException(List.of(new Violation(
                    "database.restoreFromSnapshot",
                    "snapshot-engine",
                    "DB snapshot " + snapshot + " is of " + engine.get() + ", the spec's engine is " + wanted)));
        }
    }

    /** The same valid request, defaults written out or not, hashes the same. */
    private String requestHash(EnvironmentSpec spec) {
        EnvironmentSpec normal = spec.withDefaults();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(normal).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Environment last) {
        String mark = last.createdAt().toString() + "|" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mark.getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable PageMark decode(@Nullable String token) {
        if (token == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 2);
            return new PageMark(Instant.parse(parts[0]), parts[1]);
        } catch (RuntimeException e) {
            throw new InvalidRequestException(
                    List.of(new Violation("pageToken", "page-token", "is not a token this service gave out")));
        }
    }
}
