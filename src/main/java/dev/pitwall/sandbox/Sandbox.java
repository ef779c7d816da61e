package dev.pitwall.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import dev.pitwall.sandbox.apiserver.ApiServer;
import dev.pitwall.sandbox.control.Controllers;
import dev.pitwall.sandbox.dataplane.DataPlane;
import dev.pitwall.sandbox.preset.Preset;
import dev.pitwall.sandbox.preset.PresetInstaller;
import dev.pitwall.sandbox.preset.SteadyStateSeeder;
import dev.pitwall.sandbox.rbac.Authenticator;
import dev.pitwall.sandbox.store.KubeObjects;
import dev.pitwall.sandbox.store.ObjectStore;
import dev.pitwall.sandbox.store.ResourceType;
import dev.pitwall.sandbox.store.ResourceTypes;
import io.vertx.core.Vertx;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Pitwall's embedded sandbox fleet: a Kubernetes API server on a loopback address, the
 * identities and RBAC of {@code app/sandbox/rbac.yaml}, a preset's objects, and the controllers
 * that make them live (each an ordinary Kubernetes client). The console reaches it only through
 * the kubeconfig it writes, as it would reach any cluster.
 */
public final class Sandbox implements AutoCloseable {

    /**
     * How to start a sandbox.
     *
     * @param name        the cluster name, prefix of its kubeconfig contexts
     * @param preset      the topology to install
     * @param host        the loopback address to serve on
     * @param port        the port, 0 for any free one
     * @param kubeconfig  where to write the kubeconfig
     * @param controllers which controllers to run
     * @param seeded      whether to write the preset's settled state (ReplicaSets, Ready pods) at start
     * @param churn       pod state transitions per second to cause, 0 for none
     * @param dataPlane   whether pods serve real HTTP behind per-model gateways (off at scale)
     */
    public record Options(String name, Preset preset, String host, int port, Path kubeconfig,
                          Controllers.Selection controllers, boolean seeded, double churn, boolean dataPlane,
                          Credentials credentials) {

        /** A sandbox on any free loopback port with every controller and the data plane, starting from nothing. */
        public static Options of(String name, Preset preset, Path kubeconfig) {
            return new Options(name, preset, "127.0.0.1", 0, kubeconfig, Controllers.Selection.all(), false, 0, true, null);
        }

        public Options withPort(int newPort) {
            return new Options(name, preset, host, newPort, kubeconfig, controllers, seeded, churn, dataPlane, credentials);
        }

        public Options withControllers(Controllers.Selection selection) {
            return new Options(name, preset, host, port, kubeconfig, selection, seeded, churn, dataPlane, credentials);
        }

        /** Starts from the preset's settled state, churning, without the data plane (for scale). */
        public Options seeded(double transitionsPerSecond) {
            return new Options(name, preset, host, port, kubeconfig, controllers, true, transitionsPerSecond, false, credentials);
        }

        /** Reuses another sandbox's certificates and tokens, so that clients of it can reconnect to this one. */
        public Options withCredentials(Credentials reused) {
            return new Options(name, preset, host, port, kubeconfig, controllers, seeded, churn, dataPlane, reused);
        }
    }

    /**
     * A pod the churn deleted (gracefully: it turns Terminating, then goes).
     *
     * @param sentNanos {@link System#nanoTime()} just before the deletion was sent to the store
     *                  (CLOCK_MONOTONIC on Linux, the same in every process of the machine)
     * @param node      the node it ran on
     */
    public record Churned(long sentNanos, String namespace, String name, String node) {

        /** Pod state transitions one deletion makes: terminating, gone, created, scheduled, running, ready. */
        public static final int TRANSITIONS = ChurnDriver.TRANSITIONS_PER_REPLACEMENT;

        /** As {@code --churn-log} prints it: {@code churn NANOS NAMESPACE/NAME NODE}. */
        public String line() {
            return "churn " + sentNanos + " " + namespace + "/" + name + " " + node;
        }

