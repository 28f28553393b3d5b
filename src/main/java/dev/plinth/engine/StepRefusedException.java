package dev.plinth.engine;

/**
 * A handler's own refusal to go on, final like an AWS terminal error: for example a name that must
 * be ours is held by a resource this environment did not make. Reported with its code and message.
 */
public class StepRefusedException extends RuntimeException {

    private final String code;

    public StepRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
