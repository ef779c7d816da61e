package dev.pitwall.sandbox.apiserver;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.FieldSelector;
import dev.pitwall.sandbox.store.LabelSelector;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The proxy subresource of pods and Services, GET only, answered as the API server does:
 * <ul>
 *   <li>{@code /api/v1/namespaces/NS/pods/NAME[:PORT]/proxy/PATH} goes to the pod's IP and port
 *       (the given one, else its first container port, else 8080);</li>
 *   <li>{@code /api/v1/namespaces/NS/services/[SCHEME:]NAME[:PORT]/proxy/PATH} goes to a ready
 *       endpoint of the Service's EndpointSlices, at the target port of the Service port named or
 *       numbered PORT (else its first port). A Service without a selector works too: its
 *       EndpointSlices are written by hand, as for a Prometheus outside the cluster.</li>
 * </ul>
 * The answer is returned as it is. No address, or no answer, gets 503 with the reason.
 */
final class Proxy {

    private static final long TIMEOUT_MILLIS = 5_000;

    private final ObjectStore store;
    private final ResourceType pods;
    private final ResourceType services;
    private final ResourceType endpointSlices;
    private final HttpClient http;

    Proxy(Vertx vertx, ObjectStore store, ResourceType pods, ResourceType services, ResourceType endpointSlices) {
        this.store = store;
        this.pods = pods;
        this.services = services;
        this.endpointSlices = endpointSlices;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MILLIS));
    }

    /** Where a proxied request goes. */
    private record Target(String host, int port, String what) {
    }

    void get(ApiRequest request) {
        Target target = switch (request.type().kind()) {
            case "Pod" -> pod(request.path());
            case "Service" -> service(request.path());
            default -> throw new ApiException(404, "NotFound", "the sandbox proxies pods and services only");
        };
        String query = request.http().query();
        String uri = "/" + request.path().rest() + (query == null ? "" : "?" + query);
        var response = request.http().response();
        http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(target.host()).setPort(target.port()).setURI(uri)
                        .setTimeout(TIMEOUT_MILLIS))
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
                        Responses.error(response, new ApiException(503, "ServiceUnavailable", "error trying to reach " + target.what()
                                + " at " + target.host() + ":" + target.port() + ": " + error.getMessage()));
                    }
                });
    }

    private Target pod(ApiPath path) {
        String[] nameAndPort = nameAndPort(path.name());
        String podName = nameAndPort[0];
        ObjectNode pod = store.get(pods, path.namespace(), podName).orElseThrow(() -> ApiException.notFound(pods, podName));
        String ip = pod.path("status").path("podIP").asString("");
        if (ip.isEmpty()) {
            throw new ApiException(503, "ServiceUnavailable", "pod " + podName + " has no IP yet");
        }
        int port = nameAndPort[1] != null ? number(nameAndPort[1], path.name())
                : pod.path("spec").path("containers").path(0).path("ports").path(0).path("containerPort").asInt(8080);
        return new Target(ip, port, "pod " + podName);
    }

    private Target service(ApiPath path) {
        String name = path.name();
        if (name.startsWith("http:") || name.startsWith("https:")) {
            name = name.substring(name.indexOf(':') + 1);
        }
        String[] nameAndPort = nameAndPort(name);
        String serviceName = nameAndPort[0];
        ObjectNode service = store.get(services, path.namespace(), serviceName)
                .orElseThrow(() -> ApiException.notFound(services, serviceName));
        JsonNode servicePort = null;
        for (JsonNode port : service.path("spec").path("ports")) {
            if (nameAndPort[1] == null || nameAndPort[1].equals(port.path("name").asString("")) || nameAndPort[1].equals(
                    port.path("port").asString(""))) {
                servicePort = port;
                break;
            }
        }
        if (servicePort == null) {
            throw new ApiException(503, "ServiceUnavailable", "no service port '" + nameAndPort[1] + "' on service " + serviceName);
        }
        String portName = servicePort.path("name").asString("");
        int fallbackPort = servicePort.path("targetPort").isInt() ? servicePort.path("targetPort").asInt()
                : servicePort.path("port").asInt();
        var slices = store.list(endpointSlices, path.namespace(), LabelSelector.parse("kubernetes.io/service-name=" + serviceName),
                FieldSelector.parse("")).items();
        for (ObjectNode slice : slices) {
            int port = fallbackPort;
            for (JsonNode slicePort : slice.path("ports")) {
                if (portName.equals(slicePort.path("name").asString(""))) {
                    port = slicePort.path("port").asInt(fallbackPort);
                }
            }
            for (JsonNode endpoint : slice.path("endpoints")) {
                if (endpoint.path("conditions").path("ready").asBoolean(true) && endpoint.path("addresses").size() > 0) {
                    return new Target(endpoint.path("addresses").path(0).asString(), port, "service " + serviceName);
                }
            }
        }
        throw new ApiException(503, "ServiceUnavailable", "no endpoints available for service \"" + serviceName + "\"");
    }

    /** NAME[:PORT] as {NAME, PORT or null}. */
    private static String[] nameAndPort(String name) {
        int colon = name.lastIndexOf(':');
        return colon > 0 ? new String[] {name.substring(0, colon), name.substring(colon + 1)} : new String[] {name, null};
    }

    private static int number(String port, String name) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new ApiException(400, "BadRequest", "invalid port in " + name);
        }
    }
}
