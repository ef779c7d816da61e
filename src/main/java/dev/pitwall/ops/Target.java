package dev.pitwall.ops;

/**
 * What an operation acts on: a Deployment (a model service's track) in a context.
 *
 * @param context    the kubeconfig context
 * @param namespace  the Deployment's namespace
 * @param deployment the Deployment's name; what "type the name" confirmations ask for
 * @param model      the model service it belongs to (its Lease is per model service); the
 *                   Deployment's name when it belongs to none
 */
public record Target(String context, String namespace, String deployment, String model) {

    public String describe() {
        return namespace + "/" + deployment + " in " + context;
    }
}
