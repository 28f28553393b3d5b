package dev.plinth.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * IAM's own evaluation of identity policies, by the npm package {@code @cloud-copilot/iam-simulate}
 * (pinned by src/test/iam/package-lock.json, installed by bin/npm-deps): which requests a principal
 * with these policies may make. It also refuses what IAM would not evaluate: an unknown action, or a
 * resource ARN of a type the action does not act on (the Service Authorization Reference's data).
 */
public final class IamEvaluator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SCRIPT = Path.of("src", "test", "iam", "evaluate.cjs");
    /** The role plinth runs as; its name must not start with {@code plinth-} (README, "The IAM role"). */
    private static final String PRINCIPAL = "arn:aws:iam::" + IamRequest.ACCOUNT + ":role/eks-plinth";

    /** How IAM decided one request; {@code Invalid} when the request is not one IAM would evaluate. */
    public record Decision(IamRequest request, String decision, String detail) {
        public boolean allowed() {
            return decision.equals("Allowed");
        }

        @Override
        public String toString() {
            return decision + (detail.isEmpty() ? "" : " (" + detail + ")") + ": " + request;
        }
    }

    private final Map<String, JsonNode> policies;

    private IamEvaluator(Map<String, JsonNode> policies) {
        this.policies = policies;
    }

    /** The policy documents a principal has, by name. */
    public static IamEvaluator of(Map<String, JsonNode> policies) {
        return new IamEvaluator(new LinkedHashMap<>(policies));
    }

    public List<Decision> decide(List<IamRequest> requests) {
        return decide(requests, null);
    }

    public Decision decide(IamRequest request) {
        return decide(List.of(request), null).getFirst();
    }

    /** With the resource's own policy, such as a KMS key's, which IAM evaluates with the principal's. */
    public Decision decide(IamRequest request, JsonNode resourcePolicy) {
        return decide(List.of(request), resourcePolicy).getFirst();
    }

    private List<Decision> decide(List<IamRequest> requests, JsonNode resourcePolicy) {
        var input = JSON.createObjectNode();
        input.put("principal", PRINCIPAL);
        var documents = input.putArray("policies");
        policies.forEach(
                (name, policy) -> documents.addObject().put("name", name).set("policy", policy));
        var array = input.putArray("requests");
        for (IamRequest r : requests) {
            var request = array.addObject()
                    .put("action", r.action())
                    .put("resource", evaluable(r))
                    .put("account", r.account());
            if (resourcePolicy != null) {
                request.set("resourcePolicy", resourcePolicy);
            }
            var context = request.putObject("context");
            // a global key IAM puts in every request's context (IAM User Guide, "AWS global condition context
            // keys"), which the policies read as a variable: ${aws:PrincipalAccount}
            context.put("aws:PrincipalAccount", IamRequest.ACCOUNT);
            r.context().forEach((key, values) -> {
                if (values.size() == 1 && !key.equals("aws:TagKeys")) {
                    context.put(key, values.getFirst());
                } else {
                    values.forEach(context.putArray(key)::add);
                }
            });
        }
        JsonNode answer = run(input);
        List<Decision> decisions = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            JsonNode d = answer.get(i);
            decisions.add(new Decision(
                    requests.get(i),
                    d.path("decision").asString(),
                    d.path("detail").asString()));
        }
        return decisions;
    }

    /**
     * The resource as the evaluator can take it. Its data (the Service Authorization Reference's, as
     * iam-data keeps it) has one prefix {@code elasticloadbalancing} for Elastic Load Balancing and
     * Elastic Load Balancing V2, and keeps the first one's resource types for their shared tagging actions:
     * a target group or listener ARN, which V2 tags, is "no resource type" of them there. Those are
     * evaluated on {@code *}, which the policies' statements for them name, with the same condition keys.
     */
    private static String evaluable(IamRequest request) {
        boolean elbTagging = request.action().equals("elasticloadbalancing:AddTags")
                || request.action().equals("elasticloadbalancing:RemoveTags");
        return elbTagging && !request.resource().contains(":loadbalancer/") ? "*" : request.resource();
    }

    private static JsonNode run(JsonNode input) {
        Command packages =
                Command.run(List.of("bin/npm-deps", SCRIPT.getParent().toString()), Duration.ofMinutes(5));
        if (packages.exit() != 0) {
            fail(
                    "bin/npm-deps could not install the IAM evaluator (npm and the npm registry are needed): %s",
                    packages.stderr().strip());
        }
        try {
            Path file = Files.createTempFile("iam-requests", ".json");
            try {
                Files.writeString(file, JSON.writeValueAsString(input));
                Command evaluated = Command.run(
                        List.of("node", SCRIPT.toString(), packages.stdout().strip(), file.toString()),
                        Duration.ofMinutes(5));
                if (evaluated.exit() != 0) {
                    fail("the IAM evaluator failed: %s", evaluated.stderr().strip());
                }
                return JSON.readTree(evaluated.stdout());
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
