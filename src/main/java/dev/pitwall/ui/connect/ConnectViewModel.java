package dev.pitwall.ui.connect;

import java.nio.file.Path;
import java.util.stream.Collectors;

import dev.pitwall.kube.config.ContextEntry;
import dev.pitwall.kube.config.KubeconfigProblem;
import dev.pitwall.kube.config.KubeconfigSummary;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Connect view shows: the contexts of the merged kubeconfig, the problems found in its
 * files, and the empty state when there is no kubeconfig. Applied on the JavaFX thread from a
 * finished {@link KubeconfigSummary}; it does no I/O itself.
 */
public final class ConnectViewModel {

    private final ObservableList<ContextEntry> contexts = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper empty = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper emptyMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sources = new ReadOnlyStringWrapper("Reading kubeconfig…");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Reading kubeconfig…");
    private java.util.function.Consumer<ContextEntry> onOpen = entry -> { };
    private Runnable onOpenSandbox = () -> { };
    private java.util.List<Path> files = java.util.List.of();

    /** What opening a context does (set by the application). */
    public void setOnOpen(java.util.function.Consumer<ContextEntry> action) {
        onOpen = action;
    }

    /** What starting the sandbox does (set by the application). */
    public void setOnOpenSandbox(Runnable action) {
        onOpenSandbox = action;
    }

    public void open(ContextEntry entry) {
        if (entry != null) {
            onOpen.accept(entry);
        }
    }

    public void openSandbox() {
        onOpenSandbox.run();
    }

    /** The kubeconfig files the contexts come from, in merge order. */
    public java.util.List<Path> files() {
        return files;
    }

    public void apply(KubeconfigSummary summary) {
        files = summary.loaded();
        contexts.setAll(summary.contexts());
        problems.setAll(summary.problems().stream().map(KubeconfigProblem::describe).toList());
        empty.set(summary.contexts().isEmpty());
        emptyMessage.set(summary.noKubeconfig() ? noKubeconfigMessage(summary) : noContextsMessage());
        sources.set(summary.loaded().isEmpty()
                ? "No kubeconfig file loaded"
                : "Contexts from " + summary.loaded().stream().map(path -> String.valueOf(path.getFileName()))
                        .collect(Collectors.joining(", ")));
        status.set(plural(summary.contexts().size(), "context") + " from " + plural(summary.loaded().size(), "kubeconfig file")
                + (summary.problems().isEmpty() ? "" : " · " + plural(summary.problems().size(), "problem")));
        loading.set(false);
    }

    private static String noKubeconfigMessage(KubeconfigSummary summary) {
        String looked = summary.searched().stream().map(Path::toString).collect(Collectors.joining(", "));
        return "No kubeconfig found (looked for " + looked + ").\n\n"
                + "To connect to a cluster, set KUBECONFIG to your kubeconfig files, or create ~/.kube/config "
                + "(for example with 'aws eks update-kubeconfig', 'gcloud container clusters get-credentials' "
                + "or 'az aks get-credentials'), then reopen Pitwall.\n\n"
                + "With no cluster at hand, Pitwall starts its embedded sandbox fleet: a Kubernetes API "
                + "server and a simulated model-serving fleet on this machine.";
    }

    private static String noContextsMessage() {
        return "The kubeconfig defines no usable context. Fix the problems listed below, "
                + "or add a context with 'kubectl config set-context'.";
    }

    public ObservableList<ContextEntry> contexts() {
        return contexts;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emptyMessageProperty() {
        return emptyMessage.getReadOnlyProperty();
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** One line for the status bar: how many contexts, files and problems. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sourcesProperty() {
        return sources.getReadOnlyProperty();
    }
}
