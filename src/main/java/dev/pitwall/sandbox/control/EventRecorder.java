package dev.pitwall.sandbox.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Writes core/v1 Events on objects, as Kubernetes components do; kubectl describe shows them. */
final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String component;

    EventRecorder(KubernetesClient client, String component) {
        this.client = client;
        this.component = component;
    }

    void normal(HasMetadata object, String reason, String message) {
        record(object, "Normal", reason, message);
    }

    void warning(HasMetadata object, String reason, String message) {
        record(object, "Warning", reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String namespace = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName(object.getMetadata().getName() + ".").withNamespace(namespace).endMetadata()
                    .withNewInvolvedObject().withKind(object.getKind()).withApiVersion(object.getApiVersion())
                    .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
                    .withUid(object.getMetadata().getUid()).endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource().withComponent(component).endSource()
                    .withReportingComponent(component)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debug("event {} on {} not recorded: {}", reason, object.getMetadata().getName(), e.getMessage());
        }
    }
}
