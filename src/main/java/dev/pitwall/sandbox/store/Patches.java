package dev.pitwall.sandbox.store;

import java.util.Iterator;
import java.util.Map;

import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The patch types the Kubernetes API accepts: JSON Patch (RFC 6902), JSON Merge Patch (RFC 7386)
 * and strategic merge patch. Strategic merge knows the merge keys of the lists Pitwall's fleet
 * uses (containers by name, ports by containerPort, conditions by type, ...), as Kubernetes'
 * OpenAPI declares them; other lists are replaced. {@code $patch: delete|replace} directives are
 * honoured; order directives are ignored.
 */
public final class Patches {

    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    public static final String APPLY_PATCH = "application/apply-patch+yaml";

    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("env", "name"), Map.entry("volumes", "name"),
            Map.entry("volumeMounts", "mountPath"), Map.entry("volumeDevices", "devicePath"),
            Map.entry("imagePullSecrets", "name"), Map.entry("conditions", "type"),
            Map.entry("hostAliases", "ip"), Map.entry("topologySpreadConstraints", "topologyKey"),
            Map.entry("ownerReferences", "uid"), Map.entry("taints", "key"), Map.entry("addresses", "type"),
            Map.entry("resourceClaims", "name"), Map.entry("schedulingGates", "name"));

    private Patches() {
    }

    public static ObjectNode apply(ObjectNode current, String contentType, String body) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        JsonNode patch;
        try {
            patch = KubeObjects.JSON.readTree(body);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("the patch is not valid JSON: " + e.getMessage());
        }
        JsonNode result = switch (mediaType) {
            case JSON_PATCH -> jsonPatch(current, patch);
            case MERGE_PATCH -> mergePatch(current, patch);
            case STRATEGIC_MERGE_PATCH -> strategicMerge(current, patch, "");
            default -> throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format"
                    + " - accepted media types include: " + JSON_PATCH + ", " + MERGE_PATCH + ", " + STRATEGIC_MERGE_PATCH);
        };
        if (!(result instanceof ObjectNode object)) {
            throw ApiException.badRequest("the patch does not leave an object");
        }
        return object;
    }

    private static JsonNode jsonPatch(ObjectNode current, JsonNode patch) {
        if (!patch.isArray()) {
            throw ApiException.badRequest("a JSON patch must be a list of operations");
        }
        try {
            return JsonPatch.apply(patch, current);
        } catch (JsonPatchException | IllegalArgumentException e) {
            throw new ApiException(422, "Invalid", "the JSON patch cannot be applied: " + e.getMessage());
        }
    }

    /** RFC 7386: objects merge, null removes, anything else replaces. */
    public static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : KubeObjects.JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.set(entry.getKey(), mergePatch(result.get(entry.getKey()), entry.getValue()));
            }
        }
        return result;
    }

    private static JsonNode strategicMerge(JsonNode target, JsonNode patch, String field) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        String directive = patch.path("$patch").asString("");
        if (directive.equals("replace")) {
            return ((ObjectNode) patch.deepCopy()).without("$patch");
        }
        ObjectNode result = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : KubeObjects.JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            if (key.startsWith("$")) {
                continue; // $patch handled above, $retainKeys and order directives are not needed here
            }
            if (key.startsWith("$setElementOrder/") || key.startsWith("$deleteFromPrimitiveList/")) {
                continue;
            }
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isObject() && "delete".equals(value.path("$patch").asString(""))) {
                result.remove(key);
            } else if (value.isArray() && MERGE_KEYS.containsKey(key) && result.get(key) instanceof ArrayNode existing) {
                result.set(key, mergeList(existing, (ArrayNode) value, MERGE_KEYS.get(key), key));
            } else if (value.isArray() && key.equals("ports") && result.get(key) instanceof ArrayNode existing) {
                String mergeKey = existing.isEmpty() || existing.get(0).has("containerPort") ? "containerPort" : "port";
                result.set(key, mergeList(existing, (ArrayNode) value, mergeKey, key));
            } else if (value.isObject()) {
                result.set(key, strategicMerge(result.get(key), value, key));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        return result;
    }

    private static ArrayNode mergeList(ArrayNode existing, ArrayNode patch, String mergeKey, String field) {
        ArrayNode result = existing.deepCopy();
        for (JsonNode item : patch) {
            if (!item.isObject() || !item.has(mergeKey)) {
                if (item.isObject() && "replace".equals(item.path("$patch").asString(""))) {
                    return KubeObjects.JSON.createArrayNode();
                }
                result.add(item.deepCopy());
                continue;
            }
            JsonNode keyValue = item.get(mergeKey);
            int index = indexOf(result, mergeKey, keyValue);
            if ("delete".equals(item.path("$patch").asString(""))) {
                if (index >= 0) {
                    result.remove(index);
                }
            } else if (index >= 0) {
                result.set(index, strategicMerge(result.get(index), item, field));
            } else {
                result.add(((ObjectNode) item.deepCopy()).without("$patch"));
            }
        }
        return result;
    }

    private static int indexOf(ArrayNode list, String mergeKey, JsonNode value) {
        int index = 0;
        for (Iterator<JsonNode> it = list.iterator(); it.hasNext(); index++) {
            if (value.equals(it.next().get(mergeKey))) {
                return index;
            }
        }
        return -1;
    }
}
