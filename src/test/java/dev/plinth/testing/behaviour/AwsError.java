package dev.plinth.testing.behaviour;

/** An error as AWS answers it: the HTTP status, the error code and its message. */
public record AwsError(int status, String code, String message) {

    /** A 400 answer: the caller's request, or the state it asks about, is wrong. */
    public static AwsError client(String code, String message) {
        return new AwsError(400, code, message);
    }
}