        /** A line {@link #line()} printed; empty for any other line. */
        public static java.util.Optional<Churned> parse(String line) {
            String[] fields = line.split(" ", -1);
            int slash = fields.length == 4 ? fields[2].indexOf('/') : -1;
            if (slash < 0 || !fields[0].equals("churn")) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(new Churned(Long.parseLong(fields[1]), fields[2].substring(0, slash),
                        fields[2].substring(slash + 1), fields[3]));
            } catch (NumberFormatException notOurs) {
                return java.util.Optional.empty();
            }
        }
    }

    /** A sandbox's TLS material and tokens (secrets: never logged). */
    public record Credentials(SandboxCertificates certificates, Map<SandboxIdentity, String> tokens) {
        public Credentials {
            tokens = Map.copyOf(tokens);
        }
    }

    private final Options options;
    private final Vertx vertx;
    private final ObjectStore store;
    private final ApiServer apiServer;
    private final Map<SandboxIdentity, String> tokens = new EnumMap<>(SandboxIdentity.class);
    private final String url;
    private final SandboxCertificates certificates;
    private Controllers controllers;
    private ChurnDriver churn;
    private DataPlane dataPlane;
    private io.fabric8.kubernetes.client.KubernetesClient dataPlaneClient;

    private Sandbox(Options options) {
        this.options = options;
        Clock clock = Clock.systemUTC();
        this.store = new ObjectStore(clock);
        Authenticator authenticator = new Authenticator();
        SecureRandom random = new SecureRandom();
        for (SandboxIdentity identity : SandboxIdentity.values()) {
            String token = options.credentials() != null ? options.credentials().tokens().get(identity) : null;
            if (token == null) {
                byte[] bytes = new byte[24];
                random.nextBytes(bytes);
                token = "sandbox-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            }
            tokens.put(identity, token);
            authenticator.register(token, identity.userInfo());
        }
        this.vertx = Vertx.vertx();
        this.apiServer = new ApiServer(vertx, store, ResourceTypes.STANDARD, authenticator, clock);
        try {
            installRbac();
            new PresetInstaller(store, ResourceTypes.STANDARD).install(options.preset());
            if (options.seeded()) {
                new SteadyStateSeeder(store, ResourceTypes.STANDARD).seed(options.preset().namespace());
            }
            this.certificates = options.credentials() != null ? options.credentials().certificates()
                    : SandboxCertificates.create(options.host());
            int port = apiServer.start(options.host(), options.port(), certificates.serverCertificatePem(),
                    certificates.serverKeyPem());
            this.url = "https://" + options.host() + ":" + port;
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** Starts a sandbox: serves, writes its kubeconfig, starts its controllers. */
    public static Sandbox start(Options options) {
        Sandbox sandbox = new Sandbox(options);
        try {
            SandboxKubeconfig.write(options.kubeconfig(), options.name(), sandbox.url,
                    sandbox.certificates.caCertificatePem(), options.preset().namespace(), sandbox.tokens);
            sandbox.controllers = Controllers.start(sandbox.url, sandbox.certificates.caCertificatePem(),
                    sandbox.tokens.get(SandboxIdentity.CONTROLLERS), options.controllers());
            if (options.dataPlane()) {
                sandbox.dataPlaneClient = Controllers.client(sandbox.url, sandbox.certificates.caCertificatePem(),
                        sandbox.tokens.get(SandboxIdentity.CONTROLLERS));
                sandbox.dataPlane = DataPlane.start(sandbox.vertx, sandbox.dataPlaneClient, options.preset().namespace(),
                        options.host());
            }
            if (options.churn() > 0) {
                sandbox.churn = new ChurnDriver(sandbox.store, ResourceTypes.STANDARD.find("", "pods").orElseThrow(),
                        options.preset().namespace(), options.churn());
                sandbox.churn.start();
            }
        } catch (IOException e) {
            sandbox.close();
            throw new UncheckedIOException("cannot write the sandbox kubeconfig to " + options.kubeconfig(), e);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    private void installRbac() {
        try (InputStream in = Sandbox.class.getResourceAsStream("/app/sandbox/rbac.yaml")) {
            if (in == null) {
                throw new IllegalStateException("app/sandbox/rbac.yaml is missing from the build");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            try (var documents = YAMLMapper.builder().build().readerFor(JsonNode.class).<JsonNode>readValues(text)) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document == null || !document.isObject()) {
                        continue;
                    }
                    ResourceType type = ResourceTypes.STANDARD.byKind(document.path("apiVersion").asString(),
                            document.path("kind").asString()).orElseThrow();
                    store.create(type, KubeObjects.namespace(document), (ObjectNode) document, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tells {@code listener} of every pod the churn deletes from now on; nothing when the sandbox does not churn. */
    public void onChurn(java.util.function.Consumer<Churned> listener) {
        if (churn != null) {
            churn.onDeletion(listener);
        }
    }

    public String url() {
        return url;
    }

    public Options options() {
        return options;
    }

    public Path kubeconfig() {
        return options.kubeconfig();
    }

    public String name() {
        return options.name();
    }

    public String namespace() {
        return options.preset().namespace();
    }

    public String context(SandboxIdentity identity) {
        return SandboxKubeconfig.contextName(options.name(), identity);
    }

    /** The bearer token of an identity; a secret, for clients built in-process. */
    public String token(SandboxIdentity identity) {
        return tokens.get(identity);
    }

    /** Its certificates and tokens, to start a successor that its clients can reconnect to. */
    public Credentials credentials() {
        return new Credentials(certificates, tokens);
    }

    /** The port the API server listens on. */
    public int port() {
        return apiServer.port();
    }

    /** The CA certificate (PEM) that signed the API server's certificate. */
    public String caCertificatePem() {
        return certificates.caCertificatePem();
    }

    /**
     * Makes a Prometheus that runs outside (on loopback at {@code url}) findable as a cluster's
     * would be: the Service {@code monitoring/prometheus} labelled
     * {@code app.kubernetes.io/name: prometheus}, without a selector, and an EndpointSlice with the
     * address, so clients reach it through the API server's service proxy. Again with another URL
     * moves it (Prometheus restarted elsewhere).
     */
    public void announcePrometheus(String url) {
        java.net.URI uri = java.net.URI.create(url);
        ResourceType namespaces = ResourceTypes.STANDARD.find("", "namespaces").orElseThrow();
        ResourceType services = ResourceTypes.STANDARD.find("", "services").orElseThrow();
        ResourceType slices = ResourceTypes.STANDARD.find("discovery.k8s.io", "endpointslices").orElseThrow();
        if (store.get(namespaces, "", "monitoring").isEmpty()) {
            store.create(namespaces, "", (ObjectNode) KubeObjects.JSON.readTree("""
                    {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "monitoring"}}"""), false);
        }
        if (store.get(services, "monitoring", "prometheus").isEmpty()) {
            store.create(services, "monitoring", (ObjectNode) KubeObjects.JSON.readTree("""
                    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "prometheus", "namespace": "monitoring",
                     "labels": {"app.kubernetes.io/name": "prometheus"}},
                     "spec": {"ports": [{"name": "web", "port": 9090, "protocol": "TCP"}]}}"""), false);
        }
        if (store.get(slices, "monitoring", "prometheus-loopback").isPresent()) {
            store.delete(slices, "monitoring", "prometheus-loopback", null, null, null, false);
        }
        store.create(slices, "monitoring", (ObjectNode) KubeObjects.JSON.readTree("""
                {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv4",
                 "metadata": {"name": "prometheus-loopback", "namespace": "monitoring",
                              "labels": {"kubernetes.io/service-name": "prometheus"}},
                 "endpoints": [{"addresses": ["%s"], "conditions": {"ready": true}}],
                 "ports": [{"name": "web", "port": %d, "protocol": "TCP"}]}""".formatted(uri.getHost(), uri.getPort())), false);
    }

    /** The data plane (model servers and gateways), or null when it is off. */
    public DataPlane dataPlane() {
        return dataPlane;
    }

    public ObjectStore store() {
        return store;
    }

    public ApiServer apiServer() {
        return apiServer;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops the sandbox; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (churn != null) {
            churn.close();
        }
        if (dataPlane != null) {
            dataPlane.close();
            dataPlaneClient.close();
        }
        if (controllers != null) {
            controllers.close();
        }
        apiServer.close();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // closing anyway: nothing left to release
        }
    }
}
