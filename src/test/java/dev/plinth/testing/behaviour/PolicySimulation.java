package dev.plinth.testing.behaviour;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * IAM's policy simulator, which the emulator does not implement ("SimulatePrincipalPolicy", IAM API
 * reference: one EvaluationResult per action, EvalDecision {@code allowed}, {@code implicitDeny} or
 * {@code explicitDeny}). It answers as for an identity with plinth's policy attached: every action
 * allowed, except those a test denies, which are {@code implicitDeny} as for an action no statement
 * names.
 */
public final class PolicySimulation implements Behaviour {

    private final Set<String> denied = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
        return "iam-policy-simulation";
    }

    /** From now on the simulator answers {@code implicitDeny} for this action ({@code rds:CreateDBProxy}). */
    public void deny(String action) {
        denied.add(action.toLowerCase());
    }

    @Override
    public AwsAnswer after(AwsCall call, AwsAnswer answer) {
        if (!call.is("iam", "SimulatePrincipalPolicy")) {
            return answer;
        }
        List<String> resources = call.params("ResourceArns.member");
        String resource = resources.isEmpty() ? "*" : resources.getFirst();
        String results = call.params("ActionNames.member").stream()
                .map(action -> """
                <member><EvalActionName>%s</EvalActionName><EvalResourceName>%s</EvalResourceName>\
                <EvalDecision>%s</EvalDecision><MatchedStatements/><MissingContextValues/></member>""".formatted(
                                action, resource, denied.contains(action.toLowerCase()) ? "implicitDeny" : "allowed"))
                .collect(Collectors.joining());
        String xml = """
                <SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\
                <SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated>\
                <EvaluationResults>%s</EvaluationResults></SimulatePrincipalPolicyResult>\
                <ResponseMetadata><RequestId>policy-simulation</RequestId></ResponseMetadata>\
                </SimulatePrincipalPolicyResponse>""".formatted(results);
        return new AwsAnswer(200, Map.of("Content-Type", List.of("text/xml")), xml.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void reset() {
        denied.clear();
    }
}
