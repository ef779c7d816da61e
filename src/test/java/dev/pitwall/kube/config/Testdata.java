package dev.pitwall.kube.config;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;

/** Paths of the kubeconfig files in this package's {@code testdata/} folder. */
public final class Testdata {

    private Testdata() {
    }

    public static Path file(String name) {
        try {
            return Path.of(Objects.requireNonNull(Testdata.class.getResource("testdata/" + name),
                    "no testdata file " + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
