package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EcsServiceDrainsTest {

    private static final String SERVICE_ARN = "arn:aws:ecs:eu-central-1:123456789012:service/web-cluster/web";
    private static final AwsCall DELETE_SERVICE =
            json("DeleteService", "{\"cluster\":\"web-cluster\",\"service\":\"" + SERVICE_ARN + "\"}");
    private static final AwsCall DELETE_CLUSTER =
            json("DeleteCluster", "{\"cluster\":\"arn:aws:ecs:eu-central-1:123456789012:cluster/web-cluster\"}");
    private static final AwsCall DESCRIBE =
            json("DescribeServices", "{\"cluster\":\"web-cluster\",\"services\":[\"web\"]}");
    private static final AwsAnswer INACTIVE =
            answer("{\"services\":[{\"serviceArn\":\"" + SERVICE_ARN + "\",\"status\":\"INACTIVE\"}]}");

    private final AtomicLong clock = new AtomicLong();
    private final EcsServiceDrains drains = new EcsServiceDrains(AwsTime.manual(clock::get));

    @Test
    void aDeletedServiceDrainsThenItsTasksStopBeforeTheClusterCanGo() {
        assertThat(drains.before(DELETE_CLUSTER)).as("nothing deleted yet").isEmpty();
        drains.after(
                DELETE_SERVICE,
                answer("{\"service\":{\"serviceArn\":\"" + SERVICE_ARN + "\",\"status\":\"INACTIVE\"}}"));

        assertThat(drains.after(DESCRIBE, INACTIVE)
                        .json()
                        .path("services")
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("DRAINING");
        assertThat(drains.before(DELETE_CLUSTER))
                .get()
                .extracting(AwsError::code)
                .isEqualTo("ClusterContainsServicesException");

        advance(EcsServiceDrains.DRAINING);
        assertThat(drains.after(DESCRIBE, INACTIVE).text())
                .as("INACTIVE once drained")
                .isEqualTo(INACTIVE.text());
        assertThat(drains.before(DELETE_CLUSTER))
                .get()
                .extracting(AwsError::code)
                .isEqualTo("ClusterContainsTasksException");

        advance(EcsServiceDrains.TASKS_STOPPED.minus(EcsServiceDrains.DRAINING));
        assertThat(drains.before(DELETE_CLUSTER)).isEmpty();
    }

    @Test
    void anotherClusterIsNotHeldUpAndResetForgets() {
        drains.after(DELETE_SERVICE, answer("{\"service\":{\"serviceArn\":\"" + SERVICE_ARN + "\"}}"));
        assertThat(drains.before(json("DeleteCluster", "{\"cluster\":\"other\"}")))
                .isEmpty();

        drains.reset();
        assertThat(drains.before(DELETE_CLUSTER)).isEmpty();
    }

    private void advance(Duration real) {
        clock.addAndGet(real.toNanos());
    }

    private static AwsCall json(String action, String body) {
        return new AwsCall("ecs", "eu-central-1", action, Protocol.JSON, "POST", "/", null, body);
    }

    private static AwsAnswer answer(String json) {
        return new AwsAnswer(200, Map.of(), json.getBytes());
    }
}
