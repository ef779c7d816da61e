package dev.pitwall.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Pitwall keeps its files (the sandbox's kubeconfig, later the journal): PITWALL_HOME, else
 * XDG_DATA_HOME/pitwall, else ~/.local/share/pitwall.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static Path resolve(Map<String, String> environment, Path home) {
        String explicit = environment.get("PITWALL_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = environment.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "pitwall");
        }
        return home.resolve(".local").resolve("share").resolve("pitwall");
    }

    /** As above, from this process's environment; the system property pitwall.home (for tests) comes first. */
    public static Path resolve() {
        String property = System.getProperty("pitwall.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return resolve(System.getenv(), Path.of(System.getProperty("user.home")));
    }
}
