package dev.pitwall.sandbox.apiserver;

import dev.pitwall.sandbox.rbac.RequestAttributes;
import dev.pitwall.sandbox.rbac.UserInfo;
import dev.pitwall.sandbox.store.ResourceType;
import io.vertx.core.http.HttpServerRequest;

/** One authorized request to a resource: who, what, and the raw HTTP request. */
record ApiRequest(HttpServerRequest http, UserInfo user, ResourceType type, ApiPath path, RequestAttributes attributes,
                  String body) {

    String param(String name) {
        String value = http.getParam(name);
        return value == null ? "" : value;
    }

    boolean dryRun() {
        return param("dryRun").equals("All");
    }

    boolean wantsTable() {
        String accept = http.getHeader("Accept");
        return accept != null && accept.contains("as=Table");
    }
}
