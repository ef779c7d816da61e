package dev.pitwall.fleet;

/**
 * How Pitwall recognises a model-serving fleet in Kubernetes objects (documented in
 * {@code docs/fleet-conventions.md}): Deployments labelled as model servers, grouped into model
 * services by name, split into tracks, with the version they serve.
 */
public final class Conventions {

    /** The model service a Deployment, Service or pod belongs to. */
    public static final String MODEL_LABEL = "app.kubernetes.io/name";
    /** Marks a Deployment as a model server ({@link #MODEL_SERVER}). */
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    public static final String MODEL_SERVER = "model-server";
    /** The version the Deployment serves. */
    public static final String VERSION_LABEL = "app.kubernetes.io/version";
    /** The track: primary, standby or canary. */
    public static final String TRACK_LABEL = "pitwall.dev/track";
    /** On a model-server Deployment (or its pod template): the requests per second one pod serves within its objective. */
    public static final String CAPACITY_ANNOTATION = "pitwall.dev/capacity-rps";
    /** On a model's HTTPRoute: the URL its clients call (where a drill's load step sends its requests). */
    public static final String LOAD_URL_ANNOTATION = "pitwall.dev/load-url";

    private Conventions() {
    }
}
