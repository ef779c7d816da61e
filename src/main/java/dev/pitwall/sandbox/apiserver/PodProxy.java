package dev.pitwall.sandbox.apiserver;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * The pod proxy subresource, GET only: {@code /api/v1/namespaces/NS/pods/NAME[:PORT]/proxy/PATH}
 * is forwarded to the pod's IP and port (the given one, else its first container port, else
 * 8080), and the pod's answer is returned as it is, as the API server does. A pod without an IP,
 * or one that does not answer, gets 503 with the reason.
 */
final class PodProxy {

    private static final long TIMEOUT_MILLIS = 5_000;

    private final ObjectStore store;
    private final ResourceType pods;
    private final HttpClient http;

    PodProxy(Vertx vertx, ObjectStore store, ResourceType pods) {
        this.store = store;
        this.pods = pods;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MILLIS));
    }

    void get(ApiRequest request) {
        ApiPath path = request.path();
        String name = path.name();
        Integer port = null;
        int colon = name.lastIndexOf(':');
        if (colon > 0) {
            try {
                port = Integer.parseInt(name.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ApiException(400, "BadRequest", "invalid port in " + name);
            }
            name = name.substring(0, colon);
        }
        String podName = name;
        ObjectNode pod = store.get(pods, path.namespace(), podName).orElseThrow(() -> ApiException.notFound(pods, podName));
        String ip = pod.path("status").path("podIP").asString("");
        if (ip.isEmpty()) {
            throw new ApiException(503, "ServiceUnavailable", "pod " + podName + " has no IP yet");
        }
        int target = port != null ? port : pod.path("spec").path("containers").path(0).path("ports").path(0)
                .path("containerPort").asInt(8080);
        String query = request.http().query();
        String uri = "/" + path.rest() + (query == null ? "" : "?" + query);
        var response = request.http().response();
        http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(ip).setPort(target).setURI(uri).setTimeout(TIMEOUT_MILLIS))
                .compose(outbound -> outbound.send().compose(answer -> answer.body().map(body -> {
                    response.setStatusCode(answer.statusCode());
                    String type = answer.getHeader("Content-Type");
                    if (type != null) {
                        response.putHeader("Content-Type", type);
                    }
                    response.end(body);
                    return null;
                })))
                .onFailure(error -> {
                    if (!response.ended()) {
                        Responses.error(response, new ApiException(503, "ServiceUnavailable", "error trying to reach pod " + podName
                                + " at " + ip + ":" + target + ": " + error.getMessage()));
                    }
                });
    }
}
