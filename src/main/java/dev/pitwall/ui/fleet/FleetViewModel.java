package dev.pitwall.ui.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.pitwall.fleet.Connection;
import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.ui.pods.PodRows;
import dev.pitwall.fleet.ModelService;
import dev.pitwall.fleet.RolloutHistory;
import dev.pitwall.fleet.Track;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the fleet view shows, from the newest snapshot of each context: the connections, the
 * model services to navigate, the selected service's tracks and pods, the snapshot the fleet map
 * draws, every pod of that context (while the pod list is shown), and the rollout history of the
 * session. Applied on the JavaFX thread from finished snapshots; it never does I/O.
 */
public final class FleetViewModel {

    /** A model service within its context, as the navigator lists it. */
    public record Entry(String context, ModelService service) {
        public String key() {
            return context + "|" + service.key();
        }
    }

    private final Map<String, FleetSnapshot> snapshots = new LinkedHashMap<>();
    private final ObservableList<Connection> connections = FXCollections.observableArrayList();
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<Track> tracks = FXCollections.observableArrayList();
    private final PodRows pods = new PodRows();
    private final PodRows allPods = new PodRows();
    private final ReadOnlyObjectWrapper<Entry> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<FleetSnapshot> focused = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper staleText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("Opening…");
    private final ReadOnlyLongWrapper applied = new ReadOnlyLongWrapper();
    private final RolloutHistory history = new RolloutHistory();
    private String selectedKey;
    /** How many entries are not healthy, kept as entries are replaced (the summary line shows it after every update). */
    private int unhealthy;
    private boolean allPodsShown;

    public void apply(List<FleetSnapshot> batch) {
        batch.forEach(snapshot -> snapshots.put(snapshot.context(), snapshot));
        if (!connections.equals(snapshots.values().stream().map(FleetSnapshot::connection).toList())) {
            connections.setAll(snapshots.values().stream().map(FleetSnapshot::connection).toList());
        }
        List<Entry> next = snapshots.values().stream()
                .flatMap(snapshot -> snapshot.services().stream().map(service -> new Entry(snapshot.context(), service))).toList();
        if (sameKeys(next, entries)) {
            // the usual case: the same services, some changed; each changed one is replaced alone
            for (int i = 0; i < next.size(); i++) {
                if (next.get(i).service() != entries.get(i).service()) {
                    unhealthy += unhealthy(next.get(i)) - unhealthy(entries.get(i));
                    entries.set(i, next.get(i));
                }
            }
        } else {
            entries.setAll(next);
            unhealthy = 0;
            next.forEach(entry -> unhealthy += unhealthy(entry));
        }
        if (selectedKey == null && !entries.isEmpty()) {
            selectedKey = entries.getFirst().key();
        }
        refreshSelection();
        summary.set(summarise());
        applied.set(applied.get() + 1);
    }

    private static int unhealthy(Entry entry) {
        return entry.service().health() == ModelService.Health.HEALTHY ? 0 : 1;
    }

    private static boolean sameKeys(List<Entry> a, List<Entry> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameKey(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether two entries are the same service (compared by parts: this runs for every service on every update). */
    private static boolean sameKey(Entry a, Entry b) {
        return a.context().equals(b.context()) && a.service().name().equals(b.service().name())
                && a.service().namespace().equals(b.service().namespace());
    }

    /** Records a snapshot's rollouts into the session's history; thread-safe, called off the JavaFX thread. */
    public void record(FleetSnapshot snapshot) {
        history.record(snapshot);
    }

    /** Shows one model service (by {@link Entry#key()}); null clears the selection. */
    public void select(String key) {
        selectedKey = key;
        refreshSelection();
    }

    /** Whether the fleet-wide pod list is on screen: only then is it kept current. */
    public void showAllPods(boolean shown) {
        allPodsShown = shown;
        refreshAllPods();
    }

    private void refreshSelection() {
        Entry current = selectedKey == null ? null : find(selectedKey);
        if (!Objects.equals(current, selected.get())) {
            selected.set(current);
        }
        FleetSnapshot context = current != null ? snapshots.get(current.context())
                : snapshots.values().stream().findFirst().orElse(null);
        if (context != focused.get()) {
            focused.set(context);
        }
        if (current == null) {
            tracks.clear();
            pods.update(List.of());
        } else {
            if (!current.service().tracks().equals(tracks)) {
                tracks.setAll(current.service().tracks());
            }
            pods.update(context.podsOf(current.service()));
        }
        refreshAllPods();
        Connection connection = context == null ? null : context.connection();
        boolean isStale = connection != null && connection.stale();
        staleText.set(isStale ? connection.status() + ": " + connection.detail() : "");
        stale.set(isStale);
    }

    /** The entry whose {@link Entry#key()} is {@code key}, without building every entry's key. */
    private Entry find(String key) {
        Entry selectedNow = selected.get();
        if (selectedNow != null && selectedNow.key().equals(key)) {
            for (Entry entry : entries) { // the usual case: the same service, perhaps a newer entry
                if (sameKey(entry, selectedNow)) {
                    return entry;
                }
            }
            return null;
        }
        for (Entry entry : entries) {
            if (entry.key().equals(key)) {
                return entry;
            }
        }
        return null;
    }

    private void refreshAllPods() {
        FleetSnapshot context = focused.get();
        if (!allPodsShown || context == null) {
            return;
        }
        allPods.update(context.pods());
    }

    private String summarise() {
        long live = connections.stream().filter(c -> c.status() == Connection.Status.LIVE).count();
        int services = entries.size();
        int podCount = snapshots.values().stream().mapToInt(s -> s.pods().size()).sum();
        int nodeCount = snapshots.values().stream().mapToInt(s -> s.nodes().size()).sum();
        return connections.size() + (connections.size() == 1 ? " context" : " contexts") + " (" + live + " live)  ·  "
                + services + " model services" + (unhealthy == 0 ? "" : " (" + unhealthy + " not healthy)") + "  ·  "
                + podCount + " pods on " + nodeCount + " nodes";
    }

    /** The session's history of a Deployment of the selected service's context. */
    public RolloutHistory.Series history(String deployment) {
        Entry entry = selected.get();
        return entry == null ? new RolloutHistory.Series(List.of(), List.of())
                : history.of(entry.context(), entry.service().namespace(), deployment);
    }

    public ObservableList<Connection> connections() {
        return connections;
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    public ObservableList<Track> tracks() {
        return tracks;
    }

    public ObservableList<FleetPod> pods() {
        return pods;
    }

    /** Every pod of the focused context, kept current while {@link #showAllPods(boolean) shown}. */
    public ObservableList<FleetPod> allPods() {
        return allPods;
    }

    public ReadOnlyObjectProperty<Entry> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The newest snapshot of the selected service's context (or of the first context): what the fleet map draws. */
    public ReadOnlyObjectProperty<FleetSnapshot> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty staleTextProperty() {
        return staleText.getReadOnlyProperty();
    }

    /** One line for the status bar: contexts, model services, pods and nodes. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Counts applied batches: views that draw history redraw when it moves. */
    public ReadOnlyLongProperty appliedProperty() {
        return applied.getReadOnlyProperty();
    }
}
