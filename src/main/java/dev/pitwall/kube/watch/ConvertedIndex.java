package dev.pitwall.kube.watch;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;

/**
 * Keeps the fleet's form of every object an informer holds, converted once per watch event rather
 * than once per snapshot: with 20,000 pods a snapshot copies their converted forms instead of
 * converting them all again. Sorted by namespace and name.
 */
final class ConvertedIndex<T extends HasMetadata, R> implements ResourceEventHandler<T> {

    private final ConcurrentSkipListMap<String, R> converted = new ConcurrentSkipListMap<>();
    private final Function<T, R> convert;
    private final Changes changes;

    ConvertedIndex(Function<T, R> convert, Changes changes) {
        this.convert = convert;
        this.changes = changes;
    }

    private static String key(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return (namespace == null ? "" : namespace) + "/" + object.getMetadata().getName();
    }

    @Override
    public void onAdd(T object) {
        converted.put(key(object), convert.apply(object));
        changes.mark();
    }

    @Override
    public void onUpdate(T before, T after) {
        converted.put(key(after), convert.apply(after));
        changes.mark();
    }

    @Override
    public void onDelete(T object, boolean finalStateUnknown) {
        converted.remove(key(object));
        changes.mark();
    }

    List<R> values() {
        return List.copyOf(converted.values());
    }
}
