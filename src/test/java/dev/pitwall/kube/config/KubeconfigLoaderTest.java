package dev.pitwall.kube.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigLoaderTest {

    private final KubeconfigLoader loader = new KubeconfigLoader();

    @Test
    void listsEveryContextWithItsClusterUserAndNamespace() {
        KubeconfigSummary summary = loader.load(List.of(Testdata.file("fleet.yaml")));

        assertEquals(List.of("prod-eu", "staging"), summary.contexts().stream().map(ContextEntry::name).toList());
        ContextEntry prod = summary.contexts().getFirst();
        assertEquals("https://prod-eu.example.test:6443", prod.clusterUrl());
        assertEquals("sre-alice", prod.user());
        assertEquals("models", prod.namespace());
        assertTrue(prod.current());
        assertEquals("default", summary.contexts().get(1).namespace(), "an unset namespace is kubectl's default");
        assertTrue(summary.problems().isEmpty(), summary.problems().toString());
    }

    @Test
    void mergesFilesAsKubectlDoesFirstDefinitionAndFirstCurrentContextWin() {
        KubeconfigSummary summary = loader.load(List.of(Testdata.file("fleet.yaml"), Testdata.file("team.yaml")));

        assertEquals(List.of("prod-eu", "staging", "dev"), summary.contexts().stream().map(ContextEntry::name).toList());
        ContextEntry staging = summary.contexts().get(1);
        assertEquals("https://staging.example.test:6443", staging.clusterUrl(), "the first file's staging wins");
        assertEquals(Testdata.file("fleet.yaml"), staging.source());
        assertEquals("prod-eu", summary.currentContext().orElseThrow().name(), "the first current-context wins");
        assertEquals("https://127.0.0.1:6443", summary.contexts().get(2).clusterUrl());
    }

    @Test
    void malformedFileIsNamedWithItsLineAndTheOtherFilesStillLoad() {
        Path malformed = Testdata.file("malformed.yaml");
        KubeconfigSummary summary = loader.load(List.of(malformed, Testdata.file("team.yaml")));

        assertEquals(List.of("dev", "staging"), summary.contexts().stream().map(ContextEntry::name).toList());
        assertEquals(1, summary.problems().size());
        KubeconfigProblem problem = summary.problems().getFirst();
        assertEquals(malformed, problem.file());
        assertTrue(problem.message().startsWith("line 7"), problem.message());
        assertTrue(problem.message().contains("not valid YAML"), problem.message());
        assertTrue(problem.describe().startsWith(malformed.toString()), problem.describe());
    }

    @Test
    void wrongShapeIsExplainedFieldByField() {
        Path file = Testdata.file("wrong-shape.yaml");
        KubeconfigSummary summary = loader.load(List.of(file));

        List<String> messages = summary.problems().stream().map(KubeconfigProblem::message).toList();
        assertTrue(messages.contains("'clusters' must be a list, found a string. Fix the file."), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("'contexts[1]' has no name")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("names cluster 'nowhere', which no kubeconfig file defines")),
                messages.toString());
        assertTrue(summary.problems().stream().allMatch(p -> p.file().equals(file)));
        assertEquals("", summary.contexts().getFirst().clusterUrl());
    }

    @Test
    void missingFilesAreSkippedAndAllMissingMeansNoKubeconfig(@TempDir Path dir) {
        KubeconfigSummary none = loader.load(List.of(dir.resolve("nope")));
        assertTrue(none.noKubeconfig());
        assertTrue(none.contexts().isEmpty());

        KubeconfigSummary some = loader.load(List.of(dir.resolve("nope"), Testdata.file("team.yaml")));
        assertFalse(some.noKubeconfig());
        assertEquals(2, some.contexts().size());
    }

    @Test
    void emptyAndNonKubeconfigFilesAreReported(@TempDir Path dir) throws Exception {
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty"), "\n");
        Path pod = java.nio.file.Files.writeString(dir.resolve("pod.yaml"), "kind: Pod\nmetadata: {name: x}\n");
        Path list = java.nio.file.Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");

        KubeconfigSummary summary = loader.load(List.of(empty, pod, list));

        assertEquals(3, summary.problems().size());
        assertTrue(summary.problems().get(0).message().contains("empty"));
        assertTrue(summary.problems().get(1).message().contains("kind is 'Pod'"));
        assertTrue(summary.problems().get(2).message().contains("found a list"));
    }

    @Test
    void summaryNeverCarriesCredentials() {
        KubeconfigSummary summary = loader.load(List.of(Testdata.file("fleet.yaml"), Testdata.file("wrong-shape.yaml")));
        String everything = summary.toString();
        assertFalse(everything.contains("SECRET-TOKEN"), "token leaked");
        assertFalse(everything.contains("U0VDUkVULUtFWS1ib2I="), "client key leaked");
    }
}
