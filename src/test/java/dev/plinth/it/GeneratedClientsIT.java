package dev.plinth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.plinth.client.ApiClient;
import dev.plinth.client.ApiException;
import dev.plinth.client.ApiResponse;
import dev.plinth.client.api.EnvironmentsApi;
import dev.plinth.client.model.EnvironmentSpec;
import dev.plinth.client.model.EnvironmentSpecPatch;
import dev.plinth.client.model.EnvironmentView;
import dev.plinth.client.model.NetworkSpec;
import dev.plinth.client.model.Problem;
import dev.plinth.client.model.Violation;
import dev.plinth.testing.Command;
import dev.plinth.testing.EndToEndTest;
import dev.plinth.testing.PlinthApi;
import dev.plinth.testing.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients generated from openapi.yaml by the build (openapi-generator: Java with the JDK's HttpClient,
 * and TypeScript with fetch) work against the running service: create, follow to READY, patch with
 * If-Match, read a problem as the typed problem, delete.
 */
class GeneratedClientsIT extends EndToEndTest {

    private static final String TYPESCRIPT = "typescript@5.9.3";

    @LocalServerPort
    private int port;

    @Test
    void theJavaClientCreatesFollowsPatchesReadsAProblemAndDeletes() throws ApiException, JsonProcessingException {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + PlinthApi.ADMIN_TOKEN));
        EnvironmentsApi environments = new EnvironmentsApi(client);

        ApiResponse<EnvironmentView> created = environments.createEnvironmentWithHttpInfo(
                new EnvironmentSpec()
                        .name("java-client")
                        .region("eu-central-1")
                        .network(new NetworkSpec()
                                .cidr("10.82.0.0/16")
                                .availabilityZones(1)
                                .natGateways("none")),
                null);
        String id = created.getData().getId();
        String etag = created.getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("ETag"))
                .findFirst()
                .orElseThrow()
                .getValue()
                .getFirst();
        Waits.until(CONVERGE, () -> status(environments, id), "READY"::equals, "environment " + id + " to be READY");

        EnvironmentView patched = environments.patchEnvironment(
                id, etag, new EnvironmentSpecPatch().tags(Map.of("client", "java")), null);
        assertThat(patched.getStatus()).isEqualTo("PROVISIONING");
        assertThat(patched.getSpec().getTags()).containsEntry("client", "java");

        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> environments.createEnvironment(
                        new EnvironmentSpec().name("X").region("nowhere"), null));
        Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getType()).isEqualTo("urn:plinth:problem:invalid-request");
        assertThat(problem.getViolations())
                .extracting(Violation::getField, Violation::getRule)
                .contains(tuple("name", "length"), tuple("region", "aws-region"));

        assertThat(environments.deleteEnvironment(id).getStatus()).isEqualTo("DELETING");
        Waits.until(
                CONVERGE, () -> status(environments, id), "DELETED"::equals, "environment " + id + " to be DELETED");
    }

    @Test
    void theTypeScriptClientCreatesFollowsPatchesReadsAProblemAndDeletes() {
        Command compiled = Command.run(
                List.of(Command.npmTool(TYPESCRIPT, "tsc"), "-p", "src/test/typescript"), Duration.ofMinutes(3));
        assertThat(compiled.exit()).as(compiled.stdout() + compiled.stderr()).isZero();

        Command driven = Command.run(
                List.of(
                        "node",
                        "target/typescript-client/src/test/typescript/drive-client.js",
                        "http://127.0.0.1:" + port,
                        "typescript-client",
                        PlinthApi.ADMIN_TOKEN),
                Duration.ofMinutes(2));
        assertThat(driven.exit()).as(driven.stderr()).isZero();

        JsonNode seen = JsonMapper.shared().readTree(driven.stdout());
        assertThat(seen.path("followed").asString()).isEqualTo("READY");
        assertThat(seen.path("patched").asString()).isEqualTo("PROVISIONING");
        assertThat(seen.at("/patchedTags/client").asString()).isEqualTo("typescript");
        assertThat(seen.path("problemStatus").asInt()).isEqualTo(400);
        assertThat(seen.path("problemType").asString()).isEqualTo("urn:plinth:problem:invalid-request");
        assertThat(seen.path("violations").valueStream().map(JsonNode::asString))
                .contains("name length X", "region aws-region nowhere");
        assertThat(seen.path("deleted").asString()).isEqualTo("DELETING");
        api.await(seen.path("id").asString(), CONVERGE, "DELETED");
    }

    private static String status(EnvironmentsApi environments, String id) {
        try {
            return environments.getEnvironment(id, null).getStatus();
        } catch (ApiException e) {
            throw new IllegalStateException(e);
        }
    }
}
