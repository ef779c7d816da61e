package dev.pitwall.sandbox.preset;

/** A preset that cannot be used, said as: the file, the field, what is expected. */
public final class PresetException extends RuntimeException {
    public PresetException(String message) {
        super(message);
    }
}
