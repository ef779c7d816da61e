package dev.pitwall.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Prometheus client against a fault-injecting server on loopback in Prometheus' place: every
 * misbehaviour becomes a sentence naming the endpoint, never a hang or a stack trace.
 */
class PrometheusClientTest {

    private interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private HttpServer server;
    private final AtomicReference<Answer> answer = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private PrometheusClient client(Duration timeout) {
        return new PrometheusClient(PrometheusClient.Endpoint.of("http://127.0.0.1:" + server.getAddress().getPort()), timeout);
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void readsAVectorWithNaNAndInfinities() {
        answer.set(exchange -> reply(exchange, 200, """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"backend":"a"},"value":[1,"12.5"]},
                 {"metric":{"backend":"b"},"value":[1,"NaN"]},
                 {"metric":{"backend":"c"},"value":[1,"+Inf"]},
                 {"metric":{"backend":"d"},"value":[1,"-Inf"]}]}}"""));
        List<Sample> samples = client(Duration.ofSeconds(2)).query("up");
        assertEquals(12.5, samples.get(0).value());
        assertTrue(Double.isNaN(samples.get(1).value()));
        assertEquals(Double.POSITIVE_INFINITY, samples.get(2).value());
        assertEquals(Double.NEGATIVE_INFINITY, samples.get(3).value());
    }

    @Test
    void sendsTheBearerTokenButNeverNamesIt() {
        answer.set(exchange -> reply(exchange, 500, "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"boom\"}"));
        PrometheusClient client = new PrometheusClient(new PrometheusClient.Endpoint(
                java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "s3cret-token", null, null), Duration.ofSeconds(2));
        MetricsException error = assertThrows(MetricsException.class, () -> client.query("up"));
        assertEquals("Bearer s3cret-token", authorization.get());
        assertTrue(!error.getMessage().contains("s3cret"), error.getMessage());
        assertTrue(error.getMessage().contains("refused 'up': HTTP 500, internal: boom"), error.getMessage());
    }

    @Test
    void aSlowAnswerTimesOut() {
        answer.set(exchange -> {
            Thread.sleep(3000);
            reply(exchange, 200, "{}");
        });
        long started = System.nanoTime();
        MetricsException error = assertThrows(MetricsException.class, () -> client(Duration.ofMillis(300)).query("up"));
        assertTrue(error.getMessage().endsWith("did not answer within 300 ms"), error.getMessage());
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "gave up long before the answer came");
    }

    @Test
    void malformedJsonHugeAnswersAndAStrangerAreNamed() {
        answer.set(exchange -> reply(exchange, 200, "<html>not prometheus</html>"));
        assertTrue(assertThrows(MetricsException.class, () -> client(Duration.ofSeconds(2)).query("up")).getMessage()
                .contains("a body that is not JSON; is the URL Prometheus' own?"));

        answer.set(exchange -> reply(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                + "\"value\":[1,\"many\"]}]}}"));
        assertTrue(assertThrows(MetricsException.class, () -> client(Duration.ofSeconds(2)).query("up")).getMessage()
                .contains("with the value 'many', not a number"));

        answer.set(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 40; i++) {
                    out.write(chunk);
                }
            }
        });
        assertTrue(assertThrows(MetricsException.class, () -> client(Duration.ofSeconds(5)).query("up")).getMessage()
                .contains("with more than 32 MB; narrow the query"));
    }

    @Test
    void anUnreachablePrometheusIsNamed() {
        int port = server.getAddress().getPort();
        server.stop(0);
        MetricsException error = assertThrows(MetricsException.class, () -> new PrometheusClient(
                PrometheusClient.Endpoint.of("http://127.0.0.1:" + port), Duration.ofSeconds(1)).query("up"));
        assertTrue(error.getMessage().startsWith("cannot reach Prometheus at http://127.0.0.1:" + port), error.getMessage());
    }
}
