package dev.plinth.testing.behaviour;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Answers and calls as the emulator's front sees them, for the behaviours' tests. */
final class Answers {

    private Answers() {}

    static AwsAnswer ok(String body) {
        return new AwsAnswer(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static AwsAnswer error(int status, String body) {
        return new AwsAnswer(status, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A query-protocol call (RDS, ELBv2) with its form body. */
    static AwsCall query(String service, String action, String parameters) {
        return new AwsCall(
                service,
                "eu-central-1",
                action,
                service.equals("ec2") ? Protocol.EC2 : Protocol.QUERY,
                "POST",
                "/",
                null,
                "Action=" + action + (parameters.isEmpty() ? "" : "&" + parameters));
    }

    /** A REST call (EFS, CloudFront). */
    static AwsCall rest(String service, String method, String path, String query, String body) {
        return new AwsCall(
                service,
                "eu-central-1",
                method + " " + path,
                service.equals("cloudfront") ? Protocol.REST_XML : Protocol.REST_JSON,
                method,
                path,
                query,
                body);
    }

    /** A JSON 1.1 call (ECS). */
    static AwsCall json(String service, String action, String body) {
        return new AwsCall(service, "eu-central-1", action, Protocol.JSON, "POST", "/", null, body);
    }
}
