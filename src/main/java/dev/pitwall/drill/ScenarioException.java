package dev.pitwall.drill;

/** A scenario that cannot be run: the message names the file, the line and the field, and what is expected. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }
}
