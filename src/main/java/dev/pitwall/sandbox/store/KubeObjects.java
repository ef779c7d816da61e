package dev.pitwall.sandbox.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers for Kubernetes objects held as JSON trees. */
public final class KubeObjects {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private KubeObjects() {
    }

    public static ObjectNode metadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode node) {
            return node;
        }
        return object.putObject("metadata");
    }

    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asString("");
    }

    public static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asString("");
    }

    public static String uid(JsonNode object) {
        return object.path("metadata").path("uid").asString("");
    }

    public static long resourceVersion(JsonNode object) {
        String text = object.path("metadata").path("resourceVersion").asString("");
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static boolean markedForDeletion(JsonNode object) {
        JsonNode timestamp = object.path("metadata").get("deletionTimestamp");
        return timestamp != null && !timestamp.isNull();
    }

    public static boolean hasFinalizers(JsonNode object) {
        JsonNode finalizers = object.path("metadata").get("finalizers");
        return finalizers != null && finalizers.isArray() && !finalizers.isEmpty();
    }

    /** RFC 3339 with seconds, as Kubernetes writes metav1.Time. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static ArrayNode array(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node instanceof ArrayNode array) {
            return array;
        }
        return parent.putArray(field);
    }

    public static ObjectNode object(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node instanceof ObjectNode child) {
            return child;
        }
        return parent.putObject(field);
    }

    /** Whether {@code object} is controlled (or owned) by an owner with that uid. */
    public static boolean ownedBy(JsonNode object, String ownerUid) {
        for (JsonNode reference : object.path("metadata").path("ownerReferences")) {
            if (ownerUid.equals(reference.path("uid").asString())) {
                return true;
            }
        }
        return false;
    }
}
