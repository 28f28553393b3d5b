package dev.plinth.testing.behaviour;

import java.util.Map;

/** Calls and answers built by hand for the behaviours' tests. */
final class Calls {

    /** AWS's durations as they are: nothing a test does lasts long enough to see them pass. */
    static final AwsTime REAL = AwsTime.scaled(1);
    /** AWS's durations reduced to nothing: whatever was made is long settled. */
    static final AwsTime SETTLED = AwsTime.scaled(0);

    private Calls() {}

    static AwsCall query(String service, String action, String parameters) {
        Protocol protocol = service.equals("ec2") ? Protocol.EC2 : Protocol.QUERY;
        return new AwsCall(
                service,
                "eu-central-1",
                action,
                protocol,
                "POST",
                "/",
                null,
                "Action=" + action + (parameters.isEmpty() ? "" : "&" + parameters));
    }

    static AwsCall json(String service, String action, String body) {
        return new AwsCall(service, "eu-central-1", action, Protocol.JSON, "POST", "/", null, body);
    }

    static AwsAnswer ok(String body) {
        return new AwsAnswer(200, Map.of(), body.getBytes());
    }
}
