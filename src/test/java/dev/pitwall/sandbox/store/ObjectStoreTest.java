package dev.pitwall.sandbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

class ObjectStoreTest {

    private final ResourceTypes types = ResourceTypes.STANDARD;
    private final ResourceType namespaces = types.find("", "namespaces").orElseThrow();
    private final ResourceType pods = types.find("", "pods").orElseThrow();
    private final ResourceType deployments = types.find("apps", "deployments").orElseThrow();
    private ObjectStore store;

    private static ObjectNode json(String text) {
        return (ObjectNode) KubeObjects.JSON.readTree(text);
    }

    @BeforeEach
    void setUp() {
        store = new ObjectStore();
        store.create(namespaces, "", json("{\"metadata\":{\"name\":\"models\"}}"), false);
    }

    @Test
    void createAssignsIdentityAndRefusesDuplicatesAndMissingNamespaces() {
        ObjectNode pod = store.create(pods, "models", json("{\"metadata\":{\"generateName\":\"ranker-\"},\"spec\":{}}"), false);
        assertTrue(KubeObjects.name(pod).matches("ranker-[a-z0-9]{5}"));
        assertFalse(KubeObjects.uid(pod).isEmpty());
        assertEquals(1, pod.at("/metadata/generation").asInt());
        assertEquals("Pod", pod.path("kind").asString());
        ApiException duplicate = assertThrows(ApiException.class,
                () -> store.create(pods, "models", json("{\"metadata\":{\"name\":\"" + KubeObjects.name(pod) + "\"}}"), false));
        assertEquals(409, duplicate.code());
        ApiException noNamespace = assertThrows(ApiException.class,
                () -> store.create(pods, "elsewhere", json("{\"metadata\":{\"name\":\"x\"}}"), false));
        assertEquals(404, noNamespace.code());
    }

    @Test
    void updatesCheckTheResourceVersionAndBumpGenerationOnSpecChangesOnly() {
        ObjectNode created = store.create(deployments, "models", json("{\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":1}}"), false);
        ObjectNode labelled = store.modify(deployments, "models", "d", "", false, d -> {
            KubeObjects.metadata(d).putObject("labels").put("a", "b");
            return d;
        });
        assertEquals(1, labelled.at("/metadata/generation").asInt(), "metadata is not spec");
        ObjectNode scaled = store.modify(deployments, "models", "d", "", false, d -> {
            ((ObjectNode) d.get("spec")).put("replicas", 3);
            return d;
        });
        assertEquals(2, scaled.at("/metadata/generation").asInt());
        ApiException stale = assertThrows(ApiException.class, () -> store.update(deployments, "models", "d", created, "", false));
        assertEquals(409, stale.code());
    }

    @Test
    void statusIsWrittenOnlyThroughTheStatusSubresource() {
        store.create(deployments, "models", json("{\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":1}}"), false);
        store.modify(deployments, "models", "d", "", false, d -> {
            d.putObject("status").put("replicas", 99);
            return d;
        });
        assertTrue(store.get(deployments, "models", "d").orElseThrow().path("status").isMissingNode());
        ObjectNode withStatus = store.modify(deployments, "models", "d", "status", false, d -> {
            d.putObject("status").put("replicas", 1);
            ((ObjectNode) d.get("spec")).put("replicas", 7);
            return d;
        });
        assertEquals(1, withStatus.at("/status/replicas").asInt());
        assertEquals(1, withStatus.at("/spec/replicas").asInt(), "a status write leaves the spec alone");
    }

    @Test
    void podsOnANodeTerminateGracefullyOthersGoAtOnce() {
        store.create(pods, "models", json("{\"metadata\":{\"name\":\"bound\"},\"spec\":{\"nodeName\":\"n1\","
                + "\"terminationGracePeriodSeconds\":20}}"), false);
        store.create(pods, "models", json("{\"metadata\":{\"name\":\"unbound\"},\"spec\":{}}"), false);

        ObjectNode marked = store.delete(pods, "models", "bound", null, null, null, false);
        assertTrue(KubeObjects.markedForDeletion(marked));
        assertEquals(20, marked.at("/metadata/deletionGracePeriodSeconds").asInt());
        assertTrue(store.get(pods, "models", "bound").isPresent(), "the kubelet finishes it");
        store.delete(pods, "models", "bound", 0L, null, null, false);
        assertTrue(store.get(pods, "models", "bound").isEmpty(), "grace 0 removes it");

        store.delete(pods, "models", "unbound", null, null, null, false);
        assertTrue(store.get(pods, "models", "unbound").isEmpty());
    }

