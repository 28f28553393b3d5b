package dev.plinth.aws.iam;

import dev.plinth.aws.AwsErrors;
import dev.plinth.aws.AwsHandler;
import dev.plinth.aws.RegionalClient;
import dev.plinth.engine.Difference;
import dev.plinth.engine.Observation;
import dev.plinth.engine.Readiness;
import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceDesired;
import dev.plinth.engine.ResourceKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.iam.IamClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An inline policy of a role: least privilege, naming only this environment's resources where the
 * actions allow. PutRolePolicy is an upsert, so creating and updating are the same call; the id is
 * {@code <role>/<policy>}.
 */
@Component
public class IamRolePolicyHandler extends AwsHandler<IamRolePolicyHandler.Desired, IamClient> {

    public record Desired(ResourceKey role, String policyName, List<PolicyStatement> statements)
            implements ResourceDesired {

        public Desired {
            statements = List.copyOf(statements);
        }

        /** The role, and every resource a statement names. */
        public Set<ResourceKey> dependencies() {
            var dependencies = new LinkedHashSet<ResourceKey>(List.of(role));
            statements.forEach(s -> dependencies.addAll(s.dependencies()));
            return dependencies;
        }
    }

    private final JsonMapper json;

    IamRolePolicyHandler(RegionalClient<IamClient> client, JsonMapper json) {
        super(client, Desired.class, "AWS::IAM::RolePolicy");
        this.json = json;
    }

    @Override
    public Optional<Observation> observe(ResourceContext context, Desired desired) {
        String role = context.idOf(desired.role());
        try {
            String document = client(context)
                    .getRolePolicy(r -> r.roleName(role).policyName(desired.policyName()))
                    .policyDocument();
            // NOTE: IAM returns the document URL-encoded
            JsonNode actual = json.readTree(URLDecoder.decode(document, StandardCharsets.UTF_8));
            JsonNode expected = json.readTree(document(context, desired));
            List<Difference> differences = actual.equals(expected)
                    ? List.of()
                    : List.of(new Difference("policyDocument", expected.toString(), actual.toString()));
            return Optional.of(new Observation(role + "/" + desired.policyName(), Readiness.READY, differences));
        } catch (RuntimeException e) {
            if (AwsErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public String create(ResourceContext context, Desired desired) {
        put(context, desired);
        return context.idOf(desired.role()) + "/" + desired.policyName();
    }

    @Override
    public void update(ResourceContext context, Desired desired, Observation observed) {
        put(context, desired);
    }

    @Override
    public void delete(ResourceContext context, Desired desired, Observation observed) {
        client(context)
                .deleteRolePolicy(r -> r.roleName(context.idOf(desired.role())).policyName(desired.policyName()));
    }

    private void put(ResourceContext context, Desired desired) {
        client(context)
                .putRolePolicy(r -> r.roleName(context.idOf(desired.role()))
                        .policyName(desired.policyName())
                        .policyDocument(document(context, desired)));
    }

    private String document(ResourceContext context, Desired desired) {
        String statements = desired.statements().stream()
                .map(s -> "{\"Effect\":\"Allow\",\"Action\":" + json.writeValueAsString(s.actions())
                        + ",\"Resource\":"
                        + json.writeValueAsString(s.resources().stream()
                                .map(ref -> ref.resolve(context))
                                .toList()) + "}")
                .collect(Collectors.joining(","));
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }
}
