package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plinth.security.RateLimitProperties.Limit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the filter answers for a caller with tokens, one without, and a request with no caller at all. */
class RateLimitFilterTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Caller ANA = new Caller("ana@example.com", Optional.of("payments"), Role.DEPLOYER);
    private static final String JWT = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2lnbmF0dXJl";

    private final RateLimitFilter filter = new RateLimitFilter(
            new RateLimiter(
                    new RateLimitProperties(new Limit(600, 5), new Limit(60, 1), 100), new SimpleMeterRegistry()),
            JSON);

    @AfterEach
    void forgetTheCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCallerWithATokenLeftIsServedAndToldWhatIsLeft() throws Exception {
        signIn(ANA);
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request("POST", JWT), response, chain);

        assertThat(chain.getRequest()).as("passed on").isNotNull();
        assertThat(response.getHeader("RateLimit-Limit")).isEqualTo("1");
        assertThat(response.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(response.getHeader("RateLimit-Reset")).isEqualTo("1");
    }

    @Test
    void aCallerWithoutATokenIs429ProblemWithRetryAfterAndGoesNoFurther() throws Exception {
        signIn(ANA);
        filter.doFilter(request("POST", JWT), new MockHttpServletResponse(), new MockFilterChain());
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request("DELETE", JWT), response, chain);

        assertThat(chain.getRequest()).as("passed on").isNull();
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        JsonNode problem = JSON.readTree(response.getContentAsString());
        assertThat(problem.path("type").asString()).isEqualTo("urn:plinth:problem:rate-limited");
        assertThat(problem.path("title").asString()).isEqualTo("Too many requests");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asString())
                .isEqualTo(
                        "this caller's writes are limited to 60 per minute, in bursts of up to 1, on each replica; retry in 1 s");
        assertThat(problem.path("instance").asString()).isEqualTo("/environments/e-1");
    }

    @Test
    void aRequestWithoutACallerIsPassedOnUncounted() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request("POST", null), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getHeader("RateLimit-Limit")).isNull();
    }

    @Test
    void theKeyIsHowTheCallerAuthenticatedItsNameAndTeamAndNeverTheCredential() {
        Caller admin = Caller.bootstrapAdmin();

        assertThat(RateLimitFilter.keyOf(ANA, request("GET", JWT)))
                .isEqualTo(new RateLimiter.CallerKey("jwt", "ana@example.com", Optional.of("payments")));
        assertThat(RateLimitFilter.keyOf(admin, request("GET", "Bearer suite-secret-0123")))
                .isEqualTo(new RateLimiter.CallerKey("token", "bootstrap-admin", Optional.empty()));
        assertThat(RateLimitFilter.keyOf(admin, request("GET", "Bearer suite-secret-0123"))
                        .toString())
                .isEqualTo("token 'bootstrap-admin'")
                .doesNotContain("secret");
    }

    private static void signIn(Caller caller) {
        SecurityContextHolder.getContext().setAuthentication(PlinthTokens.authenticated(caller));
    }

    private static MockHttpServletRequest request(String method, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/environments/e-1");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}
