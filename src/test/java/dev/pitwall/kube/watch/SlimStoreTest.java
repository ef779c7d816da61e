package dev.pitwall.kube.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/**
 * The informer store of the resources converted on arrival keeps only what the informer needs
 * between events: what it keys by and compares (namespace, name, uid, resource version), not the
 * spec, status or managed fields that made up most of Pitwall's heap at 20,000 pods.
 */
class SlimStoreTest {

    @Test
    void keepsWhatTheInformerKeysAndComparesByAndNothingElse() {
        Pod full = new PodBuilder().withNewMetadata().withNamespace("models").withName("fraud-detector-7f9c-abcde")
                .withUid("uid-1").withResourceVersion("42").addToLabels("app.kubernetes.io/name", "fraud-detector")
                .addNewManagedField().withManager("kubelet").withOperation("Update").endManagedField().endMetadata()
                .withNewSpec().withNodeName("node-001").addNewContainer().withName("server").withImage("model:1").endContainer()
                .endSpec().withNewStatus().withPhase("Running").withPodIP("10.0.0.7").endStatus().build();
        SlimStore<Pod> store = SlimStore.keysOnly(Pod::new);

        store.put(store.getKey(full), full);
        Pod kept = store.get("models/fraud-detector-7f9c-abcde");

        assertEquals("fraud-detector-7f9c-abcde", kept.getMetadata().getName());
        assertEquals("models", kept.getMetadata().getNamespace());
        assertEquals("uid-1", kept.getMetadata().getUid());
        assertEquals("42", kept.getMetadata().getResourceVersion());
        assertNull(kept.getSpec());
        assertNull(kept.getStatus());
        assertEquals(List.of(), kept.getMetadata().getManagedFields());
        assertEquals(Map.of(), kept.getMetadata().getLabels());
        assertFalse(store.isFullState(), "the informer must know the store is partial, so handlers get the full object");
        assertEquals("node-001", full.getSpec().getNodeName(), "the object the handlers get is left whole");
    }
}
