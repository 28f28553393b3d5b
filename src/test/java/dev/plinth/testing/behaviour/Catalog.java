package dev.plinth.testing.behaviour;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The behaviours the suite runs with, one line each, grouped by the class of behaviour. */
final class Catalog {

    private Catalog() {}

    static List<Behaviour> all(AwsTime time) {
        List<Behaviour> all = new ArrayList<>();

        // durations and intermediate states
        all.add(new RdsInstanceStates(time));
        all.add(new RdsProxyStates(time));
        all.add(new NatGatewayStates(time));
        all.add(new LoadBalancerStates(time));
        all.add(new DistributionDeploys(time));
        all.add(new EfsStates(time));
        all.add(new EcsServiceRollouts(time));

        // propagation
        all.add(new IamRolePropagation(time));
        all.add(new Ec2IdPropagation(time));
        all.add(new TargetGroupAssociationLag(time));

        // concurrency
        all.add(new ScalableTargetConcurrency(time));

        // teardown lag
        all.add(new EcsServiceDrains(time));
        all.add(new NatAddressHeld(time));
        all.add(new LingeringNetworkInterfaces(time));

        // validation the emulator skips
        all.add(new LoadBalancerZones());
        all.add(new NamingRules());
        all.add(new ParameterCombinations());

        // schedules act
        all.add(new ScheduledScaling(Clock.systemUTC()));

        // what the calls were, for the IAM evaluator
        all.add(new IamCallRecord());

        // an account at its limits
        all.add(new AppliedQuotas());
        all.add(new PolicySimulation());
        all.add(new OrderableInstanceOptions());

        return all;
    }
}
