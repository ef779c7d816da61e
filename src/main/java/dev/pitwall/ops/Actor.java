package dev.pitwall.ops;

/**
 * Who runs an operation, as the journal and the Lease name them.
 *
 * @param user    the Kubernetes user (SelfSubjectReview)
 * @param role    the Pitwall role the policy gives them
 * @param context the kubeconfig context
 */
public record Actor(String user, String role, String context) {

    /** "operator (pitwall pid 1234 on laptop)": how a Lease names its holder to a second operator. */
    public String holder(String operation) {
        String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException ignored) {
            // keep the environment's name
        }
        return user + " (pitwall pid " + ProcessHandle.current().pid() + " on " + host + ", operation " + operation + ")";
    }
}
