package dev.pitwall.sandbox.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.Set;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The sandbox's control plane: each controller an ordinary Kubernetes client of the sandbox's
 * API server (over HTTPS, with the controllers' identity), sharing one set of informers. Any
 * of them can be left out where a real control plane provides it.
 */
public final class Controllers implements AutoCloseable {

    /** Every controller by name, in start order; handlers are registered before the informers start. */
    private static final Map<String, BiFunction<KubernetesClient, ClusterCache, Controller>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("deployment", DeploymentController::new);
        FACTORIES.put("replicaset", ReplicaSetController::new);
        FACTORIES.put("scheduler", Scheduler::new);
        FACTORIES.put("kubelet", (client, cache) -> new Kubelet(client, cache, 4));
        FACTORIES.put("endpointslice", EndpointSliceController::new);
        FACTORIES.put("nodelifecycle", NodeLifecycleController::new);
        FACTORIES.put("garbagecollector", GarbageCollector::new);
        FACTORIES.put("disruption", DisruptionController::new);
    }

    /** Which controllers run. */
    public record Selection(Set<String> enabled) {
        public static final Set<String> ALL = Set.copyOf(FACTORIES.keySet());

        public Selection {
            enabled = Set.copyOf(enabled);
            for (String name : enabled) {
                if (!ALL.contains(name)) {
                    throw new IllegalArgumentException("no sandbox controller named '" + name + "'; they are " + ALL);
                }
            }
        }

        public static Selection all() {
            return new Selection(ALL);
        }

        public static Selection none() {
            return new Selection(Set.of());
        }

        public Selection without(String... names) {
            Set<String> left = new java.util.HashSet<>(enabled);
            List.of(names).forEach(left::remove);
            return new Selection(left);
        }
    }

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final List<Controller> running;

    private Controllers(KubernetesClient client, ClusterCache cache, List<Controller> running) {
        this.client = client;
        this.cache = cache;
        this.running = running;
    }

    /** A client of the sandbox's API server with a given identity's token; never reads a kubeconfig. */
    public static KubernetesClient client(String url, String caCertificatePem, String token) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url)
                .withOauthToken(token)
                .withCaCertData(Base64.getEncoder().encodeToString(caCertificatePem.getBytes(StandardCharsets.US_ASCII)))
                .withMaxConcurrentRequests(256)
                .withMaxConcurrentRequestsPerHost(128)
                .withRequestTimeout(10_000)
                .withConnectionTimeout(5_000)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    public static Controllers start(String url, String caCertificatePem, String token, Selection selection) {
        KubernetesClient client = client(url, caCertificatePem, token);
        if (selection.enabled().isEmpty()) {
            return new Controllers(client, null, List.of());
        }
        ClusterCache cache = new ClusterCache(client);
        List<Controller> controllers = new ArrayList<>();
        FACTORIES.forEach((name, factory) -> {
            if (selection.enabled().contains(name)) {
                controllers.add(factory.apply(client, cache));
            }
        });
        try {
            cache.startAndSync(30);
        } catch (RuntimeException e) {
            cache.close();
            client.close();
            throw e;
        }
        controllers.forEach(Controller::start);
        return new Controllers(client, cache, controllers);
    }

    @Override
    public void close() {
        running.forEach(Controller::close);
        if (cache != null) {
            cache.close();
        }
        client.close();
    }
}
