package dev.pitwall.ops;

/** An operation that cannot start or go on, said as a sentence with the next step. */
public class OperationRefused extends RuntimeException {
    public OperationRefused(String message) {
        super(message);
    }
}
