package dev.plinth.engine;

/**
 * What still stands in the way of deleting a resource, as its handler found it before the delete call:
 * teardown waits for it to go, and fails naming it when the kind's delete deadline passes.
 *
 * @param waitingFor what the resource waits for, naming what is in the way with AWS's ids
 *                   ({@code eni-0a1… (ELB app/web/…, requested by amazon-elb) to be released from subnet-…})
 * @param fix        how to clear it when it does not go by itself, for the failure
 */
public record DeleteBlocker(String waitingFor, String fix) {}
