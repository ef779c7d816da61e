package dev.pitwall.kube.watch;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

/**
 * The copies of Deployments, ReplicaSets and EndpointSlices that their informers keep between
 * events ({@link SlimStore}): exactly what {@link ModelServices} and the informers' indexers read,
 * and nothing of the pod template's spec, the managed fields or the last-applied annotation that
 * make up most of each object. These three change with nearly every pod transition, so each full
 * copy used to live from one event of its object to the next (seconds), long enough to be copied
 * by young collections and to die in the old generation (docs/benchmarks.md, seventeenth round).
 *
 * <p>A reader of these caches that needs a field not kept here must add it here first; the test
 * beside this class assembles model services from full and from slim objects and compares them.
 */
final class SlimObjects {

    static final String REVISION = "deployment.kubernetes.io/revision";

    /** What an endpoint's readiness is all that is kept of: every kept endpoint is one of these two, shared. */
    private static final Endpoint READY = endpoint(true);
    private static final Endpoint NOT_READY = endpoint(false);

    private SlimObjects() {
    }

    /** Namespace, name, uid and resource version: what an informer keys by and compares. */
    static ObjectMeta keys(ObjectMeta full) {
        ObjectMeta kept = new ObjectMeta();
        kept.setNamespace(full.getNamespace());
        kept.setName(full.getName());
        kept.setUid(full.getUid());
        kept.setResourceVersion(full.getResourceVersion());
        return kept;
    }

    /** The keys, the labels (which the indexers read) and the revision annotation. */
    private static ObjectMeta labelled(ObjectMeta full) {
        ObjectMeta kept = keys(full);
        kept.setLabels(full.getLabels());
        String revision = full.getAnnotations() == null ? null : full.getAnnotations().get(REVISION);
        kept.setAnnotations(revision == null ? Map.of() : Map.of(REVISION, revision));
        return kept;
    }

    static Deployment deployment(Deployment full) {
        Deployment slim = new Deployment();
        slim.setMetadata(labelled(full.getMetadata()));
        slim.getMetadata().setGeneration(full.getMetadata().getGeneration());
        DeploymentSpec spec = full.getSpec();
        if (spec != null) {
            DeploymentSpec kept = new DeploymentSpec();
            kept.setReplicas(spec.getReplicas());
            kept.setPaused(spec.getPaused());
            if (spec.getTemplate() != null) {
                PodTemplateSpec template = new PodTemplateSpec();
                if (spec.getTemplate().getMetadata() != null) {
                    ObjectMeta labels = new ObjectMeta();
                    labels.setLabels(spec.getTemplate().getMetadata().getLabels());
                    template.setMetadata(labels);
                }
                kept.setTemplate(template);
            }
            slim.setSpec(kept);
        }
        DeploymentStatus status = full.getStatus();
        if (status != null) {
            DeploymentStatus kept = new DeploymentStatus();
            kept.setObservedGeneration(status.getObservedGeneration());
            kept.setReplicas(status.getReplicas());
            kept.setUpdatedReplicas(status.getUpdatedReplicas());
            kept.setReadyReplicas(status.getReadyReplicas());
            kept.setAvailableReplicas(status.getAvailableReplicas());
            if (status.getConditions() != null) {
                kept.setConditions(status.getConditions().stream().filter(c -> "Progressing".equals(c.getType()))
                        .map(c -> {
                            DeploymentCondition condition = new DeploymentCondition();
                            condition.setType(c.getType());
                            condition.setReason(c.getReason());
                            return condition;
                        }).toList());
            }
            slim.setStatus(kept);
        }
        return slim;
    }

    static ReplicaSet replicaSet(ReplicaSet full) {
        ReplicaSet slim = new ReplicaSet();
        slim.setMetadata(labelled(full.getMetadata()));
        if (full.getMetadata().getOwnerReferences() != null) {
            slim.getMetadata().setOwnerReferences(full.getMetadata().getOwnerReferences().stream().map(owner -> {
                OwnerReference kept = new OwnerReference();
                kept.setUid(owner.getUid());
                kept.setKind(owner.getKind());
                kept.setName(owner.getName());
                return kept;
            }).toList());
        }
        if (full.getSpec() != null) {
            ReplicaSetSpec spec = new ReplicaSetSpec();
            spec.setReplicas(full.getSpec().getReplicas());
            slim.setSpec(spec);
        }
        if (full.getStatus() != null) {
            ReplicaSetStatus status = new ReplicaSetStatus();
            status.setReplicas(full.getStatus().getReplicas());
            status.setReadyReplicas(full.getStatus().getReadyReplicas());
            status.setAvailableReplicas(full.getStatus().getAvailableReplicas());
            slim.setStatus(status);
        }
        return slim;
    }

    static EndpointSlice endpointSlice(EndpointSlice full) {
        EndpointSlice slim = new EndpointSlice();
        slim.setMetadata(keys(full.getMetadata()));
        slim.getMetadata().setLabels(full.getMetadata().getLabels());
        slim.setEndpoints(full.getEndpoints() == null ? null : full.getEndpoints().stream()
                .map(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()) ? READY : NOT_READY)
                .toList());
        return slim;
    }

    private static Endpoint endpoint(boolean ready) {
        EndpointConditions conditions = new EndpointConditions();
        conditions.setReady(ready);
        Endpoint endpoint = new Endpoint();
        endpoint.setConditions(conditions);
        return endpoint;
    }
}
