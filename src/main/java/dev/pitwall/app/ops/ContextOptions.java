package dev.pitwall.app.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** The options that say where and under which policy a command acts: shared by every command that changes a cluster. */
final class ContextOptions {

    @Option(names = "--context", description = "Required: the kubeconfig context to act in (always explicit for changes; only a drill"
            + " on sandboxes of its own goes without).")
    private String context;

    @Option(names = "--kubeconfig", description = "Kubeconfig file(s) (default: KUBECONFIG or ~/.kube/config).")
    List<Path> kubeconfigs = new ArrayList<>();

    @Option(names = "--policy", description = "A role policy file (default: the shipped app/policy.yaml).")
    Path policy;

    /** The context named; a usage error when none is: every change names its context. */
    String context() {
        if (context == null) {
            throw new dev.pitwall.app.UserError("Missing required option: '--context=<context>' (every change names its context).");
        }
        return context;
    }

    boolean named() {
        return context != null;
    }

    Operations open() {
        return Operations.open(kubeconfigs, context(), policy);
    }

    /** A context this command did not name (a drill's own sandbox), under the same policy. */
    Operations open(java.nio.file.Path kubeconfig, String otherContext) {
        return Operations.open(List.of(kubeconfig), otherContext, policy);
    }
}
