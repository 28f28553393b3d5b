package dev.plinth.aws.iam;

import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.RegionalClient;
import dev.plinth.aws.ServiceTags;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
import dev.plinth.engine.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * An IAM role that one AWS service may assume, named deterministically ({@code plinth-<environment>-<role>},
 * unique among live environments), so a lost create is found by name. Its permissions are inline
 * policies, each a resource of its own ({@link IamRolePolicyHandler}), within the permissions boundary
 * every role plinth makes carries ({@link PermissionsBoundary}); it lives on the path {@value #PATH}.
 * plinth's own policy lets it create roles only there and only with that boundary, change only roles that
 * keep it, and never remove it (README, "The IAM role"): a role it made can do no more than the boundary
 * allows, whatever inline policy it is given.
 */
@Component
public class IamRoleHandler extends AwsHandler<IamRoleHandler.Desired, IamClient> implements Retagger {

    /**
     * @param role             the last part of the name, for example {@code task-execution}
     * @param servicePrincipal who may assume it, for example {@code ecs-tasks.amazonaws.com}
     */
    public record Desired(String role, String servicePrincipal, String description) implements ResourceDesired {}

    /** The role's ARN. */
    public static final String ARN = "arn";

    /** The path of every role plinth makes (IAM User Guide, "IAM identifiers": a role's ARN carries it). */
    public static final String PATH = "/plinth/";

    /** The attribute of a role's permissions boundary, as a difference names it. */
    static final String BOUNDARY = "permissionsBoundary";

    /** How IAM spells a tag. */
    private static final ServiceTags<Tag> TAGS = new ServiceTags<>(
            (key, value) -> Tag.builder().key(key).value(value).build(), Tag::key, Tag::value);

    private static final int MAX_NAME = 64;

    private final PermissionsBoundary boundary;

    IamRoleHandler(RegionalClient<IamClient> client, PermissionsBoundary boundary) {
        super(client, Desired.class, "AWS::IAM::Role");
        this.boundary = boundary;
    }

    /** The role name: deterministic, at most 64 characters. */
    static String roleName(ResourceContext context, Desired desired) {
        String name = "plinth-" + context.environmentName() + "-" + desired.role();
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        IamClient iam = client(context);
        try {
            Role role = iam.getRole(r -> r.roleName(roleName(context, desired))).role();
            List<Difference> differences = new ArrayList<>(
                    context.tagDifferences(role.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value))));
            String actual = role.permissionsBoundary() == null
                    ? null
                    : role.permissionsBoundary().permissionsBoundaryArn();
            if (!boundary.arn().equals(actual)) {
                differences.add(new Difference(BOUNDARY, boundary.arn(), actual == null ? Tags.ABSENT : actual));
            }
            return Optional.of(new Observation(role.roleName(), Readiness.READY, differences, Map.of(ARN, role.arn())));
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Creates the role on {@value #PATH} with the boundary and the tags in the one call, as plinth's policy
     * requires ({@code iam:PermissionsBoundary} and {@code aws:RequestTag} on iam:CreateRole; IAM API
     * Reference, "CreateRole": Path, PermissionsBoundary, Tags).
     */
    @Override
    public String create(ResourceContext context, Desired desired) {
        String trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},"Action":"sts:AssumeRole"}]}""".formatted(desired.servicePrincipal());
        return client(context)
                .createRole(r -> r.roleName(roleName(context, desired))
                        .path(PATH)
                        .permissionsBoundary(boundary.arn())
                        .assumeRolePolicyDocument(trust)
                        .description(desired.description())
                        .tags(TAGS.of(context)))
                .role()
                .roleName();
    }

    /**
     * Puts back the boundary when the role lost it or carries another (someone with more rights than plinth
     * changed it), and the tags. NOTE: PutRolePermissionsBoundary replaces the role's boundary; plinth's
     * policy allows it only with plinth's own (IAM API Reference, "PutRolePermissionsBoundary").
     */
    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        if (differs(observed, BOUNDARY)) {
            client(context)
                    .putRolePermissionsBoundary(
                            r -> r.roleName(observed.physicalId()).permissionsBoundary(boundary.arn()));
        }
        retagAsObserved(context, observed);
    }

    /**
     * NOTE: IAM is global and eventually consistent: a tag just set may not show in the next GetRole
     * (setting it again is harmless). TagRole overwrites the value of a key the role has; UntagRole of
     * a key it does not have is no error.
     */
    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        IamClient iam = client(context);
        changes.apply(
                keys -> iam.untagRole(r -> r.roleName(observed.physicalId()).tagKeys(keys)),
                tags -> iam.tagRole(r -> r.roleName(observed.physicalId()).tags(TAGS.list(tags))));
    }

    /** Inline policies are deleted first (they are dependents); a role with any left answers DeleteConflict. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context).deleteRole(r -> r.roleName(observed.physicalId()));
    }
}
