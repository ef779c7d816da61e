package dev.pitwall.architecture.violations.kube.write;

/** Stands for the one writer in the violating fixtures. */
public final class Writer {

    public void send(String request) {
        // nothing: a fixture
    }
}
