package dev.plinth.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route but health needs a bearer credential: a JWT of the organisation's issuer (when
 * {@code spring.security.oauth2.resourceserver.jwt.*} names one) or one of plinth's own tokens. The
 * actuator beyond health is for admins. Every state-changing request and every failed authentication is
 * put on the audit record.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    /** Liveness and readiness answer whatever credential comes with them, or none: probes carry none. */
    @Bean
    @Order(1)
    SecurityFilterChain health(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/health", "/actuator/health/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(routes -> routes.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(
            HttpSecurity http,
            SecurityProperties properties,
            ApiTokens apiTokens,
            ObjectProvider<JwtDecoder> jwtDecoder,
            AuditLog audit,
            RateLimiter limiter,
            Clock clock,
            JsonMapper json)
            throws Exception {
        AuthenticationManager tokens = new ProviderManager(new PlinthTokens(properties, apiTokens));
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        AuthenticationManager jwts = decoder == null ? null : new ProviderManager(jwtProvider(decoder, properties));
        DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
        AuthenticationManagerResolver<HttpServletRequest> byKind = request -> {
            String token = bearer.resolve(request);
            return jwts != null && token != null && looksLikeJwt(token) ? jwts : tokens;
        };
        ProblemEntryPoint problems = new ProblemEntryPoint(json);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(routes -> routes.anyRequest()
                        .access((authentication, context) -> new AuthorizationDecision(Caller.of(authentication.get())
                                .map(Caller::role)
                                .filter(role -> role.covers(RouteRoles.needed(context.getRequest())))
                                .isPresent())))
                .oauth2ResourceServer(
                        server -> server.authenticationManagerResolver(byKind).authenticationEntryPoint(problems))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // inside the security context, outside authentication: it sees the caller, and the 401s
                .addFilterAfter(new AuditFilter(audit, clock), SecurityContextHolderFilter.class);
        // after authorization: only an authenticated caller's permitted requests take a token (a 401 or 403 takes none)
        http.addFilterAfter(new RateLimitFilter(limiter, json), AuthorizationFilter.class);
        return http.build();
    }

    private static JwtAuthenticationProvider jwtProvider(JwtDecoder decoder, SecurityProperties properties) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(decoder);
        provider.setJwtAuthenticationConverter(new JwtCallers(properties));
        return provider;
    }

    /** A JWS in compact form: three base64url parts; plinth's own tokens have no dots. */
    static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
