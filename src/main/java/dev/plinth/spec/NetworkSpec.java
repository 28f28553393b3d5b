package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The network layer of an environment.
 *
 * @param cidr              a private IPv4 block from /16 to /24, carved into one public and one
 *                          private subnet per availability zone
 * @param availabilityZones how many zones to spread over, 1 to 3 (default 2)
 * @param natGateways       how private subnets reach the internet (default {@code single})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkSpec(
        String cidr,
        @Nullable Integer availabilityZones,
        @Nullable NatGatewayMode natGateways) {

    public static final int DEFAULT_AVAILABILITY_ZONES = 2;

    NetworkSpec withDefaults() {
        return new NetworkSpec(
                cidr,
                availabilityZones == null ? DEFAULT_AVAILABILITY_ZONES : availabilityZones,
                natGateways == null ? NatGatewayMode.SINGLE : natGateways);
    }
}
