package dev.pitwall.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fault-injecting HTTP server on loopback in Prometheus' place: each request gets the answer
 * set last (slow, an error status, a body that is not JSON, a huge body, NaN and infinities...).
 */
public final class FaultyPrometheus implements AutoCloseable {

    /** How to answer a request. */
    public interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>(exchange -> reply(exchange, 404, "{}"));
    private final AtomicReference<String> authorization = new AtomicReference<>();

    public FaultyPrometheus() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                answer.get().send(exchange);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // the client hung up (a time-out): fine
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void answer(Answer next) {
        answer.set(next);
    }

    /** The Authorization header of the last request. */
    public String authorization() {
        return authorization.get();
    }

    public static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An answer of {@code megabytes} MB of spaces. */
    public static Answer huge(int megabytes) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < megabytes; i++) {
                    out.write(chunk);
                }
            }
        };
    }

    /** A vector answer, every series labelled by backend, with these values as Prometheus spells them. */
    public static Answer vector(String... backendAndValue) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < backendAndValue.length; i += 2) {
            result.append(i == 0 ? "" : ",").append("{\"metric\":{\"backend\":\"").append(backendAndValue[i])
                    .append("\"},\"value\":[1,\"").append(backendAndValue[i + 1]).append("\"]}");
        }
        String body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
        return exchange -> reply(exchange, 200, body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
