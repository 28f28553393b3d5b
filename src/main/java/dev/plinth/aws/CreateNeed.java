package dev.plinth.aws;

import dev.plinth.engine.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Actions plinth's identity must be allowed to create a resource of a kind, simulated together by
 * preflight: on one resource, with one context. The create call, the tagging action AWS authorises
 * with tags given at creation, the roles passed (see {@code IamActions} of the tests, which holds the
 * same facts for every call of the sources). The resource is a representative ARN, named as plinth
 * names the environment's resources of the kind, and the context holds the keys the policy's
 * conditions read, so that ARN- and condition-scoped statements are evaluated as for the real call.
 *
 * @param resource an ARN template: {@code {region}}, {@code {account}} and {@code {name}} (the
 *                 environment's) are filled in
 * @param context  condition keys and their values, beside {@link #TAG_CONTEXT}; {@link #BOUNDARY} stands
 *                 for the ARN of the permissions boundary plinth gives its roles
 */
public record CreateNeed(List<String> actions, String resource, Map<String, String> context) {

    /** The context every call of plinth's gives: its own tags on what it creates and changes. */
    public static final Map<String, List<String>> TAG_CONTEXT = Map.of(
            "aws:RequestTag/" + Tags.MANAGED_BY,
            List.of(Tags.MANAGED_BY_VALUE),
            "aws:ResourceTag/" + Tags.MANAGED_BY,
            List.of(Tags.MANAGED_BY_VALUE),
            "aws:TagKeys",
            List.of(Tags.NAME, Tags.ENVIRONMENT_ID, Tags.MANAGED_BY, Tags.RESOURCE_KEY));

    /** Stands in a need's context for the ARN of the permissions boundary plinth gives its roles. */
    public static final String BOUNDARY = "{boundary}";

    private static final String ANY = "*";
    /** plinth's roles are on its path (IamRoleHandler.PATH), which their ARN carries. */
    private static final String ROLE = "arn:aws:iam::{account}:role/plinth/plinth-{name}-role";
    /** The role is made, and given inline policies, only with the boundary (helm-free-deploy/iam/plinth-iam-policy.json). */
    private static final Map<String, String> BOUNDED = Map.of("iam:PermissionsBoundary", BOUNDARY);

    public CreateNeed {
        actions = List.copyOf(actions);
        context = Map.copyOf(context);
    }

    public String resourceArn(String region, String account, String name) {
        return resource.replace("{region}", region)
                .replace("{account}", account)
                .replace("{name}", name);
    }

    /** Whether the context names the boundary, to be filled in by {@link #context(String)}. */
    public boolean namesBoundary() {
        return context.containsValue(BOUNDARY);
    }

    /** The context, with the ARN of the boundary plinth gives its roles for {@link #BOUNDARY}. */
    public Map<String, String> context(String boundaryArn) {
        Map<String, String> filled = new LinkedHashMap<>();
        context.forEach((key, value) -> filled.put(key, value.equals(BOUNDARY) ? boundaryArn : value));
        return filled;
    }

    /** An EC2 create call with its tags: the policy allows ec2:CreateTags only with ec2:CreateAction. */
    static CreateNeed ec2(String operation) {
        return new CreateNeed(
                List.of("ec2:" + operation, "ec2:CreateTags"), ANY, Map.of("ec2:CreateAction", operation));
    }

    /** An Elastic Load Balancing create call with its tags (AddTags), allowed with its CreateAction. */
    static CreateNeed elb(String operation) {
        return tagOnCreate("elasticloadbalancing", operation, "AddTags");
    }

    /** A create call whose tagging action the policy allows with {@code <service>:CreateAction}. */
    static CreateNeed tagOnCreate(String service, String operation, String tagAction) {
        return new CreateNeed(
                List.of(service + ":" + operation, service + ":" + tagAction),
                ANY,
                Map.of(service + ":CreateAction", operation));
    }

    /** Calls on plinth's own resources (or without resource-level permissions), in the tag context. */
    static CreateNeed own(String... actions) {
        return on(ANY, actions);
    }

    /** Calls on the resource the ARN template {@code resource} names, in the tag context. */
    static CreateNeed on(String resource, String... actions) {
        return new CreateNeed(List.of(actions), resource, Map.of());
    }

    /** Calls on plinth's roles, made only with the permissions boundary. */
    static CreateNeed boundedRole(String... actions) {
        return new CreateNeed(List.of(actions), ROLE, BOUNDED);
    }

    /** Passing one of plinth's roles to {@code service}. */
    static CreateNeed passRole(String service) {
        return new CreateNeed(List.of("iam:PassRole"), ROLE, Map.of("iam:PassedToService", service));
    }
}
