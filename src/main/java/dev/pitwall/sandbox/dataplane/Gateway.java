package dev.pitwall.sandbox.dataplane;

import java.util.concurrent.CompletableFuture;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

/**
 * One model service's entry point on a loopback port: each request goes to a backend drawn by the
 * HTTPRoute's weights, then round robin to one of that backend Service's ready endpoints, and the
 * answer comes back unchanged. No healthy endpoint: 503, as Envoy answers. {@code /metrics}
 * counts requests per backend and outcome.
 */
final class Gateway {

    private static final long UPSTREAM_TIMEOUT_MILLIS = 30_000;

    private final Vertx vertx;
    private final HttpClient upstream;
    private final String model;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;
    private volatile RoutingTable table = RoutingTable.EMPTY;
    private HttpServer server;

    Gateway(Vertx vertx, HttpClient upstream, String model) {
        this.vertx = vertx;
        this.upstream = upstream;
        this.model = model;
        this.requests = Counter.builder().name("gateway_requests").help("Requests by backend Service and HTTP status code.")
                .labelNames("route", "backend", "code").register(registry);
        this.duration = Histogram.builder().name("gateway_request_duration_seconds").help("Latency seen at the gateway.")
                .labelNames("route", "backend").classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
    }

    CompletableFuture<Integer> start(String host, int port) {
        HttpServer created = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port));
        created.requestHandler(this::handle);
        return created.listen().toCompletionStage().toCompletableFuture().thenApply(listening -> {
            server = listening;
            return listening.actualPort();
        });
    }

    void route(RoutingTable next) {
        for (RoutingTable.Backend backend : next.backends()) {
            requests.labelValues(model, backend.service(), "200"); // every backend's series exists, at zero
            duration.labelValues(model, backend.service());
        }
        table = next;
    }

    RoutingTable table() {
        return table;
    }

    String model() {
        return model;
    }

    int port() {
        return server == null ? -1 : server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        if (request.path().equals("/metrics")) {
            MetricsPage.write(registry, request.response());
            return;
        }
        long start = System.nanoTime();
        RoutingTable.Backend backend = table.pickBackend();
        String endpoint = backend == null ? null : backend.pickEndpoint();
        if (endpoint == null) {
            String name = backend == null ? "none" : backend.service();
            count(name, 503, start);
            request.response().setStatusCode(503).end("no healthy upstream");
            return;
        }
        int colon = endpoint.lastIndexOf(':');
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(endpoint.substring(0, colon))
                .setPort(Integer.parseInt(endpoint.substring(colon + 1))).setURI(request.uri())
                .setIdleTimeout(UPSTREAM_TIMEOUT_MILLIS).setConnectTimeout(2_000);
        request.body().compose(body -> upstream.request(options).compose(call -> {
            String type = request.getHeader("Content-Type");
            if (type != null) {
                call.putHeader("Content-Type", type);
            }
            return call.send(body);
        })).compose(response -> response.body().map(answer -> new Object[]{response, answer}))
                .onSuccess(result -> {
                    HttpClientResponse response = (HttpClientResponse) result[0];
                    count(backend.service(), response.statusCode(), start);
                    String type = response.getHeader("Content-Type");
                    if (type != null) {
                        request.response().putHeader("Content-Type", type);
                    }
                    request.response().setStatusCode(response.statusCode()).end((io.vertx.core.buffer.Buffer) result[1]);
                })
                .onFailure(error -> {
                    count(backend.service(), 502, start);
                    if (!request.response().ended() && !request.response().closed()) {
                        request.response().setStatusCode(502).end("upstream " + endpoint + " failed: " + error.getMessage());
                    }
                });
    }

    private void count(String backend, int code, long start) {
        requests.labelValues(model, backend, String.valueOf(code)).inc();
        duration.labelValues(model, backend).observe((System.nanoTime() - start) / 1e9);
    }

    io.vertx.core.Future<Void> close() {
        return server != null ? server.close() : io.vertx.core.Future.succeededFuture();
    }
}
