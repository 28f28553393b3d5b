package dev.plinth.testing.behaviour;

import java.util.ArrayList;
import java.util.List;

/** The behaviours the suite runs with, one line each, grouped by the class of behaviour. */
final class Catalog {

    private Catalog() {}

    static List<Behaviour> all(AwsTime time) {
        List<Behaviour> all = new ArrayList<>();

        // durations and intermediate states

        // propagation

        // concurrency

        // teardown lag

        // validation the emulator skips

        // schedules act

        // what the calls were, for the IAM evaluator

        // an account at its limits
        all.add(new AppliedQuotas());
        all.add(new PolicySimulation());
        all.add(new OrderableInstanceOptions());

        return all;
    }
}
