package dev.plinth.environment;

import dev.plinth.spec.EnvironmentSpec;
import java.util.List;

/**
 * What the AWS account would refuse of a new environment, asked before it is stored: an
 * environment the account cannot hold is refused whole rather than failing half-built.
 */
public interface AccountCheck {

    /**
     * Returns when the account can hold the environment.
     *
     * @param spec  a valid spec, defaults written out
     * @param zones the zones it would use
     * @throws RuntimeException naming what the account would refuse (the API answers it as a problem)
     */
    void admit(EnvironmentSpec spec, List<String> zones);
}
