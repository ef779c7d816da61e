package dev.pitwall.sandbox.apiserver;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.pitwall.sandbox.store.ApiException;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.WatchEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Watches, as Kubernetes serves them: a chunked HTTP stream of one JSON event per line (kubectl,
 * client-go) or one event per WebSocket message (the fabric8 client). Events come from the
 * store in resource-version order; with {@code as=Table} each event carries a one-row Table.
 */
final class WatchHandler {

    private static final long DEFAULT_TIMEOUT_SECONDS = 1800;

    private final Vertx vertx;
    private final ObjectStore store;
    private final TablePrinter printer = new TablePrinter();

    WatchHandler(Vertx vertx, ObjectStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    void watch(ApiRequest request) {
        String upgrade = request.http().getHeader(HttpHeaders.UPGRADE);
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
            request.http().toWebSocket().onSuccess(socket -> watchOverWebSocket(request, socket));
        } else {
            watchOverHttp(request);
        }
    }

    private void watchOverHttp(ApiRequest request) {
        HttpServerResponse response = request.http().response();
        response.setChunked(true).setStatusCode(200).putHeader("Content-Type", "application/json");
        AtomicBoolean closed = new AtomicBoolean();
        Runnable[] stop = new Runnable[1];
        ObjectStore.Subscription subscription;
        try {
            subscription = subscribe(request, line -> {
                if (!closed.get()) {
                    response.write(line + "\n");
                }
            });
        } catch (ApiException error) {
            response.end(errorEvent(error) + "\n");
            return;
        }
        long timer = vertx.setTimer(timeoutMillis(request), id -> stop[0].run());
        stop[0] = () -> {
            if (closed.compareAndSet(false, true)) {
                subscription.close();
                vertx.cancelTimer(timer);
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            }
        };
        response.closeHandler(ignored -> stop[0].run());
        request.http().connection().closeHandler(ignored -> stop[0].run());
    }

    private void watchOverWebSocket(ApiRequest request, ServerWebSocket socket) {
        AtomicBoolean closed = new AtomicBoolean();
        ObjectStore.Subscription subscription;
        try {
            subscription = subscribe(request, line -> {
                if (!closed.get()) {
                    socket.writeTextMessage(line);
                }
            });
        } catch (ApiException error) {
            socket.writeTextMessage(errorEvent(error)).onComplete(done -> socket.close());
            return;
        }
        long timer = vertx.setTimer(timeoutMillis(request), id -> socket.close());
        socket.closeHandler(ignored -> {
            closed.set(true);
            subscription.close();
            vertx.cancelTimer(timer);
        });
    }

    private ObjectStore.Subscription subscribe(ApiRequest request, Consumer<String> lines) {
        boolean table = request.wantsTable();
        boolean[] first = {true};
        Consumer<WatchEvent> sink = event -> {
            ObjectNode message = KubeObjects.JSON.createObjectNode();
            message.put("type", event.type().name());
            if (table) {
                ObjectNode rows = printer.table(event.resourceType(), List.of(event.object()), event.resourceVersion());
                if (!first[0]) {
                    rows.putArray("columnDefinitions");
                }
                first[0] = false;
                message.set("object", rows);
            } else {
                message.set("object", event.object());
            }
            lines.accept(KubeObjects.JSON.writeValueAsString(message));
        };
        String name = request.path().name();
        var fields = ResourceHandler.fieldSelector(request);
        if (!name.isEmpty()) {
            fields = dev.pitwall.sandbox.store.FieldSelector.parse("metadata.name=" + name
                    + (request.param("fieldSelector").isEmpty() ? "" : "," + request.param("fieldSelector")));
        }
        return store.watch(request.type(), request.path().namespace(), ResourceHandler.labelSelector(request), fields,
                request.param("resourceVersion"), sink);
    }

    private static String errorEvent(ApiException error) {
        ObjectNode message = KubeObjects.JSON.createObjectNode();
        message.put("type", "ERROR");
        JsonNode status = Responses.status(error.code(), error.reason(), error.getMessage());
        message.set("object", status);
        return KubeObjects.JSON.writeValueAsString(message);
    }

    private static long timeoutMillis(ApiRequest request) {
        String value = request.param("timeoutSeconds");
        long seconds = value.isEmpty() ? DEFAULT_TIMEOUT_SECONDS : Math.max(1, Long.parseLong(value));
        return seconds * 1000;
    }
}
