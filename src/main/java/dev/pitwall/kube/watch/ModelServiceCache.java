package dev.pitwall.kube.watch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.pitwall.fleet.ModelService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * The model services of a context, rebuilt per model rather than all at once: informer events
 * mark the models whose objects changed (by the model label of the Deployment, ReplicaSet,
 * Service or budget selector, or of the Service an EndpointSlice belongs to), and a snapshot
 * reassembles only those. An object whose model cannot be told (an HTTPRoute, an object without
 * the label) marks every model. While nothing is marked, it returns the same list as last time.
 */
final class ModelServiceCache {

    /** Marks every model. */
    static final String ALL = "*";

    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final Map<String, ModelService> services = new TreeMap<>();
    private List<ModelService> current = List.of();
    private final Changes changes;

    ModelServiceCache(Changes changes) {
        this.changes = changes;
        dirty.add(ALL);
    }

    /** A handler that marks the models an object belongs to ({@code keys}: "namespace/model", or {@link #ALL}). */
    <T extends HasMetadata> ResourceEventHandler<T> marking(Function<T, Collection<String>> keys) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                mark(keys.apply(object));
            }

            @Override
            public void onUpdate(T before, T after) {
                mark(keys.apply(before));
                mark(keys.apply(after));
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                mark(keys.apply(object));
            }
        };
    }

    private void mark(Collection<String> keys) {
        dirty.addAll(keys.isEmpty() ? List.of(ALL) : keys);
        changes.mark();
    }

    /**
     * The model services now: those marked since the last call are reassembled from
     * {@code sourcesOf} (the objects of one "namespace/model"), or all from {@code everything}.
     */
    synchronized List<ModelService> current(Function<String, ModelServices.Sources> sourcesOf,
                                            java.util.function.Supplier<ModelServices.Sources> everything) {
        if (dirty.isEmpty()) {
            return current; // the same list as last time: whoever keeps what it took can skip it whole
        }
        List<String> marked = new ArrayList<>(dirty);
        dirty.removeAll(marked);
        if (marked.contains(ALL)) {
            services.clear();
            ModelServices.assemble(everything.get()).forEach(service -> services.put(service.key(), service));
        } else {
            for (String key : marked) {
                services.remove(key);
                ModelServices.assemble(sourcesOf.apply(key)).stream().filter(service -> service.key().equals(key))
                        .forEach(service -> services.put(key, service));
            }
        }
        current = List.copyOf(services.values());
        return current;
    }
}
