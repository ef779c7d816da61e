package dev.pitwall.sandbox.apiserver;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.KubeObjects;
import io.vertx.core.http.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Writing JSON answers and Kubernetes Status objects. */
final class Responses {

    private Responses() {
    }

    static void json(HttpServerResponse response, int code, JsonNode body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(code).putHeader("Content-Type", "application/json")
                .end(KubeObjects.JSON.writeValueAsString(body));
    }

    static ObjectNode status(int code, String reason, String message) {
        ObjectNode status = KubeObjects.JSON.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", code < 400 ? "Success" : "Failure");
        if (message != null) {
            status.put("message", message);
        }
        if (reason != null) {
            status.put("reason", reason);
        }
        status.put("code", code);
        return status;
    }

    static void error(HttpServerResponse response, ApiException error) {
        json(response, error.code(), status(error.code(), error.reason(), error.getMessage()));
    }

    static void success(HttpServerResponse response, int code) {
        json(response, code, status(code, null, null));
    }
}
