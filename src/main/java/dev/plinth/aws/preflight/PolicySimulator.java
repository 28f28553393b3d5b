package dev.plinth.aws.preflight;

import com.github.benmanes.caffeine.cache.Cache;
import dev.plinth.aws.AwsClients;
import dev.plinth.aws.CreateNeed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Asks IAM's policy simulator what plinth's own identity may do ("SimulatePrincipalPolicy", IAM API
 * reference): every policy attached to the role or user is evaluated, permissions boundaries and
 * organisation policies included, for each action on the resources given, with the context keys given
 * (a condition whose key is not given does not match). The simulator now answers one result per
 * action with the most restrictive decision over the resources, so each call names one resource.
 */
@Component
class PolicySimulator {

    /** One simulation's question. */
    private record Question(
            String principalArn, List<String> actions, String resourceArn, Map<String, String> context) {}

    private final AwsClients aws;
    private final Cache<Question, List<String>> answers;
    private volatile @Nullable Principal principal;

    PolicySimulator(AwsClients aws, PreflightProperties properties) {
        this.aws = aws;
        this.answers = properties.answers(10_000);
    }

    /** plinth's identity, asked of STS once: credentials may rotate, the identity they stand for does not. */
    Principal principal() {
        Principal known = principal;
        if (known == null) {
            GetCallerIdentityResponse caller = aws.sts().getCallerIdentity();
            known = new Principal(caller.arn(), caller.account());
            principal = known;
        }
        return known;
    }

    /**
     * The actions the principal may not call on the resource: those the simulator does not answer
     * {@code allowed} for (an explicit or an implicit deny). The same question is answered from memory for
     * {@link PreflightProperties#keepFor}: a policy changes by someone's hand, and IAM itself takes a while
     * to apply the change everywhere.
     *
     * @param context condition keys and their values, added to {@link CreateNeed#TAG_CONTEXT}
     */
    List<String> denied(String principalArn, List<String> actions, String resourceArn, Map<String, String> context) {
        return answers.get(
                new Question(principalArn, List.copyOf(actions), resourceArn, Map.copyOf(context)),
                q -> simulate(principalArn, actions, resourceArn, context));
    }

    private List<String> simulate(
            String principalArn, List<String> actions, String resourceArn, Map<String, String> context) {
        List<String> denied = new ArrayList<>();
        // one page: a result per action, and a call asks for far fewer than MaxItems' 1000
        for (EvaluationResult result : aws.iam()
                .simulatePrincipalPolicy(r -> r.policySourceArn(principalArn)
                        .actionNames(actions)
                        .resourceArns(resourceArn)
                        .contextEntries(entries(context))
                        .maxItems(1000))
                .evaluationResults()) {
            if (result.evalDecision() != PolicyEvaluationDecisionType.ALLOWED) {
                denied.add(result.evalActionName());
            }
        }
        return List.copyOf(denied);
    }

    private static List<ContextEntry> entries(Map<String, String> context) {
        Map<String, List<String>> all = new HashMap<>(CreateNeed.TAG_CONTEXT);
        context.forEach((key, value) -> all.put(key, List.of(value)));
        return all.entrySet().stream()
                .map(e -> ContextEntry.builder()
                        .contextKeyName(e.getKey())
                        .contextKeyValues(e.getValue())
                        .contextKeyType(
                                e.getValue().size() == 1 ? ContextKeyTypeEnum.STRING : ContextKeyTypeEnum.STRING_LIST)
                        .build())
                .toList();
    }
}
