package dev.pitwall.sandbox.control;

import java.nio.charset.StandardCharsets;

import dev.pitwall.sandbox.store.KubeObjects;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code pod-template-hash} of a Deployment's template: FNV-1a over the template's canonical
 * JSON (without the hash label itself), written with Kubernetes' safe alphabet.
 */
public final class TemplateHash {

    public static final String LABEL = "pod-template-hash";
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private TemplateHash() {
    }

    public static String of(PodTemplateSpec template) {
        String canonical = CANONICAL.writeValueAsString(normalized(template));
        int hash = 0x811c9dc5;
        for (byte b : canonical.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        String digits = Integer.toUnsignedString(hash);
        StringBuilder encoded = new StringBuilder();
        for (char digit : digits.toCharArray()) {
            encoded.append(ALPHABET.charAt((digit - '0') % ALPHABET.length()));
        }
        return encoded.toString();
    }

    /** The template without the hash label, nulls, empty maps and empty lists, keys sorted. */
    static JsonNode normalized(PodTemplateSpec template) {
        JsonNode tree = KubeObjects.JSON.valueToTree(template);
        if (tree.path("metadata").path("labels") instanceof ObjectNode labels) {
            labels.remove(LABEL);
        }
        return sorted(tree);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = KubeObjects.JSON.createObjectNode();
            node.propertyNames().stream().sorted().forEach(name -> {
                JsonNode value = sorted(node.get(name));
                if (!value.isNull() && !((value.isObject() || value.isArray()) && value.isEmpty())) {
                    copy.set(name, value);
                }
            });
            return copy;
        }
        if (node.isArray()) {
            var copy = KubeObjects.JSON.createArrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }
}
