package dev.pitwall.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Lease (coordination.k8s.io/v1) an operation holds on its model service while it runs, named
 * {@code pitwall-<model>} in the service's namespace, so that a second operator's Pitwall is told
 * who holds the service instead of acting on it. Renewed while the operation runs; a holder that
 * died stops renewing and the Lease expires after {@value #SECONDS} s. Every write goes through
 * {@code send}, which journals it first.
 */
final class ServiceLease {

    static final int SECONDS = 30;
    static final Duration RENEW = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Kubernetes MicroTime (RFC 3339 with microseconds), as Lease acquireTime and renewTime require. */
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

    private final KubernetesClient client;
    private final Function<KubeRequest, GenericKubernetesResource> send;
    private final String namespace;
    private final String name;
    private final String holder;
    private final String operation;
    private String resourceVersion;

    ServiceLease(KubernetesClient client, Function<KubeRequest, GenericKubernetesResource> send, Target target, String holder,
                 String operation) {
        this.client = client;
        this.send = send;
        this.namespace = target.namespace();
        this.name = "pitwall-" + target.model();
        this.holder = holder;
        this.operation = operation;
    }

    /** The refusal to give when someone else holds the Lease unexpired; null when it is free (or ours, resumed). */
    String refusal() {
        GenericKubernetesResource current = current();
        return current == null ? null : refusal(current);
    }

    private GenericKubernetesResource current() {
        return client.genericKubernetesResources("coordination.k8s.io/v1", "Lease").inNamespace(namespace).withName(name).get();
    }

    /** Who holds a Lease, since when, for how long. */
    private record Holder(String identity, Instant renewed, int duration) {
        static Holder of(GenericKubernetesResource lease) {
            Object spec = lease.getAdditionalProperties().get("spec");
            if (!(spec instanceof java.util.Map<?, ?> map)) {
                return new Holder("", Instant.EPOCH, SECONDS);
            }
            return new Holder(map.get("holderIdentity") == null ? "" : String.valueOf(map.get("holderIdentity")),
                    map.get("renewTime") == null ? Instant.EPOCH : Instant.parse(String.valueOf(map.get("renewTime"))),
                    map.get("leaseDurationSeconds") instanceof Number seconds ? seconds.intValue() : SECONDS);
        }

        boolean runs(String operation) {
            return identity.contains("operation " + operation + ")");
        }
    }

    private String refusal(GenericKubernetesResource current) {
        Holder holder = Holder.of(current);
        boolean expired = holder.renewed().plusSeconds(holder.duration()).isBefore(Instant.now());
        if (holder.identity().isEmpty() || expired || holder.runs(operation)) {
            return null;
        }
        return namespace + "/" + name.substring("pitwall-".length()) + " is held by " + holder.identity() + ", renewed "
                + holder.renewed().truncatedTo(ChronoUnit.SECONDS) + ": another operation is running on it. Wait for it to finish"
                + " (the hold lapses " + holder.duration() + " s after its last renewal) or ask them.";
    }

    /** Takes the Lease, unless someone else holds it unexpired (the same operation, resumed, takes it over). */
    void acquire() {
        GenericKubernetesResource current = current();
        String now = ZonedDateTime.now(java.time.ZoneOffset.UTC).format(MICRO);
        if (current == null) {
            resourceVersion = send.apply(request("create", body(now, null))).getMetadata().getResourceVersion();
            return;
        }
        String refusal = refusal(current);
        if (refusal != null) {
            throw new OperationRefused(refusal);
        }
        resourceVersion = send.apply(request("update", body(now, current.getMetadata().getResourceVersion())))
                .getMetadata().getResourceVersion();
    }

    /** Releases the Lease if this operation holds it (a holder that died left it); true when it did. */
    boolean releaseIfOurs() {
        GenericKubernetesResource current = current();
        if (current == null) {
            return false;
        }
        if (!Holder.of(current).runs(operation)) {
            return false;
        }
        release();
        return true;
    }

    void renew() {
        String now = ZonedDateTime.now(java.time.ZoneOffset.UTC).format(MICRO);
        resourceVersion = send.apply(request("update", body(now, resourceVersion))).getMetadata().getResourceVersion();
    }

    void release() {
        send.apply(new KubeRequest("delete", "coordination.k8s.io", "v1", "Lease", "leases", "", namespace, name, "", ""));
    }

    private String body(String now, String version) {
        ObjectNode lease = JSON.createObjectNode();
        lease.put("apiVersion", "coordination.k8s.io/v1");
        lease.put("kind", "Lease");
        ObjectNode metadata = lease.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        if (version != null) {
            metadata.put("resourceVersion", version);
        }
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", "pitwall");
        ObjectNode spec = lease.putObject("spec");
        spec.put("holderIdentity", holder);
        spec.put("leaseDurationSeconds", SECONDS);
        spec.put("acquireTime", now);
        spec.put("renewTime", now);
        return JSON.writeValueAsString(lease);
    }

    private KubeRequest request(String verb, String body) {
        return new KubeRequest(verb, "coordination.k8s.io", "v1", "Lease", "leases", "", namespace, name, "", body);
    }
}
