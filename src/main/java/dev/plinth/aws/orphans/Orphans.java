package dev.plinth.aws.orphans;

import dev.plinth.aws.orphans.DeletionResult.Outcome;
import dev.plinth.engine.ErrorClassifier;
import dev.plinth.engine.StepError;
import dev.plinth.environment.RegionCatalog.RegionUnavailableException;
import dev.plinth.spec.InvalidRequestException;
import dev.plinth.spec.SpecValidator;
import dev.plinth.spec.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Lists orphans and deletes the ones a client names, after checking against a fresh listing that
 * each still is one: a live environment's resource is never deleted, whatever the client sends.
 */
@Service
public class Orphans {

    private static final Logger log = LoggerFactory.getLogger(Orphans.class);

    /** The most ARNs one delete request takes: a pass makes one or a few calls per ARN. */
    public static final int MAX_ARNS = 100;

    private final OrphanFinder finder;
    private final OrphanDeleters deleters;
    private final ErrorClassifier errors;

    Orphans(OrphanFinder finder, OrphanDeleters deleters, ErrorClassifier errors) {
        this.finder = finder;
        this.deleters = deleters;
        this.errors = errors;
    }

    /** A delete request: which orphans of which region. */
    public record Deletion(String region, List<String> arns) {}

    /** The orphans of a region, in deletion order. */
    public List<Orphan> list(@Nullable String region) {
        List<Violation> violations = new ArrayList<>();
        SpecValidator.region(region, violations);
        if (region == null || !violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return find(region);
    }

    /**
     * One pass: one step of deletion for each ARN, in deletion order, without waiting for AWS.
     *
     * @throws InvalidRequestException when the request is malformed
     * @throws NotAnOrphanException    when an ARN is not an orphan of the region now; nothing is deleted
     */
    public List<DeletionResult> delete(Deletion request) {
        List<Violation> violations = new ArrayList<>();
        SpecValidator.region(request.region(), violations);
        List<String> arns = request.arns() == null ? List.of() : request.arns();
        if (request.arns() == null || arns.isEmpty()) {
            violations.add(new Violation("arns", "required", "name at least one ARN"));
        } else if (arns.size() > MAX_ARNS) {
            violations.add(new Violation("arns", "max-items", "at most " + MAX_ARNS + " ARNs a request"));
        }
        for (int i = 0; i < arns.size(); i++) {
            if (arns.get(i) == null || arns.get(i).isBlank()) {
                violations.add(new Violation("arns[" + i + "]", "required", "must be an ARN"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }

        List<Orphan> orphans = find(request.region());
        Set<String> known = orphans.stream().map(Orphan::arn).collect(Collectors.toSet());
        List<Violation> notOrphans = new ArrayList<>();
        for (int i = 0; i < arns.size(); i++) {
            if (!known.contains(arns.get(i))) {
                notOrphans.add(new Violation(
                        "arns[" + i + "]",
                        "orphan",
                        "'" + arns.get(i) + "' is not an orphan in " + request.region()
                                + " now: it belongs to a live environment, is retained, is gone, or is not plinth's"));
            }
        }
        if (!notOrphans.isEmpty()) {
            throw new NotAnOrphanException(notOrphans);
        }

        Set<String> requested = Set.copyOf(arns);
        return orphans.stream() // in deletion order
                .filter(orphan -> requested.contains(orphan.arn()))
                .map(orphan -> deleteOne(request.region(), orphan))
                .toList();
    }

    /** The listing; when AWS cannot be asked (throttled after retries, access denied …), a 503 that says why. */
    private List<Orphan> find(String region) {
        try {
            return finder.find(region);
        } catch (SdkException e) {
            throw new RegionUnavailableException(
                    "AWS could not list the tagged resources of " + region + ": "
                            + errors.classify(e).describe(),
                    e);
        }
    }

    private DeletionResult deleteOne(String region, Orphan orphan) {
        Optional<OrphanDeleters.Kind> kind = deleters.kind(orphan.resourceType());
        if (kind.isEmpty()) {
            return new DeletionResult(
                    orphan.arn(),
                    orphan.resourceType(),
                    Outcome.FAILED,
                    "UnsupportedResourceType",
                    "plinth does not make resources of type " + orphan.resourceType() + " and does not delete them");
        }
        ResourceArn arn = ResourceArn.parse(orphan.arn());
        try {
            Optional<String> waitingFor = kind.get().deleter().delete(region, arn, orphan.tags());
            log.info(
                    "orphan {} of environment {}: {}",
                    orphan.arn(),
                    orphan.environmentId(),
                    waitingFor.map(w -> "in use, " + w).orElse("delete accepted"));
            return waitingFor
                    .map(w -> new DeletionResult(orphan.arn(), orphan.resourceType(), Outcome.IN_USE, null, w))
                    .orElseGet(
                            () -> new DeletionResult(orphan.arn(), orphan.resourceType(), Outcome.DELETED, null, null));
        } catch (RuntimeException e) {
            StepError error = errors.classify(e);
            log.info("orphan {} of environment {}: {}", orphan.arn(), orphan.environmentId(), error.describe());
            Outcome outcome = switch (error.kind()) {
                case NOT_FOUND -> Outcome.DELETED;
                case DEPENDENCY -> Outcome.IN_USE;
                case RETRYABLE, TERMINAL -> Outcome.FAILED;
            };
            return outcome == Outcome.DELETED
                    ? new DeletionResult(orphan.arn(), orphan.resourceType(), outcome, null, null)
                    : new DeletionResult(orphan.arn(), orphan.resourceType(), outcome, error.code(), error.message());
        }
    }
}
