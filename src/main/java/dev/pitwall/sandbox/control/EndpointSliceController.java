package dev.pitwall.sandbox.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * Keeps one EndpointSlice per Service listing the pods its selector picks that have an address,
 * with the conditions the gateway routes by: ready, serving, terminating.
 */
final class EndpointSliceController extends Controller {

    private final KubernetesClient client;
    private final ClusterCache cache;

    EndpointSliceController(KubernetesClient client, ClusterCache cache) {
        super("endpointslice", 1);
        this.client = client;
        this.cache = cache;
        cache.services.addEventHandler(enqueueingSelf());
        cache.pods.addEventHandler(enqueueing(this::servicesSelecting));
    }

    private List<String> servicesSelecting(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return List.of();
        }
        return cache.services.getIndexer().byIndex(Cache.NAMESPACE_INDEX, pod.getMetadata().getNamespace()).stream()
                .filter(service -> selects(service, labels)).map(Controller::key).toList();
    }

    private static boolean selects(Service service, Map<String, String> labels) {
        Map<String, String> selector = service.getSpec().getSelector();
        return selector != null && !selector.isEmpty() && labels != null
                && selector.entrySet().stream().allMatch(term -> term.getValue().equals(labels.get(term.getKey())));
    }

    @Override
    void reconcile(String key) {
        Service service = ClusterCache.get(cache.services, key);
        if (service == null || service.getSpec().getSelector() == null || service.getSpec().getSelector().isEmpty()) {
            return;
        }
        List<Endpoint> endpoints = new ArrayList<>();
        cache.podsSelected(service.getMetadata().getNamespace(), dev.pitwall.sandbox.store.LabelSelector.fromMap(
                        dev.pitwall.sandbox.store.KubeObjects.JSON.valueToTree(service.getSpec().getSelector()))).stream()
                .filter(pod -> pod.getStatus() != null && pod.getStatus().getPodIP() != null && !PodStates.finished(pod))
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .forEach(pod -> {
                    boolean ready = PodStates.ready(pod);
                    boolean terminating = PodStates.terminating(pod);
                    endpoints.add(new EndpointBuilder().withAddresses(pod.getStatus().getPodIP())
                            .withNewConditions().withReady(ready && !terminating).withServing(ready).withTerminating(terminating)
                            .endConditions()
                            .withNodeName(pod.getSpec().getNodeName())
                            .withNewTargetRef().withKind("Pod").withName(pod.getMetadata().getName())
                            .withNamespace(pod.getMetadata().getNamespace()).withUid(pod.getMetadata().getUid()).endTargetRef()
                            .build());
                });
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort port : service.getSpec().getPorts()) {
            Integer target = port.getTargetPort() != null && port.getTargetPort().getIntVal() != null
                    ? port.getTargetPort().getIntVal() : port.getPort();
            ports.add(new EndpointPortBuilder().withName(port.getName()).withPort(target)
                    .withProtocol(port.getProtocol() == null ? "TCP" : port.getProtocol()).build());
        }
        String name = service.getMetadata().getName();
        EndpointSlice existing = cache.slicesOwnedBy(service.getMetadata().getUid()).stream().findFirst().orElse(null);
        if (existing != null && Objects.equals(existing.getEndpoints(), endpoints) && Objects.equals(existing.getPorts(), ports)) {
            return;
        }
        EndpointSlice slice = new EndpointSliceBuilder()
                .withNewMetadata().withName(existing == null ? name + "-sandbox" : existing.getMetadata().getName())
                .withNamespace(service.getMetadata().getNamespace())
                .addToLabels("kubernetes.io/service-name", name)
                .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Service").withName(name)
                        .withUid(service.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withAddressType("IPv4").withEndpoints(endpoints).withPorts(ports).build();
        client.discovery().v1().endpointSlices().inNamespace(service.getMetadata().getNamespace()).resource(slice)
                .createOr(NonDeletingOperation::update);
    }
}
