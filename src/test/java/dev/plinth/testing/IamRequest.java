package dev.plinth.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as IAM authorises it: an action on one resource, with the condition keys IAM knows about
 * it. A call that acts on several resources (ec2:CreateSubnet on its VPC and on the new subnet) is
 * authorised once per resource.
 *
 * @param action   {@code ec2:CreateSubnet}
 * @param resource the resource's ARN, {@code *} for an action without resource-level permissions, or the
 *                 resource type's wildcard ({@code arn:aws:rds:eu-west-1:123456789012:db-proxy:*}) where
 *                 the ARN cannot be known
 * @param account  the account that owns the resource
 * @param context  condition keys and their values ({@code aws:RequestTag/plinth:managed-by},
 *                 {@code aws:TagKeys}, {@code aws:ResourceTag/…}, {@code iam:PassedToService}…)
 */
public record IamRequest(String action, String resource, String account, Map<String, List<String>> context) {

    /** The account the emulator answers as (moto's default) and the policy's principal lives in. */
    public static final String ACCOUNT = "123456789012";

    public IamRequest {
        context = Map.copyOf(context);
    }

    public static IamRequest of(String action, String resource, Map<String, List<String>> context) {
        return new IamRequest(action, resource, ACCOUNT, context);
    }

    public IamRequest in(String otherAccount) {
        return new IamRequest(
                action, resource.replace(":" + account + ":", ":" + otherAccount + ":"), otherAccount, context);
    }

    public IamRequest with(String key, String... values) {
        var more = new HashMap<>(context);
        more.put(key, List.of(values));
        return new IamRequest(action, resource, account, more);
    }

    public IamRequest without(String key) {
        var fewer = new HashMap<>(context);
        fewer.remove(key);
        return new IamRequest(action, resource, account, fewer);
    }

    @Override
    public String toString() {
        return action + " on " + resource + (context.isEmpty() ? "" : " with " + context);
    }
}
