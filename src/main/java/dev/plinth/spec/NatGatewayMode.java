package dev.plinth.spec;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the private subnets of an environment reach the internet. */
public enum NatGatewayMode {
    /** One NAT gateway, in the first zone, shared by every private subnet: cheapest, one zone of failure. */
    SINGLE("single"),
    /** One NAT gateway per zone, each private subnet using its own zone's: survives the loss of a zone. */
    PER_AZ("per-az"),
    /** No NAT gateway: private subnets have no route to the internet. */
    NONE("none");

    private final String wireName;

    NatGatewayMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
