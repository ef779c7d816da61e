package dev.pitwall.metrics;

/** A metrics source that cannot answer, said as a sentence naming it and the next step. */
public final class MetricsException extends RuntimeException {
    public MetricsException(String message) {
        super(message);
    }

    public MetricsException(String message, Throwable cause) {
        super(message, cause);
    }
}
