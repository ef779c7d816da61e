package dev.pitwall.app.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/** The options that say where and under which policy a command acts: shared by every command that changes a cluster. */
final class ContextOptions {

    @Option(names = "--context", required = true, description = "The kubeconfig context to act in (always explicit for changes).")
    String context;

    @Option(names = "--kubeconfig", description = "Kubeconfig file(s) (default: KUBECONFIG or ~/.kube/config).")
    List<Path> kubeconfigs = new ArrayList<>();

    @Option(names = "--policy", description = "A role policy file (default: the shipped app/policy.yaml).")
    Path policy;

    Operations open() {
        return Operations.open(kubeconfigs, context, policy);
    }
}
