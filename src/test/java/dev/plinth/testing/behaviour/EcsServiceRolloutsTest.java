package dev.plinth.testing.behaviour;

import static dev.plinth.testing.behaviour.Answers.json;
import static dev.plinth.testing.behaviour.Answers.ok;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EcsServiceRolloutsTest {

    private static final String SERVICE =
            "{\"serviceArn\":\"arn:aws:ecs:eu-central-1:1:service/c/web\",\"runningCount\":2,"
                    + "\"desiredCount\":2,\"deployments\":[{\"id\":\"ecs-svc/1\",\"status\":\"PRIMARY\",\"rolloutState\":\"COMPLETED\","
                    + "\"runningCount\":2,\"desiredCount\":2}]}";
    private static final AwsCall CREATE = json("ecs", "CreateService", "{\"serviceName\":\"web\"}");
    private static final AwsCall DESCRIBE = json("ecs", "DescribeServices", "{\"services\":[\"web\"]}");

    @Test
    void aNewServiceRollsOutWithNoTaskRunningYet() {
        var aws = new EcsServiceRollouts(AwsTime.scaled(1));
        aws.after(CREATE, ok("{\"service\":" + SERVICE + "}"));

        JsonNode service = aws.after(DESCRIBE, ok("{\"services\":[" + SERVICE + "]}"))
                .json()
                .path("services")
                .get(0);

        assertThat(service.path("runningCount").asInt()).isZero();
        assertThat(service.path("deployments").get(0).path("rolloutState").asString())
                .isEqualTo("IN_PROGRESS");
        assertThat(service.path("deployments").get(0).path("runningCount").asInt())
                .isZero();
    }

    @Test
    void onceRolledOutTheEmulatorsAnswerStands() {
        var aws = new EcsServiceRollouts(AwsTime.scaled(0));
        aws.after(json("ecs", "UpdateService", "{}"), ok("{\"service\":" + SERVICE + "}"));

        JsonNode service = aws.after(DESCRIBE, ok("{\"services\":[" + SERVICE + "]}"))
                .json()
                .path("services")
                .get(0);

        assertThat(service.path("deployments").get(0).path("rolloutState").asString())
                .isEqualTo("COMPLETED");
        assertThat(service.path("runningCount").asInt()).isEqualTo(2);
    }
}
