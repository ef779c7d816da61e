package dev.pitwall.ui.fleet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.pitwall.fleet.Connection;
import dev.pitwall.fleet.FleetPod;
import dev.pitwall.fleet.FleetSnapshot;
import dev.pitwall.fleet.ModelService;
import dev.pitwall.fleet.Track;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the fleet view shows, from the newest snapshot of each context: the connections, the
 * model services to navigate, and the selected service's tracks and pods. Applied on the JavaFX
 * thread from finished snapshots; it never does I/O.
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
    private final ObservableList<FleetPod> pods = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Entry> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper staleText = new ReadOnlyStringWrapper("");
    private String selectedKey;

    public void apply(List<FleetSnapshot> batch) {
        batch.forEach(snapshot -> snapshots.put(snapshot.context(), snapshot));
        connections.setAll(snapshots.values().stream().map(FleetSnapshot::connection).toList());
        List<Entry> next = snapshots.values().stream()
                .flatMap(snapshot -> snapshot.services().stream().map(service -> new Entry(snapshot.context(), service))).toList();
        if (!next.equals(entries)) {
            entries.setAll(next);
        }
        if (selectedKey == null && !entries.isEmpty()) {
            selectedKey = entries.getFirst().key();
        }
        refreshSelection();
    }

    /** Shows one model service (by {@link Entry#key()}); null clears the selection. */
    public void select(String key) {
        selectedKey = key;
        refreshSelection();
    }

    private void refreshSelection() {
        Optional<Entry> entry = entries.stream().filter(e -> e.key().equals(selectedKey)).findFirst();
        Entry current = entry.orElse(null);
        if (!Objects.equals(current, selected.get())) {
            selected.set(current);
        }
        if (current == null) {
            tracks.clear();
            pods.clear();
        } else {
            if (!current.service().tracks().equals(tracks)) {
                tracks.setAll(current.service().tracks());
            }
            List<FleetPod> servicePods = snapshots.get(current.context()).podsOf(current.service());
            if (!servicePods.equals(pods)) {
                pods.setAll(servicePods);
            }
        }
        Connection connection = current == null ? null : snapshots.get(current.context()).connection();
        boolean isStale = connection != null && connection.stale();
        staleText.set(isStale ? connection.status() + ": " + connection.detail() : "");
        stale.set(isStale);
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

    public ReadOnlyObjectProperty<Entry> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty staleTextProperty() {
        return staleText.getReadOnlyProperty();
    }
}
