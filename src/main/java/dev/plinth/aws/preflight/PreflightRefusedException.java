package dev.plinth.aws.preflight;

import java.util.List;

/** The account would refuse a new environment: nothing was stored or created. */
public class PreflightRefusedException extends RuntimeException {

    private final transient List<Finding> findings;

    PreflightRefusedException(List<Finding> findings) {
        super(findings.stream().filter(f -> f.type().refuses()).count()
                + " finding(s) say the account would refuse this environment; nothing was created");
        this.findings = List.copyOf(findings);
    }

    /** Every finding of the check, the ones that do not refuse included. */
    public List<Finding> findings() {
        return findings;
    }
}