    @Test
    void watchesStartFromAResourceVersionAndFollowSelectors() {
        store.create(pods, "models", json("{\"metadata\":{\"name\":\"a\",\"labels\":{\"app\":\"x\"}}}"), false);
        long after = store.resourceVersion();
        store.create(pods, "models", json("{\"metadata\":{\"name\":\"b\",\"labels\":{\"app\":\"x\"}}}"), false);
        List<String> seen = new ArrayList<>();
        try (var watch = store.watch(pods, "models", LabelSelector.parse("app=x"), FieldSelector.EVERYTHING,
                String.valueOf(after), event -> seen.add(event.type() + " " + KubeObjects.name(event.object())))) {
            store.modify(pods, "models", "a", "", false, pod -> {
                ((ObjectNode) pod.at("/metadata/labels")).put("app", "y");
                return pod;
            });
            store.create(pods, "models", json("{\"metadata\":{\"name\":\"c\",\"labels\":{\"app\":\"y\"}}}"), false);
        }
        assertEquals(List.of("ADDED b", "DELETED a"), seen, "history after the version, then a label change leaving the selection");

        List<String> fromScratch = new ArrayList<>();
        store.watch(pods, "models", LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, "", e -> fromScratch.add(e.type().name())).close();
        assertEquals(List.of("ADDED", "ADDED", "ADDED"), fromScratch, "no version: the current state first");
    }

    @Test
    void aStoreStartedAgainRefusesTheVersionsOfTheOneBeforeSoThatWatchersListAgain() {
        Instant start = Instant.parse("2026-12-03T16:00:00Z");
        ObjectStore before = new ObjectStore(Clock.fixed(start, ZoneOffset.UTC));
        before.create(namespaces, "", json("{\"metadata\":{\"name\":\"models\"}}"), false);
        for (int i = 0; i < 20; i++) {
            before.create(pods, "models", json("{\"metadata\":{\"generateName\":\"ranker-\"}}"), false);
        }
        String seen = String.valueOf(before.resourceVersion());

        // the new store has written more than the old one had when its client last saw it
        ObjectStore after = new ObjectStore(Clock.fixed(start.plusSeconds(2), ZoneOffset.UTC));
        after.create(namespaces, "", json("{\"metadata\":{\"name\":\"models\"}}"), false);
        for (int i = 0; i < 200; i++) {
            after.create(pods, "models", json("{\"metadata\":{\"generateName\":\"ranker-\"}}"), false);
        }
        after.create(pods, "models", json("{\"metadata\":{\"name\":\"ranker-new\"}}"), false);
        ApiException expired = assertThrows(ApiException.class, () -> after.watch(pods, "models", LabelSelector.EVERYTHING,
                FieldSelector.EVERYTHING, seen, event -> { }));
        assertEquals(410, expired.code(), "a version of the store before is not resumed in this one's history");
        List<String> own = new ArrayList<>();
        after.watch(pods, "models", LabelSelector.EVERYTHING, FieldSelector.EVERYTHING,
                String.valueOf(after.resourceVersion() - 1), event -> own.add(KubeObjects.name(event.object()))).close();
        assertEquals(List.of("ranker-new"), own, "its own versions still resume");
    }

    @Test
    void orphaningDeleteLeavesDependentsWithoutTheOwner() {
        ObjectNode owner = store.create(deployments, "models", json("{\"metadata\":{\"name\":\"d\"},\"spec\":{}}"), false);
        store.create(pods, "models", json("{\"metadata\":{\"name\":\"p\",\"ownerReferences\":[{\"uid\":\""
                + KubeObjects.uid(owner) + "\",\"kind\":\"Deployment\",\"name\":\"d\"}]}}"), false);
        store.delete(deployments, "models", "d", null, null, "Orphan", false);
        assertTrue(store.get(pods, "models", "p").orElseThrow().at("/metadata/ownerReferences").isEmpty());
    }
}
