package dev.pitwall.sandbox.apiserver;

import java.util.List;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.FieldSelector;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.LabelSelector;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.Patches;
import dev.pitwall.sandbox.store.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The verbs on a resource and its status subresource: get, list, create, update, patch, delete. */
final class ResourceHandler {

    private final ObjectStore store;
    private final TablePrinter printer = new TablePrinter();
    private final ListPages pages = new ListPages();

    ResourceHandler(ObjectStore store) {
        this.store = store;
    }

    void get(ApiRequest request) {
        ApiPath path = request.path();
        ObjectNode object = store.get(request.type(), path.namespace(), path.name())
                .orElseThrow(() -> ApiException.notFound(request.type(), path.name()));
        if (request.wantsTable()) {
            Responses.json(request.http().response(), 200,
                    printer.table(request.type(), List.of(object), KubeObjects.resourceVersion(object)));
        } else {
            Responses.json(request.http().response(), 200, object);
        }
    }

    /** A list, or one chunk of it when the client asks for chunks ({@code limit}, then {@code continue}). */
    void list(ApiRequest request) {
        long limit = ListPages.limit(request.param("limit"));
        String token = request.param("continue");
        ListPages.Page page = token.isEmpty()
                ? pages.first(request.type(), store.list(request.type(), request.path().namespace(),
                        labelSelector(request), fieldSelector(request)), limit)
                : pages.next(request.type(), token, limit);
        ObjectNode list;
        if (request.wantsTable()) {
            list = printer.table(request.type(), page.items(), page.resourceVersion());
        } else {
            list = KubeObjects.JSON.createObjectNode();
            list.put("kind", request.type().kind() + "List");
            list.put("apiVersion", request.type().apiVersion());
            list.putObject("metadata").put("resourceVersion", String.valueOf(page.resourceVersion()));
            ArrayNode items = list.putArray("items");
            page.items().forEach(items::add);
        }
        if (!page.continueToken().isEmpty()) {
            ObjectNode metadata = (ObjectNode) list.get("metadata");
            metadata.put("continue", page.continueToken());
            metadata.put("remainingItemCount", page.remainingItemCount());
        }
        Responses.json(request.http().response(), 200, list);
    }

    static LabelSelector labelSelector(ApiRequest request) {
        try {
            return LabelSelector.parse(request.param("labelSelector"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unable to parse requirement: " + e.getMessage());
        }
    }

    static FieldSelector fieldSelector(ApiRequest request) {
        try {
            return FieldSelector.parse(request.param("fieldSelector"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid field selector: " + e.getMessage());
        }
    }

    void create(ApiRequest request) {
        ObjectNode object = body(request);
        checkKind(request.type(), object);
        String namespace = request.path().namespace();
        String bodyNamespace = KubeObjects.namespace(object);
        if (request.type().namespaced() && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        ObjectNode created = store.create(request.type(), namespace, object, request.dryRun());
        Responses.json(request.http().response(), 201, created);
    }

    void update(ApiRequest request) {
        ObjectNode object = body(request);
        checkKind(request.type(), object);
        ApiPath path = request.path();
        ObjectNode updated = store.update(request.type(), path.namespace(), path.name(), object, path.subresource(),
                request.dryRun());
        Responses.json(request.http().response(), 200, updated);
    }

    void patch(ApiRequest request) {
        ApiPath path = request.path();
        String contentType = request.http().getHeader("Content-Type");
        ObjectNode patched = store.modify(request.type(), path.namespace(), path.name(), path.subresource(),
                request.dryRun(), current -> Patches.apply(current, contentType, request.body()));
        Responses.json(request.http().response(), 200, patched);
    }

    void delete(ApiRequest request) {
        ApiPath path = request.path();
        DeleteOptions options = DeleteOptions.of(request);
        ObjectNode deleted = store.delete(request.type(), path.namespace(), path.name(), options.gracePeriodSeconds(),
                options.preconditionUid(), options.propagationPolicy(), request.dryRun());
        Responses.json(request.http().response(), 200, deleted);
    }

    void deleteCollection(ApiRequest request) {
        DeleteOptions options = DeleteOptions.of(request);
        ObjectStore.ListResult result = store.list(request.type(), request.path().namespace(),
                labelSelector(request), fieldSelector(request));
        ObjectNode list = KubeObjects.JSON.createObjectNode();
        list.put("kind", request.type().kind() + "List");
        list.put("apiVersion", request.type().apiVersion());
        ArrayNode items = list.putArray("items");
        for (ObjectNode object : result.items()) {
            try {
                items.add(store.delete(request.type(), KubeObjects.namespace(object), KubeObjects.name(object),
                        options.gracePeriodSeconds(), null, options.propagationPolicy(), request.dryRun()));
            } catch (ApiException gone) {
                // deleted meanwhile
            }
        }
        list.putObject("metadata").put("resourceVersion", String.valueOf(store.resourceVersion()));
        Responses.json(request.http().response(), 200, list);
    }

    static ObjectNode body(ApiRequest request) {
        if (request.body() == null || request.body().isBlank()) {
            throw ApiException.badRequest("the request has no body");
        }
        JsonNode node;
        try {
            node = KubeObjects.JSON.readTree(request.body());
        } catch (RuntimeException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return object;
    }

    private static void checkKind(ResourceType type, ObjectNode object) {
        String kind = object.path("kind").asString("");
        String apiVersion = object.path("apiVersion").asString("");
        if ((!kind.isEmpty() && !kind.equals(type.kind())) || (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion()))) {
            throw ApiException.badRequest("the object is a " + apiVersion + " " + kind + ", but this endpoint serves "
                    + type.apiVersion() + " " + type.kind());
        }
    }

    /** DeleteOptions from the body (kubectl) or the query (curl). */
    record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid) {
        static DeleteOptions of(ApiRequest request) {
            Long grace = request.param("gracePeriodSeconds").isEmpty() ? null : Long.parseLong(request.param("gracePeriodSeconds"));
            String propagation = request.param("propagationPolicy");
            String uid = null;
            if (request.body() != null && !request.body().isBlank()) {
                JsonNode options = KubeObjects.JSON.readTree(request.body());
                if (options.has("gracePeriodSeconds") && !options.get("gracePeriodSeconds").isNull()) {
                    grace = options.get("gracePeriodSeconds").asLong();
                }
                if (options.has("propagationPolicy")) {
                    propagation = options.get("propagationPolicy").asString("");
                }
                uid = options.path("preconditions").path("uid").asString(null);
            }
            return new DeleteOptions(grace, propagation, uid);
        }
    }
}
