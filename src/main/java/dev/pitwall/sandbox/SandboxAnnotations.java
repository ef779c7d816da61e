package dev.pitwall.sandbox;

/**
 * Annotations through which a sandbox object says how its simulated behaviour goes. They live in
 * the objects, as a real container's behaviour lives in its image, so that kubectl shows them.
 */
public final class SandboxAnnotations {

    /** On a pod (template): seconds from container start to Ready (the model's load time). */
    public static final String STARTUP_SECONDS = "sandbox.pitwall.dev/startup-seconds";
    /** On a pod (template): seconds the server takes to drain and exit after SIGTERM. */
    public static final String SHUTDOWN_SECONDS = "sandbox.pitwall.dev/shutdown-seconds";
    /** On a pod (template): median service time in milliseconds. */
    public static final String LATENCY_MS = "sandbox.pitwall.dev/latency-ms";
    /** On a pod (template): 99th percentile service time in milliseconds. */
    public static final String LATENCY_P99_MS = "sandbox.pitwall.dev/latency-p99-ms";
    /** On a pod (template): requests per second one pod serves at saturation. */
    public static final String CAPACITY_RPS = "sandbox.pitwall.dev/capacity-rps";
    /** On a pod (template): requests that may wait for a worker before the server answers 503. */
    public static final String QUEUE_LIMIT = "sandbox.pitwall.dev/queue-limit";
    /** On a pod (template): the share of requests (0 to 1) the version fails with 500. */
    public static final String ERROR_RATE = "sandbox.pitwall.dev/error-rate";
    /** On a node: seconds a NotReady node keeps its pods before they are evicted. */
    public static final String NODE_EVICTION_SECONDS = "sandbox.pitwall.dev/node-eviction-seconds";

    private SandboxAnnotations() {
    }
}
