package dev.plinth.engine;

/** The parts of an environment, for progress reporting; the graph, not the layer, decides order. */
public enum Layer {
    /** VPC, subnets, gateways, routes and security groups. */
    NETWORK
}
