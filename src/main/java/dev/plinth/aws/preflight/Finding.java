package dev.plinth.aws.preflight;

/**
 * One thing the account would refuse of a new environment, found before anything is created.
 *
 * @param type     what kind of refusal it is
 * @param resource the spec's resource key ({@code vpc}, {@code db-instance}) or, for what is not one
 *                 of the spec's resources, the AWS kind or name ({@code AWSServiceRoleForECS})
 * @param found    what was found, for a person: {@code 5 of 5 VPCs per Region used in eu-central-1}
 * @param fix      what to do about it
 */
public record Finding(Type type, String resource, String found, String fix) {

    public enum Type {
        /** plinth's own identity may not make a call the environment needs. */
        PERMISSION,
        /** Creating the environment would cross a quota of the account. */
        QUOTA,
        /** What the spec asks for is not offered where the environment would be. */
        UNAVAILABLE,
        /** A check could not be made (its read was denied, throttled or too slow); it refuses nothing. */
        UNCHECKED;

        /** Whether a finding of this type refuses the environment. */
        public boolean refuses() {
            return this != UNCHECKED;
        }
    }

    /** A check that could not be made: the read, and why. */
    static Finding unchecked(String resource, String read, String why) {
        return new Finding(
                Type.UNCHECKED,
                resource,
                "could not " + read + ": " + why,
                "nothing to fix for the environment itself; if it says AccessDenied, allow the action "
                        + "(the Preflight statements of plinth's IAM policy), else try again");
    }
}
