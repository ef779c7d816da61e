package dev.pitwall.sandbox.dataplane;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Recorder;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Open-loop load on one model service: predictions sent at Poisson arrival times at a set rate,
 * whether or not earlier ones have been answered (so an overloaded server cannot slow the load
 * down, as real clients do not), with a count of every outcome and a latency histogram.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final String BODY = "{\"instances\":[[0.5,1.2,-0.3,2.0,0.0,1.1,-1.4,0.7]]}";

    private final HttpClient client;
    private final URI target;
    private final String path;
    private final double rate;
    private final Thread sender;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Recorder latency = new Recorder(3);
    private final org.HdrHistogram.Histogram total = new org.HdrHistogram.Histogram(3);
    private final long startedNanos = System.nanoTime();
    private volatile long stoppedNanos;
    private volatile boolean running = true;

    private LoadGenerator(Vertx vertx, URI target, String model, double rate) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                        .setConnectTimeout(2_000).setIdleTimeout(30).setIdleTimeoutUnit(TimeUnit.SECONDS),
                new PoolOptions().setHttp1MaxSize(512));
        this.target = target;
        this.path = "/v1/models/" + model + ":predict";
        this.rate = rate;
        this.sender = Thread.ofPlatform().daemon().name("load-" + model).unstarted(this::send);
    }

    /** Starts sending {@code rate} predictions per second to {@code gatewayUrl} for {@code model}. */
    public static LoadGenerator start(Vertx vertx, String gatewayUrl, String model, double rate) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("the load rate must be above 0 requests per second, not " + rate);
        }
        LoadGenerator generator = new LoadGenerator(vertx, URI.create(gatewayUrl), model, rate);
        generator.sender.start();
        return generator;
    }

    private void send() {
        long next = System.nanoTime();
        while (running) {
            next += (long) (-Math.log(1 - ThreadLocalRandom.current().nextDouble()) / rate * 1e9);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!running) {
                return;
            }
            fire();
        }
    }

    private void fire() {
        long start = System.nanoTime();
        sent.incrementAndGet();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.getHost())
                .setPort(target.getPort()).setURI(path).putHeader("Content-Type", "application/json");
        client.request(options).compose(request -> request.send(Buffer.buffer(BODY)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onSuccess(status -> {
                    latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                    byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
                    completed.incrementAndGet();
                })
                .onFailure(error -> failed.incrementAndGet());
    }

    /** What has been seen so far. */
    public synchronized LoadSummary summary() {
        total.add(latency.getIntervalHistogram());
        long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
        Map<Integer, Long> statuses = new java.util.HashMap<>();
        byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
        return new LoadSummary(sent.get(), completed.get(), statuses, failed.get(),
                total.getValueAtPercentile(50) / 1000.0, total.getValueAtPercentile(99) / 1000.0, total.getMaxValue() / 1000.0,
                (end - startedNanos) / 1e9);
    }

    /** Stops sending and waits, at most {@code drainMillis}, for the answers still due. */
    public LoadSummary stop(long drainMillis) {
        running = false;
        stoppedNanos = System.nanoTime();
        sender.interrupt();
        long deadline = System.currentTimeMillis() + drainMillis;
        while (completed.get() + failed.get() < sent.get() && System.currentTimeMillis() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
        return summary();
    }

    @Override
    public void close() {
        stop(0);
        client.close();
    }
}
