package dev.pitwall.kube.watch;

import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer's store that keeps of each object only what the informer itself needs (namespace,
 * name, uid and resource version), for the resources Pitwall converts as their events arrive
 * (pods, nodes, events) and never reads back from the informer. The informer's handlers still get
 * the whole object with each add and update; only the copy kept between events is slim.
 *
 * <p>A pod as the API sends it, with its spec, status and managed fields, is some kilobytes of
 * objects; kept for 20,000 pods it was most of Pitwall's heap, and each pod event left a new
 * one to be copied by every young collection until it was old. Client-go's informers have a
 * transform for this; fabric8's way is an {@code ItemStore} that says it does not keep the
 * full state.
 */
final class SlimStore<T extends HasMetadata> extends BasicItemStore<T> {

    private final Supplier<T> empty;

    /** @param empty makes an empty object of the resource's kind (for example {@code Pod::new}) */
    SlimStore(Supplier<T> empty) {
        super(Cache::metaNamespaceKeyFunc);
        this.empty = empty;
    }

    @Override
    public T put(String key, T object) {
        return super.put(key, slim(object));
    }

    private T slim(T object) {
        ObjectMeta full = object.getMetadata();
        ObjectMeta kept = new ObjectMeta();
        kept.setNamespace(full.getNamespace());
        kept.setName(full.getName());
        kept.setUid(full.getUid());
        kept.setResourceVersion(full.getResourceVersion());
        T slim = empty.get();
        slim.setMetadata(kept);
        return slim;
    }

    @Override
    public boolean isFullState() {
        return false;
    }
}
