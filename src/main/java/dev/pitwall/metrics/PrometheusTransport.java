package dev.pitwall.metrics;

import java.time.Duration;

/**
 * How Prometheus' HTTP API is reached: directly at its URL ({@link HttpTransport}), or through a
 * Kubernetes API server's service proxy (in {@code kube}). A transport only carries the request;
 * {@link PrometheusClient} reads the answer.
 */
public interface PrometheusTransport {

    /** What came back: the HTTP status and at most {@code maxBytes + 1} bytes of body (more means too much). */
    record Answer(int status, byte[] body) {
    }

    /**
     * GETs {@code pathAndQuery} (starting {@code /api/v1/}), within {@code timeout}.
     *
     * @throws MetricsException when nothing came back in time, naming {@link #where()} and the next step
     */
    Answer get(String pathAndQuery, Duration timeout, int maxBytes);

    /** Where Prometheus is, for messages: never a credential. */
    String where();

    /**
     * Reads at most {@code maxBytes + 1} bytes of an answer's body within {@code timeout}: the
     * time-out covers the body too, so a server that sends its headers and then trickles is cut off.
     */
    static byte[] readBody(java.io.InputStream in, Duration timeout, int maxBytes, String where) {
        java.util.concurrent.CompletableFuture<byte[]> body = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return in.readNBytes(maxBytes + 1);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
        try {
            return body.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new MetricsException("Prometheus at " + where + " did not finish its answer within " + timeout.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new MetricsException("Prometheus at " + where + " broke off its answer (" + e.getCause().getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsException("interrupted while reading Prometheus' answer at " + where);
        } finally {
            try {
                in.close();
            } catch (java.io.IOException ignored) {
                // the answer is read or abandoned; nothing more to do with the stream
            }
        }
    }
}
