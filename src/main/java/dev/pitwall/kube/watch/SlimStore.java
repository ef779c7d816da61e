package dev.pitwall.kube.watch;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer's store that keeps of each object only what Pitwall reads of it between events
 * (decision 14): for the resources converted as their events arrive (pods, nodes, events), the
 * keys the informer itself needs (namespace, name, uid and resource version); for those read back
 * when a model service is reassembled (Deployments, ReplicaSets, EndpointSlices), what
 * {@link SlimObjects} keeps. The informer's handlers still get the whole object with each add and
 * update; only the copy kept between events is slim.
 *
 * <p>An object as the API sends it, with its spec, status and managed fields, is some kilobytes
 * of objects; kept for 20,000 pods it was most of Pitwall's heap, and each event left a new one
 * to be copied by every young collection until it was old, and to die in the old generation at the
 * object's next event. Client-go's informers have a transform for this; fabric8's way is an
 * {@code ItemStore} that says it does not keep the full state.
 */
final class SlimStore<T extends HasMetadata> extends BasicItemStore<T> {

    private final UnaryOperator<T> keep;

    /** @param keep makes the slim copy of an object; it must keep what the informer's indexers read */
    SlimStore(UnaryOperator<T> keep) {
        super(Cache::metaNamespaceKeyFunc);
        this.keep = keep;
    }

    /** A store that keeps the keys only; {@code empty} makes an empty object of the kind (for example {@code Pod::new}). */
    static <T extends HasMetadata> SlimStore<T> keysOnly(Supplier<T> empty) {
        return new SlimStore<>(object -> {
            T slim = empty.get();
            slim.setMetadata(SlimObjects.keys(object.getMetadata()));
            return slim;
        });
    }

    @Override
    public T put(String key, T object) {
        return super.put(key, keep.apply(object));
    }

    @Override
    public boolean isFullState() {
        return false;
    }
}
