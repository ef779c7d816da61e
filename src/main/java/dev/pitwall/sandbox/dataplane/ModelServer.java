package dev.pitwall.sandbox.dataplane;

import java.util.ArrayDeque;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pitwall.sandbox.store.KubeObjects;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sandbox pod's model server on the pod's own loopback address: {@code POST
 * /v1/models/MODEL:predict} runs the model behind {@link ModelBehaviour#slots()} workers and a
 * bounded queue, so latency grows as utilisation nears 1 and the server answers 503 past the
 * queue limit; {@code /healthz}, {@code /readyz} and {@code /metrics} as Kubernetes and Prometheus
 * expect. All state lives on the server's event loop.
 */
final class ModelServer {

    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);

    private record Pending(HttpServerRequest request, JsonNode body, long arrivedNanos) {
    }

    private final Vertx vertx;
    /** The event loop every request, timer and state change of this server runs on. */
    private final Context context;
    private final String address;
    private final int port;
    private final String model;
    private final ModelBehaviour behaviour;
    private final LogisticModel logistic;
    private final Random random = new Random();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;
    private final Gauge inFlight;
    private final Gauge loadedGauge;
    private HttpServer server;
    private int busy;
    private final int slots;
    private volatile boolean loaded;
    private volatile boolean terminating;
    private boolean closing;

    ModelServer(Vertx vertx, String address, int port, String model, String version, ModelBehaviour behaviour) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.address = address;
        this.port = port;
        this.model = model;
        this.behaviour = behaviour;
        this.logistic = new LogisticModel(model, version);
        this.slots = behaviour.slots();
        this.requests = Counter.builder().name("model_requests").help("Prediction requests by HTTP status code.")
                .labelNames("code").register(registry);
        this.duration = Histogram.builder().name("model_request_duration_seconds")
                .help("Prediction latency, queueing included.").classicOnly()
                .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10).register(registry);
        this.inFlight = Gauge.builder().name("model_inflight_requests").help("Requests being served or waiting.").register(registry);
        this.loadedGauge = Gauge.builder().name("model_loaded").help("1 once the model has loaded.").register(registry);
        for (String code : new String[]{"200", "500", "503"}) {
            requests.labelValues(code); // known series exist from the start, at zero
        }
    }

    String endpoint() {
        return address + ":" + port;
    }

    /** Starts listening; the model is not loaded yet, so predictions get 503 until {@link #markLoaded()}. */
    CompletableFuture<Void> start() {
        CompletableFuture<Void> started = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            HttpServer created = vertx.createHttpServer(new HttpServerOptions().setHost(address).setPort(port).setReuseAddress(true));
            created.requestHandler(this::handle);
            created.listen().onSuccess(listening -> {
                server = listening;
                started.complete(null);
            }).onFailure(started::completeExceptionally);
        });
        return started;
    }

    void markLoaded() {
        loaded = true;
        loadedGauge.set(1);
    }

    /** The pod is being deleted: not ready any more, but it serves what still arrives until closed. */
    void markTerminating() {
        terminating = true;
    }

    /** Drains: closes once the requests being served and queued are done, or after {@code maxMillis}. */
    void closeAfterDrain(long maxMillis) {
        context.runOnContext(ignored -> {
            closing = true;
            closeIfDrained();
            vertx.setTimer(Math.max(1, maxMillis), id -> closeNow());
        });
    }

    /** Closes at once: requests being served are dropped, as a killed process drops them. */
    io.vertx.core.Future<Void> closeNow() {
        return server != null ? server.close() : io.vertx.core.Future.succeededFuture();
    }

    private void closeIfDrained() {
        if (closing && busy == 0 && queue.isEmpty()) {
            closeNow();
        }
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        switch (path) {
            case "/healthz" -> request.response().end("ok");
            case "/readyz" -> request.response().setStatusCode(loaded && !terminating ? 200 : 503)
                    .end(loaded ? (terminating ? "terminating" : "ready") : "loading model");
            case "/metrics" -> MetricsPage.write(registry, request.response());
            default -> {
                if (request.method() == HttpMethod.POST && path.equals("/v1/models/" + model + ":predict")) {
                    long arrived = System.nanoTime();
                    request.body().onSuccess(body -> admit(request, body, arrived));
                } else {
                    request.response().setStatusCode(404).end("no such model endpoint: " + request.method() + " " + path);
                }
            }
        }
    }

    private void admit(HttpServerRequest request, Buffer body, long arrived) {
        if (!loaded) {
            finish(request, arrived, 503, "{\"error\":\"model " + model + " is loading\"}");
            return;
        }
        JsonNode json;
        try {
            json = KubeObjects.JSON.readTree(body.toString());
        } catch (RuntimeException e) {
            finish(request, arrived, 400, "{\"error\":\"the body is not JSON\"}");
            return;
        }
        Pending pending = new Pending(request, json, arrived);
        if (busy < slots) {
            serve(pending);
        } else if (queue.size() < behaviour.queueLimit()) {
            queue.addLast(pending);
            inFlight.set(busy + queue.size());
        } else {
            finish(request, arrived, 503, "{\"error\":\"overloaded: " + queue.size() + " requests waiting\"}");
        }
    }

    private void serve(Pending pending) {
        busy++;
        inFlight.set(busy + queue.size());
        long millis = Math.max(1, Math.round(behaviour.serviceMillis(random)));
        vertx.setTimer(millis, id -> {
            busy--;
            respond(pending);
            Pending next = queue.pollFirst();
            if (next != null) {
                serve(next);
            }
            inFlight.set(busy + queue.size());
            closeIfDrained();
        });
    }

    private void respond(Pending pending) {
        if (behaviour.errorRate() > 0 && random.nextDouble() < behaviour.errorRate()) {
            finish(pending.request(), pending.arrivedNanos(), 500, "{\"error\":\"inference failed\"}");
            return;
        }
        try {
            ObjectNode answer = KubeObjects.JSON.createObjectNode();
            answer.set("predictions", logistic.predict(pending.body()));
            answer.put("model", model);
            finish(pending.request(), pending.arrivedNanos(), 200, KubeObjects.JSON.writeValueAsString(answer));
        } catch (IllegalArgumentException e) {
            finish(pending.request(), pending.arrivedNanos(), 400,
                    KubeObjects.JSON.writeValueAsString(KubeObjects.JSON.createObjectNode().put("error", e.getMessage())));
        }
    }

    private void finish(HttpServerRequest request, long arrived, int code, String body) {
        requests.labelValues(String.valueOf(code)).inc();
        duration.observe((System.nanoTime() - arrived) / 1e9);
        if (request.response().closed() || request.response().ended()) {
            return;
        }
        request.response().setStatusCode(code).putHeader("Content-Type", "application/json").end(body);
    }

    boolean isServing() {
        return server != null;
    }

    void awaitClosed() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("model server {} did not close cleanly: {}", endpoint(), e.toString());
            }
        }
    }
}
