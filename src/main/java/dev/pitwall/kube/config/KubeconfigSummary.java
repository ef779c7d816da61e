package dev.pitwall.kube.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The merged view of every kubeconfig file Pitwall looked at.
 *
 * @param searched the files, in merge order, that were named (by KUBECONFIG or the default)
 * @param loaded   the files that existed and parsed
 * @param contexts every context, in the order kubectl lists them (first definition wins)
 * @param problems what was wrong, per file
 */
public record KubeconfigSummary(List<Path> searched, List<Path> loaded, List<ContextEntry> contexts,
                                List<KubeconfigProblem> problems) {

    public KubeconfigSummary {
        searched = List.copyOf(searched);
        loaded = List.copyOf(loaded);
        contexts = List.copyOf(contexts);
        problems = List.copyOf(problems);
    }

    /** True when none of the named files exists: the operator has no kubeconfig at all. */
    public boolean noKubeconfig() {
        return loaded.isEmpty() && problems.isEmpty();
    }

    public Optional<ContextEntry> currentContext() {
        return contexts.stream().filter(ContextEntry::current).findFirst();
    }
}
