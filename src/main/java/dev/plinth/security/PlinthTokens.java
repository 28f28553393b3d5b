package dev.plinth.security;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * plinth's own bearer tokens, as opposed to the organisation's JWTs: the bootstrap admin token, compared
 * by hash, and the API tokens callers mint. An unknown, expired or revoked token is a bad credential
 * (401), never a pass.
 */
final class PlinthTokens implements AuthenticationProvider {

    private final @Nullable String bootstrapHash;
    private final ApiTokens apiTokens;

    PlinthTokens(SecurityProperties properties, ApiTokens apiTokens) {
        this.apiTokens = apiTokens;
        String bootstrap = properties.bootstrapAdminToken();
        this.bootstrapHash = bootstrap == null || bootstrap.isBlank() ? null : TokenHash.of(bootstrap);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String token = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (bootstrapHash != null && TokenHash.matches(token, bootstrapHash)) {
            return authenticated(Caller.bootstrapAdmin());
        }
        return apiTokens
                .authenticate(token)
                .map(PlinthTokens::authenticated)
                .orElseThrow(() -> new BadCredentialsException("unknown, expired or revoked token"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The caller as Spring Security carries it; what it may do is decided from its {@link Caller#role()}. */
    static UsernamePasswordAuthenticationToken authenticated(Caller caller) {
        return UsernamePasswordAuthenticationToken.authenticated(caller, null, List.of());
    }
}
