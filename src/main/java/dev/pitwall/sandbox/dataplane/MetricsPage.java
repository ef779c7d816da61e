package dev.pitwall.sandbox.dataplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.http.HttpServerResponse;

/** Serves a registry in Prometheus' text format, as a scrape target's {@code /metrics}. */
final class MetricsPage {

    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private MetricsPage() {
    }

    static void write(PrometheusRegistry registry, HttpServerResponse response) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            WRITER.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.putHeader("Content-Type", PrometheusTextFormatWriter.CONTENT_TYPE).end(io.vertx.core.buffer.Buffer.buffer(out.toByteArray()));
    }
}
