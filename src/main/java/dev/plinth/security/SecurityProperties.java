package dev.plinth.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call plinth, under {@code plinth.security}.
 *
 * @param bootstrapAdminToken an admin credential for every team ({@code PLINTH_BOOTSTRAP_ADMIN_TOKEN}), for the
 *                            first setup and for automation; unset, there is none. Only its hash is kept.
 * @param teamClaim           the JWT claim that names the caller's team
 * @param rolesClaim          the JWT claim that lists the caller's roles
 */
@ConfigurationProperties("plinth.security")
public record SecurityProperties(String bootstrapAdminToken, String teamClaim, String rolesClaim) {

    public SecurityProperties {
        teamClaim = teamClaim == null || teamClaim.isBlank() ? "team" : teamClaim;
        rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
    }
}
