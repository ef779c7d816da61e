package dev.pitwall.sandbox.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

class PatchesTest {

    private static final String DEPLOYMENT = """
            {"metadata":{"name":"d","labels":{"a":"1","b":"2"}},
             "spec":{"replicas":2,"template":{"metadata":{"annotations":{"x":"1"}},"spec":{"containers":[
               {"name":"server","image":"m:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                "ports":[{"containerPort":8080}]},
               {"name":"sidecar","image":"s:1"}]}}}}""";

    private static ObjectNode deployment() {
        return (ObjectNode) KubeObjects.JSON.readTree(DEPLOYMENT);
    }

    @Test
    void strategicMergeOfTheRestartAnnotationKeepsEverythingElse() {
        ObjectNode patched = Patches.apply(deployment(), Patches.STRATEGIC_MERGE_PATCH,
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"kubectl.kubernetes.io/restartedAt\":\"now\"}}}}}");
        assertEquals("now", patched.at("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt").asString());
        assertEquals("1", patched.at("/spec/template/metadata/annotations/x").asString());
        assertEquals(2, patched.at("/spec/template/spec/containers").size());
    }

    @Test
    void strategicMergeMergesListsByTheirKeys() {
        ObjectNode patched = Patches.apply(deployment(), Patches.STRATEGIC_MERGE_PATCH, """
                {"spec":{"template":{"spec":{"containers":[
                  {"name":"server","image":"m:2","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]},
                  {"name":"sidecar","$patch":"delete"}]}}}}""");
        var containers = patched.at("/spec/template/spec/containers");
        assertEquals(1, containers.size());
        assertEquals("m:2", containers.get(0).path("image").asString());
        assertEquals(3, containers.get(0).path("env").size());
        assertEquals("3", containers.get(0).path("env").get(1).path("value").asString());
        assertEquals(8080, containers.get(0).at("/ports/0/containerPort").asInt(), "untouched fields stay");
    }

    @Test
    void mergePatchReplacesListsAndNullRemoves() {
        ObjectNode patched = Patches.apply(deployment(), Patches.MERGE_PATCH,
                "{\"metadata\":{\"labels\":{\"a\":null}},\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"only\"}]}}}}");
        assertFalse(patched.at("/metadata/labels").has("a"));
        assertEquals(1, patched.at("/spec/template/spec/containers").size());
    }

    @Test
    void jsonPatchAndItsErrors() {
        ObjectNode patched = Patches.apply(deployment(), Patches.JSON_PATCH,
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]");
        assertEquals(5, patched.at("/spec/replicas").asInt());
        ApiException missing = assertThrows(ApiException.class, () -> Patches.apply(deployment(), Patches.JSON_PATCH,
                "[{\"op\":\"replace\",\"path\":\"/spec/nothing/here\",\"value\":5}]"));
        assertEquals(422, missing.code());
        ApiException unknown = assertThrows(ApiException.class, () -> Patches.apply(deployment(), "application/apply-patch+yaml", "{}"));
        assertEquals(415, unknown.code());
    }
}
