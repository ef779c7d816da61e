package dev.pitwall.app;

/** A failure caused by the operator's input or environment, said as a sentence with the next step. */
public final class UserError extends RuntimeException {

    private final int exitCode;

    public UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserError(String message) {
        this(message, ExitCodes.USAGE);
    }

    public int exitCode() {
        return exitCode;
    }
}
