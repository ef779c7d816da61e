package dev.pitwall.kube.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KubeconfigLocatorTest {

    private final Path home = Path.of("/home/sre");

    @Test
    void defaultsToTheHomeKubeConfig() {
        assertEquals(List.of(Path.of("/home/sre/.kube/config")), KubeconfigLocator.locate(Map.of(), home));
        assertEquals(List.of(Path.of("/home/sre/.kube/config")), KubeconfigLocator.locate(Map.of("KUBECONFIG", " "), home));
    }

    @Test
    void kubeconfigVariableIsAnOrderedListWithoutDuplicatesOrBlanks() {
        List<Path> files = KubeconfigLocator.locate(Map.of("KUBECONFIG", "/a/one::/b/two:/a/one"), home);
        assertEquals(List.of(Path.of("/a/one"), Path.of("/b/two")), files);
    }
}
