package dev.pitwall.sandbox.apiserver;

import java.util.Arrays;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.KubeObjects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the protobuf request bodies kubectl's typed clients send ({@code k8s\0} envelope around a
 * {@code runtime.Unknown}) for the few kinds they POST: access reviews and evictions. Field
 * numbers are those of Kubernetes' generated.proto files. Everything else the sandbox receives
 * is JSON; answers are always JSON, which clients accept.
 */
final class ProtobufBodies {

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

    private sealed interface Field permits Text, Number, Flag, Texts, Message {
        String name();
    }

    private record Text(String name) implements Field {
    }

    private record Number(String name) implements Field {
    }

    private record Flag(String name) implements Field {
    }

    private record Texts(String name) implements Field {
    }

    private record Message(String name, Map<Integer, Field> fields) implements Field {
    }

    private static final Map<Integer, Field> OBJECT_META = Map.of(1, new Text("name"), 2, new Text("generateName"),
            3, new Text("namespace"), 4, new Text("selfLink"), 5, new Text("uid"), 6, new Text("resourceVersion"));

    private static final Map<String, Map<Integer, Field>> KINDS = Map.of(
            "SelfSubjectAccessReview", Map.of(1, new Message("metadata", OBJECT_META), 2, new Message("spec", Map.of(
                    1, new Message("resourceAttributes", Map.of(1, new Text("namespace"), 2, new Text("verb"),
                            3, new Text("group"), 4, new Text("version"), 5, new Text("resource"),
                            6, new Text("subresource"), 7, new Text("name"))),
                    2, new Message("nonResourceAttributes", Map.of(1, new Text("path"), 2, new Text("verb")))))),
            "SelfSubjectRulesReview", Map.of(1, new Message("metadata", OBJECT_META),
                    2, new Message("spec", Map.of(1, new Text("namespace")))),
            "SelfSubjectReview", Map.of(1, new Message("metadata", OBJECT_META)),
            "Eviction", Map.of(1, new Message("metadata", OBJECT_META), 2, new Message("deleteOptions", Map.of(
                    1, new Number("gracePeriodSeconds"),
                    2, new Message("preconditions", Map.of(1, new Text("uid"), 2, new Text("resourceVersion"))),
                    3, new Flag("orphanDependents"), 4, new Text("propagationPolicy"), 5, new Texts("dryRun")))));

    private ProtobufBodies() {
    }

    static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.startsWith("application/vnd.kubernetes.protobuf");
    }

    /** The body as the JSON object it encodes; 415 for kinds the sandbox does not read as protobuf. */
    static String toJson(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw new ApiException(400, "BadRequest", "the protobuf body lacks the k8s envelope");
        }
        try {
            UnknownFieldSet unknown = UnknownFieldSet.parseFrom(Arrays.copyOfRange(body, MAGIC.length, body.length));
            UnknownFieldSet typeMeta = UnknownFieldSet.parseFrom(first(unknown, 1));
            String apiVersion = first(typeMeta, 1).toStringUtf8();
            String kind = first(typeMeta, 2).toStringUtf8();
            Map<Integer, Field> schema = KINDS.get(kind);
            if (schema == null) {
                throw new ApiException(415, "UnsupportedMediaType", "the sandbox API server reads " + kind
                        + " only as JSON");
            }
            ObjectNode object = read(UnknownFieldSet.parseFrom(first(unknown, 2)), schema);
            object.put("apiVersion", apiVersion);
            object.put("kind", kind);
            return KubeObjects.JSON.writeValueAsString(object);
        } catch (InvalidProtocolBufferException e) {
            throw new ApiException(400, "BadRequest", "the protobuf body cannot be read: " + e.getMessage());
        }
    }

    private static ObjectNode read(UnknownFieldSet fields, Map<Integer, Field> schema) throws InvalidProtocolBufferException {
        ObjectNode object = KubeObjects.JSON.createObjectNode();
        for (Map.Entry<Integer, UnknownFieldSet.Field> entry : fields.asMap().entrySet()) {
            Field field = schema.get(entry.getKey());
            UnknownFieldSet.Field value = entry.getValue();
            switch (field) {
                case null -> { }
                case Text text -> object.put(text.name(), value.getLengthDelimitedList().getFirst().toStringUtf8());
                case Number number -> object.put(number.name(), value.getVarintList().getFirst());
                case Flag flag -> object.put(flag.name(), value.getVarintList().getFirst() != 0);
                case Texts texts -> {
                    ArrayNode list = object.putArray(texts.name());
                    value.getLengthDelimitedList().forEach(item -> list.add(item.toStringUtf8()));
                }
                case Message message -> object.set(message.name(),
                        read(UnknownFieldSet.parseFrom(value.getLengthDelimitedList().getFirst()), message.fields()));
            }
        }
        return object;
    }

    private static ByteString first(UnknownFieldSet set, int number) {
        UnknownFieldSet.Field field = set.getField(number);
        return field.getLengthDelimitedList().isEmpty() ? ByteString.EMPTY : field.getLengthDelimitedList().getFirst();
    }
}
