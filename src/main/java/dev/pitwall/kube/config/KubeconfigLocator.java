package dev.pitwall.kube.config;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Finds the kubeconfig files the way kubectl does: the entries of {@code KUBECONFIG}, a list
 * separated by the platform's path separator (duplicates and empty entries dropped), or else
 * {@code ~/.kube/config}.
 */
public final class KubeconfigLocator {

    private KubeconfigLocator() {
    }

    public static List<Path> locate(Map<String, String> environment, Path home) {
        String variable = environment.get("KUBECONFIG");
        if (variable == null || variable.isBlank()) {
            return List.of(home.resolve(".kube").resolve("config"));
        }
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        for (String entry : variable.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                files.add(Path.of(entry.strip()));
            }
        }
        return new ArrayList<>(files);
    }

    /** The files named by this process's environment. */
    public static List<Path> locate() {
        return locate(System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
