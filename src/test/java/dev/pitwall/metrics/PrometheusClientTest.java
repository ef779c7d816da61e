package dev.pitwall.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


/**
 * The Prometheus client against a fault-injecting server on loopback in Prometheus' place: every
 * misbehaviour becomes a sentence naming the endpoint, never a hang or a stack trace.
 */
class PrometheusClientTest {

    private FaultyPrometheus server;

    @BeforeEach
    void start() throws IOException {
        server = new FaultyPrometheus();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PrometheusClient client(Duration timeout) {
        return new PrometheusClient(PrometheusClient.Endpoint.of(server.url()), timeout);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, int code, String body) throws IOException {
        FaultyPrometheus.reply(exchange, code, body);
    }

    @Test
    void readsAVectorWithNaNAndInfinities() {
        server.answer(exchange -> reply(exchange, 200, """
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
        server.answer(exchange -> reply(exchange, 500, "{\"status\":\"error\",\"errorType\":\"internal\",\"error\":\"boom\"}"));
        PrometheusClient client = new PrometheusClient(new PrometheusClient.Endpoint(
                java.net.URI.create(server.url()), "s3cret-token", null, null), Duration.ofSeconds(2));
        MetricsException error = assertThrows(MetricsException.class, () -> client.query("up"));
        assertEquals("Bearer s3cret-token", server.authorization());
        assertTrue(!error.getMessage().contains("s3cret"), error.getMessage());
        assertTrue(error.getMessage().contains("refused 'up': HTTP 500, internal: boom"), error.getMessage());
    }

    @Test
    void aSlowAnswerTimesOut() {
        server.answer(exchange -> {
            Thread.sleep(3000);
            reply(exchange, 200, "{}");
        });
        long started = System.nanoTime();
        MetricsException error = assertThrows(MetricsException.class, () -> client(Duration.ofMillis(300)).query("up"));
        assertTrue(error.getMessage().endsWith("did not answer within 300 ms"), error.getMessage());
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "gave up long before the answer came");
    }

    @Test
    void anAnswerThatTricklesIsCutOffAtTheTimeOut() {
        server.answer(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 30; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            }
        });
        long started = System.nanoTime();
        MetricsException error = assertThrows(MetricsException.class, () -> client(Duration.ofMillis(500)).query("up"));
        assertTrue(error.getMessage().endsWith("did not finish its answer within 500 ms"), error.getMessage());
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "gave up long before the answer ended");
    }

    @Test
    void readsARangeQueryAsSeries() {
        server.answer(exchange -> reply(exchange, 200, """
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"backend":"a"},"values":[[100,"1.5"],[101,"NaN"],[102,"+Inf"]]}]}}"""));
        List<PrometheusClient.Series> series = client(Duration.ofSeconds(2)).queryRange("up", 100, 102, 1);
        assertEquals("a", series.getFirst().label("backend"));
        assertEquals(102, series.getFirst().seconds()[2]);
        assertEquals(1.5, series.getFirst().values()[0]);
        assertTrue(Double.isNaN(series.getFirst().values()[1]));
        assertEquals(Double.POSITIVE_INFINITY, series.getFirst().values()[2]);
    }

    @Test
    void malformedJsonHugeAnswersAndAStrangerAreNamed() {
        server.answer(exchange -> reply(exchange, 200, "<html>not prometheus</html>"));
        assertTrue(assertThrows(MetricsException.class, () -> client(Duration.ofSeconds(2)).query("up")).getMessage()
                .contains("a body that is not JSON; is the URL Prometheus' own?"));

        server.answer(exchange -> reply(exchange, 200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                + "\"value\":[1,\"many\"]}]}}"));
        assertTrue(assertThrows(MetricsException.class, () -> client(Duration.ofSeconds(2)).query("up")).getMessage()
                .contains("with the value 'many', not a number"));

        server.answer(FaultyPrometheus.huge(40));
        assertTrue(assertThrows(MetricsException.class, () -> client(Duration.ofSeconds(5)).query("up")).getMessage()
                .contains("with more than 8 MB; narrow the query"));
    }

    @Test
    void anUnreachablePrometheusIsNamed() {
        int port = server.port();
        server.close();
        MetricsException error = assertThrows(MetricsException.class, () -> new PrometheusClient(
                PrometheusClient.Endpoint.of("http://127.0.0.1:" + port), Duration.ofSeconds(1)).query("up"));
        assertTrue(error.getMessage().startsWith("cannot reach Prometheus at http://127.0.0.1:" + port), error.getMessage());
    }
}
