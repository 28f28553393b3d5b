package dev.plinth.security;

import java.util.List;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified JWT as a caller: {@code sub} its name, the team claim its team, and the most a role of the
 * roles claim may do. A token without a team or a known role is refused: it says who, not what.
 */
final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final SecurityProperties properties;

    JwtCallers(SecurityProperties properties) {
        this.properties = properties;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<String> roles = Optional.ofNullable(jwt.getClaimAsStringList(properties.rolesClaim()))
                .orElse(List.of());
        Role role = roles.stream()
                .map(Role::named)
                .flatMap(Optional::stream)
                .max(Enum::compareTo)
                .orElseThrow(() -> new BadCredentialsException("the token names no role plinth knows"));
        Optional<String> team = Optional.ofNullable(jwt.getClaimAsString(properties.teamClaim()))
                .filter(t -> !t.isBlank());
        if (team.isEmpty() && role != Role.ADMIN) {
            throw new BadCredentialsException("the token names no team");
        }
        if (team.isPresent() && !Caller.TEAM_NAME.matcher(team.get()).matches()) {
            throw new BadCredentialsException("the token's team is not a team name");
        }
        return PlinthTokens.authenticated(new Caller(jwt.getSubject(), team, role));
    }
}
