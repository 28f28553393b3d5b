package dev.plinth.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.plinth.security.ApiToken;
import dev.plinth.security.ApiTokens;
import dev.plinth.security.Caller;
import dev.plinth.security.ForbiddenException;
import dev.plinth.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class TokenControllerSliceTest extends ApiSliceTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aDeployerMintsAViewerTokenForItsTeam201WithTheTokenThisOnce() throws Exception {
        ApiToken about =
                new ApiToken("t-1", "ci", "team-a", Role.VIEWER, "deployer", NOW, NOW.plus(Duration.ofDays(30)), null);
        when(tokens.mint(any(), eq("ci"), eq(Role.VIEWER), eq(Optional.of("team-a")), eq(Duration.ofDays(30))))
                .thenReturn(new ApiTokens.Minted(about, "plinth_secret"));

        mvc.perform(as(
                        DEPLOYER,
                        post("/tokens")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"ci\", \"role\": \"viewer\", \"expiresInDays\": 30}")))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/tokens/t-1"))
                .andExpect(jsonPath("$.token").value("plinth_secret"))
                .andExpect(jsonPath("$.role").value("viewer"))
                .andExpect(jsonPath("$.team").value("team-a"));
        verify(tokens)
                .mint(
                        eq(new Caller("deployer", Optional.of("team-a"), Role.DEPLOYER)),
                        eq("ci"),
                        eq(Role.VIEWER),
                        eq(Optional.of("team-a")),
                        eq(Duration.ofDays(30)));
    }

    @Test
    void aMintRequestNamesEveryFieldItBreaksAndMintsNothing() throws Exception {
        mvc.perform(as(
                        DEPLOYER,
                        post("/tokens")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"role\": \"god\", \"expiresInDays\": 400, \"colour\": \"red\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:invalid-request"))
                .andExpect(jsonPath("$.violations[?(@.field == 'colour')].rule").value("unknown-field"))
                .andExpect(jsonPath("$.violations[?(@.field == 'name')].rule").value("required"))
                .andExpect(jsonPath("$.violations[?(@.field == 'role')].rule").value("one-of"))
                .andExpect(jsonPath("$.violations[?(@.field == 'expiresInDays')].rule")
                        .value("range"));
        mvc.perform(as(
                        DEPLOYER,
                        post("/tokens")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"bootstrap-admin\", \"role\": \"viewer\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations[0].field").value("name"))
                .andExpect(jsonPath("$.violations[0].rule").value("reserved"));
        verify(tokens, never()).mint(any(), any(), any(), any(), any());
    }

    @Test
    void aViewerMayNotMint403NamingTheDeployerRole() throws Exception {
        mvc.perform(as(
                        VIEWER,
                        post("/tokens")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"ci\", \"role\": \"viewer\"}")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.neededRole").value("deployer"));
        verify(tokens, never()).mint(any(), any(), any(), any(), any());
    }

    @Test
    void aRoleAboveTheCallersIs403NamingTheRoleItNeeds() throws Exception {
        when(tokens.mint(any(), any(), eq(Role.ADMIN), any(), any()))
                .thenThrow(new ForbiddenException(Role.ADMIN, "a deployer mints tokens of at most its own role"));

        mvc.perform(as(
                        DEPLOYER,
                        post("/tokens")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"name\": \"root\", \"role\": \"admin\"}")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:forbidden"))
                .andExpect(jsonPath("$.neededRole").value("admin"));
    }

    @Test
    void aTokenTheCallerCannotSeeIs404WhenRevoked() throws Exception {
        when(tokens.revoke(any(), eq("t-9"))).thenReturn(false);
        when(tokens.revoke(any(), eq("t-1"))).thenReturn(true);

        mvc.perform(as(DEPLOYER, delete("/tokens/{id}", "t-9")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("No such token"));
        mvc.perform(as(DEPLOYER, delete("/tokens/{id}", "t-1"))).andExpect(status().isNoContent());
    }

    @Test
    void theListIsAskedForTheTeamOnlyWhenOneIsNamed() throws Exception {
        when(tokens.list(any(), eq(Optional.empty()))).thenReturn(List.of());
        when(tokens.list(any(), eq(Optional.of("team-b"))))
                .thenReturn(List.of(new ApiToken("t-2", "ops", "team-b", Role.DEPLOYER, "admin", NOW, NOW, null)));

        mvc.perform(as(ADMIN, get("/tokens")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty());
        mvc.perform(as(ADMIN, get("/tokens").param("team", "team-b")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value("t-2"))
                .andExpect(jsonPath("$.items[0].lastUsedAt").doesNotExist());
        verify(tokens).list(ArgumentMatchers.argThat(c -> c.role() == Role.ADMIN), eq(Optional.of("team-b")));
    }
}
