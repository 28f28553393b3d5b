package dev.plinth.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void aTeamMemberSeesItsTeamsOnlyAndAnAdminSeesEverything() {
        Caller deployer = new Caller("ci", Optional.of("payments"), Role.DEPLOYER);
        Caller admin = new Caller("ops", Optional.of("platform"), Role.ADMIN);

        assertThat(deployer.sees("payments")).isTrue();
        assertThat(deployer.sees("search")).isFalse();
        assertThat(deployer.sees(null))
                .as("what belongs to no team is an admin's")
                .isFalse();
        assertThat(deployer.visibleTeam()).contains("payments");
        assertThat(admin.sees("search")).isTrue();
        assertThat(admin.sees(null)).isTrue();
        assertThat(admin.visibleTeam()).isEmpty();
        assertThat(Caller.bootstrapAdmin().actor().team())
                .as("creates what belongs to no team")
                .isNull();
    }
}
