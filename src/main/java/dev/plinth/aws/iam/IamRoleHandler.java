package dev.plinth.aws.iam;

import dev.plinth.aws.AwsClients;
import dev.plinth.aws.AwsErrors;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceHandler;
import dev.plinth.engine.Retagger;
import dev.plinth.engine.TagChanges;
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
 * policies, each a resource of its own ({@link IamRolePolicyHandler}).
 */
@Component
public class IamRoleHandler implements ResourceHandler<IamRoleHandler.Desired>, Retagger {

    /**
     * @param role             the last part of the name, for example {@code task-execution}
     * @param servicePrincipal who may assume it, for example {@code ecs-tasks.amazonaws.com}
     */
    public record Desired(String role, String servicePrincipal, String description) implements ResourceDesired {}

    /** The role's ARN. */
    public static final String ARN = "arn";

    private static final int MAX_NAME = 64;

    private final AwsClients aws;

    IamRoleHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Desired> desiredType() {
        return Desired.class;
    }

    @Override
    public String kind() {
        return "AWS::IAM::Role";
    }

    /** The role name: deterministic, at most 64 characters. */
    static String roleName(ResourceContext context, Desired desired) {
        String name = "plinth-" + context.environmentName() + "-" + desired.role();
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        IamClient iam = aws.iam();
        try {
            Role role = iam.getRole(r -> r.roleName(roleName(context, desired))).role();
            return Optional.of(new Observation(role.roleName(), Readiness.READY,
                    context.tagDifferences(role.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value))),
                    Map.of(ARN, role.arn())));
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        String trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"%s"},"Action":"sts:AssumeRole"}]}"""
                .formatted(desired.servicePrincipal());
        return aws.iam().createRole(r -> r.roleName(roleName(context, desired))
                        .assumeRolePolicyDocument(trust)
                        .description(desired.description())
                        .tags(context.tags().entrySet().stream()
                                .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()))
                .role().roleName();
    }

    /**
     * NOTE: IAM is global and eventually consistent: a tag just set may not show in the next GetRole
     * (setting it again is harmless). TagRole overwrites the value of a key the role has; UntagRole of
     * a key it does not have is no error.
     */
    @Override
    public void retag(ResourceContext context, Observation observed, TagChanges changes) {
        IamClient iam = aws.iam();
        changes.apply(keys -> iam.untagRole(r -> r.roleName(observed.physicalId()).tagKeys(keys)),
                tags -> iam.tagRole(r -> r.roleName(observed.physicalId()).tags(tags.entrySet().stream()
                        .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())));
    }

    /** Inline policies are deleted first (they are dependents); a role with any left answers DeleteConflict. */
    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        aws.iam().deleteRole(r -> r.roleName(observed.physicalId()));
    }
}
