package dev.plinth.aws.iam;

import dev.plinth.engine.ResourceContext;
import dev.plinth.engine.ResourceKey;
import java.util.List;

/**
 * One Allow statement of an inline policy, as data: its resources may name an attribute another
 * resource publishes (an ARN), resolved when the policy is written.
 */
public record PolicyStatement(List<String> actions, List<Ref> resources) {

    public PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    /** A resource ARN: a literal, or an attribute of a resource the policy depends on (with an optional suffix). */
    public record Ref(String literal, ResourceKey key, String attribute, String suffix) {

        public static Ref literal(String arn) {
            return new Ref(arn, null, null, "");
        }

        public static Ref attribute(ResourceKey key, String attribute) {
            return new Ref(null, key, attribute, "");
        }

        public static Ref attribute(ResourceKey key, String attribute, String suffix) {
            return new Ref(null, key, attribute, suffix);
        }

        String resolve(ResourceContext context) {
            return literal != null ? literal : context.attributeOf(key, attribute) + suffix;
        }
    }

    /** The resources the statement refers to, for the policy node's dependencies. */
    public List<ResourceKey> dependencies() {
        return resources.stream()
                .map(Ref::key)
                .filter(k -> k != null)
                .distinct()
                .toList();
    }
}
