package dev.plinth.security;

import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * The security of the service in a web slice ({@code @WebMvcTest}): the same filter chains (authentication,
 * the roles of the routes, the audit and rate-limit filters), with the beans they take that a slice does not
 * load. {@link ApiTokens} and {@link AuditLog} are the test's mocks; {@link #callAs} makes a token stand for a
 * caller.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableWebSecurity
@Import(SecurityConfiguration.class)
public class WebSliceSecurity {

    /** Limits no slice test reaches, so that every counted answer still carries the RateLimit-* headers. */
    @Bean
    RateLimiter rateLimiter() {
        RateLimitProperties.Limit generous = new RateLimitProperties.Limit(100_000, 100_000);
        return new RateLimiter(new RateLimitProperties(generous, generous, 100), new SimpleMeterRegistry());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** A request with {@code Authorization: Bearer <token>} is made by {@code caller}. */
    public static void callAs(ApiTokens tokens, String token, Caller caller) {
        when(tokens.authenticate(token)).thenReturn(Optional.of(caller));
    }
}
