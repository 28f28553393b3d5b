package dev.plinth.api;

import dev.plinth.aws.orphans.Orphans;
import dev.plinth.aws.preflight.Preflight;
import dev.plinth.environment.Environment;
import dev.plinth.environment.EnvironmentStatus;
import dev.plinth.environment.EventLog;
import dev.plinth.lifecycle.ChangePlans;
import dev.plinth.lifecycle.EnvironmentService;
import dev.plinth.lifecycle.Retries;
import dev.plinth.lifecycle.Updates;
import dev.plinth.presets.PresetCatalog;
import dev.plinth.security.ApiTokens;
import dev.plinth.security.AuditLog;
import dev.plinth.security.Caller;
import dev.plinth.security.Role;
import dev.plinth.security.WebSliceSecurity;
import dev.plinth.spec.EnvironmentSpec;
import dev.plinth.spec.NatGatewayMode;
import dev.plinth.spec.NetworkSpec;
import dev.plinth.spec.SpecValidator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The web layer alone: every controller, the problem handler, the filters and the security chains, over the
 * services as mocks; no database, no engine, no AWS. Every slice test extends this one class, so they share
 * one application context.
 */
@WebMvcTest
@Import({WebSliceSecurity.class, SpecReader.class, SpecValidator.class, PresetCatalog.class})
abstract class ApiSliceTest {

    static final String VIEWER = "viewer-of-team-a";
    static final String DEPLOYER = "deployer-of-team-a";
    static final String ADMIN = "admin-of-every-team";
    static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    EnvironmentService environments;

    @MockitoBean
    EnvironmentViews views;

    @MockitoBean
    EventLog events;

    @MockitoBean
    Retries retries;

    @MockitoBean
    Updates updates;

    @MockitoBean
    ChangePlans plans;

    @MockitoBean
    Preflight preflight;

    @MockitoBean
    Orphans orphans;

    @MockitoBean
    ApiTokens tokens;

    @MockitoBean
    AuditLog audit;

    @BeforeEach
    void callers() {
        WebSliceSecurity.callAs(tokens, VIEWER, new Caller("viewer", Optional.of("team-a"), Role.VIEWER));
        WebSliceSecurity.callAs(tokens, DEPLOYER, new Caller("deployer", Optional.of("team-a"), Role.DEPLOYER));
        WebSliceSecurity.callAs(tokens, ADMIN, new Caller("admin", Optional.empty(), Role.ADMIN));
    }

    /** The request with {@code token} as its bearer credential. */
    static MockHttpServletRequestBuilder as(String token, MockHttpServletRequestBuilder request) {
        return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    /** A READY environment of {@code team}, at spec revision 2. */
    static Environment environment(String id, String team) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        EnvironmentSpec spec = new EnvironmentSpec(
                "web", "eu-central-1", Map.of(), new NetworkSpec("10.42.0.0/16", 2, NatGatewayMode.SINGLE));
        return new Environment(
                id,
                team,
                spec,
                null,
                List.of("eu-central-1a", "eu-central-1b"),
                EnvironmentStatus.READY,
                null,
                null,
                "hash",
                7,
                2,
                at,
                at,
                null);
    }
}
