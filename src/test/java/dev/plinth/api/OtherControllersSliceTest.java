package dev.plinth.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The presets, the plans of new environments, the orphans and the API's document. */
class OtherControllersSliceTest extends ApiSliceTest {

    @Test
    void thePresetsAreListedAndAnUnknownOneIs404() throws Exception {
        mvc.perform(as(VIEWER, get("/presets")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.name == 'web-app')]").exists());
        mvc.perform(as(VIEWER, get("/presets/{name}", "web-app")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("web-app"));
        mvc.perform(as(VIEWER, get("/presets/{name}", "mainframe")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.title").value("No such preset"));
    }

    @Test
    void aPlanOfANewEnvironmentIsADeployersAndItsBodyIsRead() throws Exception {
        String spec = """
                {"name": "web", "region": "eu-central-1", "network": {"cidr": "10.42.0.0/16", "availabilityZones": "two"}}""";
        mvc.perform(as(
                        VIEWER,
                        post("/plans").contentType(MediaType.APPLICATION_JSON).content(spec)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.neededRole").value("deployer"));
        mvc.perform(as(
                        DEPLOYER,
                        post("/plans").contentType(MediaType.APPLICATION_JSON).content(spec)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.violations[0].field").value("network.availabilityZones"))
                .andExpect(jsonPath("$.violations[0].rule").value("type"));
        verifyNoInteractions(plans, preflight);
    }

    @Test
    void theOrphansAreAnAdminsEvenToRead() throws Exception {
        mvc.perform(as(DEPLOYER, get("/orphans")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.neededRole").value("admin"));
        mvc.perform(as(ADMIN, get("/orphans").param("region", "eu-central-1"))).andExpect(status().isOk());
        verify(orphans).list("eu-central-1");
        verify(orphans, never()).delete(any());
    }

    @Test
    void theApiDocumentIsServedToAnyCaller() throws Exception {
        mvc.perform(as(VIEWER, get("/openapi.yaml")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/yaml"));
    }
}
