package dev.pitwall.kube.config;

import java.nio.file.Path;

/**
 * Something wrong in one kubeconfig file, said as a sentence that names what is wrong and what
 * to do next. The other files still load.
 */
public record KubeconfigProblem(Path file, String message) {

    /** The sentence shown to the operator: the file first, then what is wrong. */
    public String describe() {
        return file + ": " + message;
    }
}
