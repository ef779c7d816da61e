package dev.pitwall.sandbox.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class SelectorsTest {

    private static JsonNode json(String text) {
        return KubeObjects.JSON.readTree(text);
    }

    @Test
    void labelSelectorQueryForm() {
        JsonNode labels = json("{\"app\":\"ranker\",\"track\":\"primary\",\"env\":\"prod\"}");
        assertTrue(LabelSelector.parse("app=ranker,track==primary").matches(labels));
        assertTrue(LabelSelector.parse("app=ranker, env in (prod,staging), !legacy").matches(labels));
        assertTrue(LabelSelector.parse("track notin (canary)").matches(labels));
        assertTrue(LabelSelector.parse("env").matches(labels));
        assertFalse(LabelSelector.parse("track!=primary").matches(labels));
        assertFalse(LabelSelector.parse("app=ranker,env in (dev)").matches(labels));
        assertTrue(LabelSelector.parse("").matches(labels));
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse("env in prod"));
    }

    @Test
    void labelSelectorObjectForm() {
        JsonNode labels = json("{\"app\":\"ranker\",\"track\":\"standby\"}");
        assertTrue(LabelSelector.fromObject(json("{\"matchLabels\":{\"app\":\"ranker\"},"
                + "\"matchExpressions\":[{\"key\":\"track\",\"operator\":\"In\",\"values\":[\"standby\",\"primary\"]}]}")).matches(labels));
        assertFalse(LabelSelector.fromObject(json("{\"matchExpressions\":[{\"key\":\"track\",\"operator\":\"DoesNotExist\"}]}"))
                .matches(labels));
        assertTrue(LabelSelector.fromObject(json("{}")).matches(labels), "an empty selector selects everything");
        assertFalse(LabelSelector.fromObject(null).matches(labels), "no selector selects nothing");
        assertFalse(LabelSelector.fromMap(json("{}")).matches(labels), "an empty Service selector selects nothing");
    }

    @Test
    void fieldSelectorsReadAnyPathAndTreatAbsentAsEmpty() {
        JsonNode pod = json("{\"metadata\":{\"name\":\"p1\"},\"spec\":{\"nodeName\":\"n1\"},\"status\":{\"phase\":\"Running\"}}");
        assertTrue(FieldSelector.parse("spec.nodeName=n1,status.phase!=Succeeded,status.phase!=Failed").matches(pod));
        assertFalse(FieldSelector.parse("metadata.name=p2").matches(pod));
        assertTrue(FieldSelector.parse("spec.schedulerName=").matches(pod));
        assertThrows(IllegalArgumentException.class, () -> FieldSelector.parse("spec.nodeName"));
    }
}
