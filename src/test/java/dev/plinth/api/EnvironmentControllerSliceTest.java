package dev.plinth.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.plinth.environment.Actor;
import dev.plinth.environment.EnvironmentNotFoundException;
import dev.plinth.environment.EnvironmentRepository;
import dev.plinth.environment.ViewVersion;
import dev.plinth.lifecycle.EnvironmentService;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class EnvironmentControllerSliceTest extends ApiSliceTest {

    private static final String ID = "0b0e6a0e-5b5f-4a43-9f57-8a1e2b3c4d5e";
    private static final String SPEC = """
            {"name": "web", "region": "eu-central-1", "network": {"cidr": "10.42.0.0/16"}}""";

    @Test
    void withoutACredentialTheListIs401AsAProblemAndNoServiceIsAsked() throws Exception {
        mvc.perform(get("/environments"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:unauthenticated"))
                .andExpect(jsonPath("$.instance").value("/environments"));
        verifyNoInteractions(environments);
    }

    @Test
    void anUnknownTokenIs401NamingTheTokenInvalid() throws Exception {
        mvc.perform(as("no-such-token", get("/environments")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:unauthenticated"));
    }

    @Test
    void aViewerMayNotCreateIt403NamingTheDeployerRoleAndNothingIsCreated() throws Exception {
        mvc.perform(as(
                        VIEWER,
                        post("/environments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(SPEC)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:forbidden"))
                .andExpect(jsonPath("$.neededRole").value("deployer"));
        verifyNoInteractions(environments);
    }

    @Test
    void aDeployerCreatesIt202WithLocationAndETagAsItsTeam() throws Exception {
        when(environments.create(any(), isNull(), eq(new Actor("deployer", "team-a"))))
                .thenReturn(new EnvironmentService.Accepted(environment(ID, "team-a"), false));

        mvc.perform(as(
                        DEPLOYER,
                        post("/environments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(SPEC)))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.LOCATION, "/environments/" + ID))
                .andExpect(header().string(HttpHeaders.ETAG, "\"2\""))
                .andExpect(header().exists("RateLimit-Remaining"));
    }

    @Test
    void anIdempotencyKeyOver255CharactersIs400NamingTheHeader() throws Exception {
        mvc.perform(as(
                        DEPLOYER,
                        post("/environments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .header("Idempotency-Key", "k".repeat(256))
                                .content(SPEC)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:invalid-request"))
                .andExpect(jsonPath("$.violations[0].field").value("Idempotency-Key"))
                .andExpect(jsonPath("$.violations[0].rule").value("length"));
        verifyNoInteractions(environments);
    }

    @Test
    void aFieldOfTheWrongTypeIs400NamingTheFieldAndTheValue() throws Exception {
        mvc.perform(as(
                        DEPLOYER,
                        post("/environments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("""
                                        {"name": "web", "region": "eu-central-1",
                                         "network": {"cidr": "10.42.0.0/16", "availabilityZones": "two"}}""")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations", hasSize(1)))
                .andExpect(jsonPath("$.violations[0].field").value("network.availabilityZones"))
                .andExpect(jsonPath("$.violations[0].rule").value("type"))
                .andExpect(jsonPath("$.violations[0].value").value("two"));
        verifyNoInteractions(environments);
    }

    @Test
    void aBodyThatIsNotJsonIs400AndOneOfAnotherMediaTypeIs415() throws Exception {
        mvc.perform(as(
                        DEPLOYER,
                        post("/environments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\":")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:invalid-request"))
                .andExpect(jsonPath("$.violations[0].rule").value("json"));
        mvc.perform(as(
                        DEPLOYER,
                        post("/environments").contentType(MediaType.TEXT_PLAIN).content(SPEC)))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:http-415"));
        verifyNoInteractions(environments);
    }

    @Test
    void theListIsTheCallersTeamsAndItsParametersAreChecked() throws Exception {
        when(environments.list(Optional.of("team-a"), null, null, null, 20))
                .thenReturn(new EnvironmentService.Page(List.of(environment(ID, "team-a")), "next"));

        mvc.perform(as(VIEWER, get("/environments")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(ID))
                .andExpect(jsonPath("$.items[0].team").value("team-a"))
                .andExpect(jsonPath("$.nextPageToken").value("next"));
        mvc.perform(as(VIEWER, get("/environments").param("limit", "101")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations[0].field").value("limit"))
                .andExpect(jsonPath("$.violations[0].rule").value("range"));
        mvc.perform(as(VIEWER, get("/environments").param("status", "SLEEPING")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations[0].field").value("status"))
                .andExpect(jsonPath("$.violations[0].rule").value("one-of"));
        mvc.perform(as(VIEWER, get("/environments").param("limit", "many")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations[0].field").value("limit"))
                .andExpect(jsonPath("$.violations[0].rule").value("type"));
    }

    private static final ViewVersion VIEW = new ViewVersion(5, 31, 12, null);

    private static EnvironmentRepository.Viewed viewed(String id, String team) {
        return new EnvironmentRepository.Viewed(environment(id, team), VIEW);
    }

    @Test
    void anEnvironmentOfTheTeamIsReadWithItsViewsETagNamingTheSpecsRevision() throws Exception {
        when(environments.viewed(ID)).thenReturn(viewed(ID, "team-a"));
        String etag = VIEW.etag(environment(ID, "team-a"));

        mvc.perform(as(VIEWER, get("/environments/{id}", ID)))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, etag));
        assertThat(etag).startsWith("\"2.");
        verify(views).view(environment(ID, "team-a"), etag);
    }

    @Test
    void anUnchangedViewIs304WithoutBeingBuilt() throws Exception {
        when(environments.viewed(ID)).thenReturn(viewed(ID, "team-a"));
        String etag = VIEW.etag(environment(ID, "team-a"));

        mvc.perform(as(VIEWER, get("/environments/{id}", ID)).header(HttpHeaders.IF_NONE_MATCH, "\"1.0\", W/" + etag))
                .andExpect(status().isNotModified())
                .andExpect(header().string(HttpHeaders.ETAG, etag));
        mvc.perform(as(VIEWER, get("/environments/{id}", ID)).header(HttpHeaders.IF_NONE_MATCH, "\"2\""))
                .andExpect(status().isOk());
        verify(views, times(1)).view(any(), any());
    }

    @Test
    void anotherTeamsEnvironmentIs404AsOneThatDoesNotExistAndIsNotDeleted() throws Exception {
        when(environments.get(ID)).thenReturn(environment(ID, "team-b"));
        when(environments.viewed(ID)).thenReturn(viewed(ID, "team-b"));

        mvc.perform(as(VIEWER, get("/environments/{id}", ID)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:not-found"))
                .andExpect(jsonPath("$.title").value("No such environment"))
                .andExpect(jsonPath("$.detail").value("no environment with id " + ID));
        mvc.perform(as(DEPLOYER, delete("/environments/{id}", ID))).andExpect(status().isNotFound());
        verify(environments, never()).delete(any(), any());
        verifyNoInteractions(views);
    }

    @Test
    void anAdminSeesEveryTeamsEnvironment() throws Exception {
        when(environments.viewed(ID)).thenReturn(viewed(ID, "team-b"));

        mvc.perform(as(ADMIN, get("/environments/{id}", ID))).andExpect(status().isOk());
    }

    @Test
    void anEnvironmentThatDoesNotExistIs404() throws Exception {
        when(environments.get("nope")).thenThrow(new EnvironmentNotFoundException("nope"));

        mvc.perform(as(VIEWER, get("/environments/{id}/resources", "nope")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:not-found"));
    }

    @Test
    void theEventsQueryNamesEveryParameterItRefuses() throws Exception {
        when(environments.get(ID)).thenReturn(environment(ID, "team-a"));

        mvc.perform(as(
                        VIEWER,
                        get("/environments/{id}/events", ID)
                                .param("after", "-1")
                                .param("limit", "0")
                                .param("type", "EXPLODED")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations[*].field").value(contains("after", "limit", "type")));
        verify(events, never()).list(any(), any());
    }

    @Test
    void aRouteWithoutThatMethodIs405AndAnUnknownPathIs404AsProblems() throws Exception {
        mvc.perform(as(
                        DEPLOYER,
                        put("/environments")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(SPEC)))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:http-405"));
        mvc.perform(as(VIEWER, get("/nowhere")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:http-404"));
    }

    @Test
    void aChangeWithoutIfMatchReachesTheUpdateWithoutOne() throws Exception {
        when(environments.get(ID)).thenReturn(environment(ID, "team-a"));
        when(updates.update(eq(ID), isNull(), any(), isNull(), any())).thenReturn(environment(ID, "team-a"));

        mvc.perform(as(
                        DEPLOYER,
                        put("/environments/{id}", ID)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(SPEC)))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.ETAG, "\"2\""));
        verify(updates).update(eq(ID), isNull(), any(), isNull(), eq(new Actor("deployer", "team-a")));
    }
}
