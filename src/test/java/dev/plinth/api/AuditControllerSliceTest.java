package dev.plinth.api;

import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.plinth.security.AuditEntry;
import dev.plinth.security.AuditLog;
import dev.plinth.security.Role;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditControllerSliceTest extends ApiSliceTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void theAuditIsAnAdminsADeployerGets403NamingTheAdminRole() throws Exception {
        mvc.perform(as(DEPLOYER, get("/audit")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.neededRole").value("admin"))
                .andExpect(jsonPath("$.detail").value("this needs the role admin or higher"));
        verify(audit, never()).list(any());
    }

    @Test
    void theParametersItCannotReadAreNamedTogether() throws Exception {
        mvc.perform(as(
                        ADMIN,
                        get("/audit")
                                .param("since", "yesterday")
                                .param("pageToken", "abc")
                                .param("limit", "501")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:plinth:problem:invalid-request"))
                .andExpect(jsonPath("$.violations[*].field").value(contains("since", "pageToken", "limit")))
                .andExpect(jsonPath("$.violations[*].rule").value(contains("date-time", "page-token", "range")));
        verify(audit, never()).list(any());
    }

    @Test
    void aFullPageNamesTheNextOneByTheLastIdOnIt() throws Exception {
        when(audit.list(new AuditLog.Query("env-1", "deployer", AT, 40L, 2)))
                .thenReturn(List.of(entry(39), entry(38), entry(37)));

        mvc.perform(as(
                        ADMIN,
                        get("/audit")
                                .param("environment", "env-1")
                                .param("actor", "deployer")
                                .param("since", AT.toString())
                                .param("pageToken", "40")
                                .param("limit", "2")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id").value(contains(39, 38)))
                .andExpect(jsonPath("$.nextPageToken").value("38"));
    }

    @Test
    void theLastPageHasNoNextPageToken() throws Exception {
        when(audit.list(new AuditLog.Query(null, null, null, null, 100))).thenReturn(List.of(entry(1)));

        mvc.perform(as(ADMIN, get("/audit")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].route").value("/environments"))
                .andExpect(jsonPath("$.nextPageToken").doesNotExist());
    }

    private static AuditEntry entry(long id) {
        return new AuditEntry(
                id, AT, "deployer", "team-a", Role.DEPLOYER, "POST", "/environments", "env-1", 202, "req-" + id);
    }
}
